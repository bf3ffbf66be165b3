// Reading scenario JSON at scale and placing its problems: objects with very many keys (parsed
// by the ordered builder, whose result must equal nlohmann's own parse), positions from the
// text index, and documents nested too deep, reported where the level too many opens.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/json/json_build.hpp"
#include "sim/json/json_locate.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

constexpr const char* kAgents = R"("agents": [{"role": "honest", "count": 4}])";

// A scenario whose top level has `keys` comment keys "_c0", "_c1", ... after the agents, then
// `tail` (e.g. a repeated key), on one line.
std::string many_comment_keys(std::size_t keys, const std::string& tail = "") {
  std::string text = std::string("{") + kAgents;
  for (std::size_t i = 0; i < keys; ++i)
    text += ", \"_c" + std::to_string(i) + "\": " + std::to_string(i);
  return text + tail + "}";
}

// The exception Json::parse throws for `text`, as (id, byte); (0, 0) when it throws none.
template <class Parse>
std::pair<int, std::size_t> failure_of(Parse parse, const std::string& text) {
  try {
    parse(text);
  } catch (const Json::parse_error& e) {
    return {e.id, e.byte};
  } catch (const Json::exception& e) {
    return {e.id, 0};
  }
  return {0, 0};
}

}  // namespace

TEST_CASE("json: the ordered parser gives what nlohmann's parse gives, errors included") {
  const std::vector<std::string> documents = {
      R"({"b": 1, "a": [true, null, -2, 3.5e2, "x\u00e9\ud83d\ude00"], "c": {"z": {}, "y": []}})",
      R"({"k": 1, "j": 0, "k": {"deep": [1]}})",  // a repeated key: first place, last value
      R"([{"k": 1}, {"k": 2, "k": 3}])",
      R"("just a string")",
      "18446744073709551615",
      "-1"};
  for (const std::string& text : documents) {
    INFO(text);
    const Json expected = Json::parse(text);
    const Json built = parse_ordered_json(text);
    CHECK(built == expected);
    CHECK(built.dump() == expected.dump());  // the same key order, not only the same members
    REQUIRE(try_parse_ordered_json(text).has_value());
    CHECK(try_parse_ordered_json(text)->dump() == expected.dump());
  }
  const auto nlohmann = [](const std::string& text) { return Json::parse(text); };
  const auto ordered = [](const std::string& text) { return parse_ordered_json(text); };
  for (const std::string bad : {"{\"a\": 1,}", "[1, 2", "{\"a\" 1}", "1e999", "", "{} x"}) {
    INFO(bad);
    CHECK(failure_of(ordered, bad) == failure_of(nlohmann, bad));
    CHECK(failure_of(ordered, bad).first != 0);
    CHECK_FALSE(try_parse_ordered_json(bad).has_value());
  }
}

TEST_CASE("json input: an object of 200,000 comment keys loads, keys in file order") {
  const LoadResult result = load_scenario_text(many_comment_keys(200000), "many.json");
  INFO(all_messages(result).substr(0, 2000));
  REQUIRE(result.ok());
  const Json& document = result.scenario->document;
  REQUIRE(document.size() >= 200001);
  auto it = document.begin();
  CHECK(it.key() == "agents");
  CHECK((++it).key() == "_c0");
  CHECK((++it).key() == "_c1");
  CHECK(document.at("_c199999") == 199999);
}

TEST_CASE("json input: a key repeated among 200,000 is reported once, at its second place") {
  const std::string text = many_comment_keys(200000, ", \"_c7\": -1");
  const LoadResult result = load_scenario_text(text, "many.json");
  REQUIRE(result.diagnostics.size() == 1);
  const Diagnostic d = find(result, "/_c7", "duplicate key '_c7'");
  CHECK(d.line == 1);
  CHECK(static_cast<std::size_t>(d.column) == text.rfind("\"_c7\"") + 1);
}

TEST_CASE("json input: each of 20,000 unknown keys is reported at its own line:column") {
  std::string text = std::string("{") + kAgents + ",\n\"protocol\": {";
  for (int i = 0; i < 20000; ++i)
    text += (i ? ",\n  \"k" : "\n  \"k") + std::to_string(i) + "\": 1";
  text += "}}";
  const LoadResult result = load_scenario_text(text, "keys.json");
  CHECK(result.diagnostics.size() == 20000);
  for (const int i : {0, 1, 9999, 19999}) {
    const Diagnostic d = find(result, "/protocol/k" + std::to_string(i), "unknown key");
    CHECK(d.line == 3 + i);
    CHECK(d.column == 3);
  }
}

TEST_CASE("json: the text index gives position_of_offset's answer at every offset") {
  std::string text = "\xEF\xBB\xBF{\"a\": \"h\xC3\xA9llo\",\n\t\"b\": [1,\r\n 2]";
  while (text.size() < 20000) text += ", \"k\xE2\x82\xAC\": \"\xF0\x9F\x98\x80\"\n";
  const TextIndex index(text);
  for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
    const TextPosition expected = position_of_offset(text, offset);
    const TextPosition got = index.position(offset);
    if (got.line != expected.line || got.column != expected.column) {
      INFO("offset " << offset);
      CHECK(got.line == expected.line);
      CHECK(got.column == expected.column);
      break;
    }
  }
}

TEST_CASE("json: the text index finds members of big objects and arrays, the last of a key") {
  std::string text = "{\"big\": {";
  for (int i = 0; i < 5000; ++i)
    text += "\"k" + std::to_string(i) + "\": [" + std::to_string(i) + "], ";
  text += "\"k7\": [70, 71]}}";
  const TextIndex index(text);
  const LocatedValue seven = index.locate({"big", "k7", "1"});
  CHECK(seven.depth == 3);
  CHECK(text.substr(seven.value_offset, 2) == "71");
  const LocatedValue missing = index.locate({"big", "k5000"});
  CHECK(missing.depth == 1);
  CHECK(text.substr(missing.key_offset, 5) == "\"big\"");
  CHECK(index.locate({"big", "k12", "01"}).depth == 2);  // no leading zeros in an index
}

TEST_CASE("json input: nesting beyond 64 levels is reported where the 65th level opens") {
  const std::string brackets = std::string(70, '[') + std::string(70, ']');
  const LoadResult result = load_scenario_text(
      "{\n  " + std::string(kAgents) + ",\n  \"x\": " + brackets + "\n}", "deep.json");
  REQUIRE(result.diagnostics.size() == 1);
  const Diagnostic& d = result.diagnostics[0];
  CHECK(d.message == "the JSON nests more than 64 levels deep");
  // The document's object is level 1, so the 64th '[' opens level 65: "  \"x\": " is 7
  // characters, the brackets start at column 8.
  CHECK(d.line == 3);
  CHECK(d.column == 8 + 63);
  std::string pointer = "/x";
  for (int i = 0; i < 63; ++i) pointer += "/0";
  CHECK(d.pointer == pointer);
  CHECK(first_too_deep(R"({"a": [[1], "[[[["]})", 2) == 7);
  CHECK(first_too_deep(R"({"a": [[1], "[[[["]})", 3) == std::string::npos);
  CHECK(pointer_at_offset(R"({"a~b": [5, {"c/d": 7}]})", 20) == "/a~0b/1/c~1d");
}

}  // namespace byzsim
