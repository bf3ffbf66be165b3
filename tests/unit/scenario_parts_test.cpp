// The loader's parts on their own: durations, suggestions, sweep specs, JSON pointers and
// positions in the text.
#include <catch2/catch.hpp>

#include "sim/json/json_locate.hpp"
#include "sim/json/json_pointer.hpp"
#include "sim/json/suggest.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/sweep/sweep.hpp"

namespace byzsim {

TEST_CASE("durations are strings with a unit") {
  CHECK(*parse_duration("250ms").ns == Approx(250e6));
  CHECK(*parse_duration("5s").ns == Approx(5e9));
  CHECK(*parse_duration("1.5s").ns == Approx(1.5e9));
  CHECK(*parse_duration("2min").ns == Approx(120e9));
  CHECK(*parse_duration("1h").ns == Approx(3600e9));
  CHECK(*parse_duration("3us").ns == Approx(3e3));
  CHECK(*parse_duration("10ns").ns == Approx(10));
  CHECK(*parse_duration(" 2 s ").ns == Approx(2e9));
  CHECK(*parse_duration("0s").ns == 0);
  CHECK(*parse_duration("-1s").ns == Approx(-1e9));  // the caller refuses negatives
}

TEST_CASE("malformed durations say what is wrong") {
  CHECK(parse_duration("5").error.find("no unit") != std::string::npos);
  CHECK(parse_duration("5m").error.find("'min'") != std::string::npos);
  CHECK(parse_duration("5sec").error.find("unknown unit 'sec'") != std::string::npos);
  CHECK(parse_duration("ms").error.find("does not start with a number") != std::string::npos);
  CHECK_FALSE(parse_duration("1e999s").ns.has_value());
  CHECK(format_duration_ns(1.5e9) == "1.5s");
  CHECK(format_duration_ns(250e6) == "250ms");
}

TEST_CASE("the nearest name is suggested for a typo, and none for a different word") {
  const std::vector<std::string_view> names{"coordinator-vote", "majority", "pbft"};
  CHECK(nearest_name("majorty", names) == "majority");
  CHECK(nearest_name("Majority", names) == "majority");
  CHECK(nearest_name("coordinator", names) == "coordinator-vote");
  CHECK(nearest_name("pbtf", names) == "pbft");
  CHECK_FALSE(nearest_name("raft", names).has_value());
  CHECK(edit_distance("accuray", "accuracy") == 1);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(accepted_hint("majorty", names) ==
        "accepted: coordinator-vote, majority, pbft; did you mean 'majority'?");
}

TEST_CASE("sweep specs: inclusive ranges, steps, decimals and lists") {
  using V = std::vector<Json>;
  CHECK(parse_sweep_spec("0:4").values == V{0, 1, 2, 3, 4});
  CHECK(parse_sweep_spec("0:10:2").values == V{0, 2, 4, 6, 8, 10});
  CHECK(parse_sweep_spec("0:9:2").values == V{0, 2, 4, 6, 8});
  CHECK(parse_sweep_spec("4:0").values == V{4, 3, 2, 1, 0});
  CHECK(parse_sweep_spec("0:1:0.25").values == V{0.0, 0.25, 0.5, 0.75, 1.0});
  CHECK(parse_sweep_spec("0:1:0.1").values.size() == 11);
  CHECK(parse_sweep_spec("0:1:0.1").values[3] == 0.3);
  CHECK(parse_sweep_spec("a,b,c").values == V{"a", "b", "c"});
  CHECK(parse_sweep_spec("1, 2.5, true, 5min").values == V{1, 2.5, true, "5min"});
  CHECK(parse_sweep_spec("majority").values == V{"majority"});
  CHECK(parse_sweep_spec("[1, 2]").values == V{1, 2});
  CHECK_FALSE(parse_sweep_spec("0:4:0").ok());
  CHECK_FALSE(parse_sweep_spec("0:4:-1").ok());
  CHECK_FALSE(parse_sweep_spec("0:x").ok());
  CHECK_FALSE(parse_sweep_spec("1:2:3:4").ok());
  CHECK_FALSE(parse_sweep_spec("0:1000000").ok());
  CHECK_FALSE(parse_sweep_spec("a,,b").ok());
}

TEST_CASE("sweep points are numbered row-major, the last axis fastest") {
  const std::vector<std::size_t> sizes{2, 3};
  CHECK(point_coordinates(0, sizes) == std::vector<std::size_t>{0, 0});
  CHECK(point_coordinates(1, sizes) == std::vector<std::size_t>{0, 1});
  CHECK(point_coordinates(3, sizes) == std::vector<std::size_t>{1, 0});
  CHECK(point_coordinates(5, sizes) == std::vector<std::size_t>{1, 2});
  CHECK(point_count(sizes, 100) == 6u);
  CHECK_FALSE(point_count({1000, 1000}, 100000).has_value());
  CHECK(point_count({}, 10) == 1u);
}

TEST_CASE("JSON pointers are parsed, escaped and assigned strictly") {
  CHECK(parse_pointer("/sweep/~1agents~11~1count").tokens ==
        std::vector<std::string>{"sweep", "/agents/1/count"});
  CHECK(make_pointer({"sweep", "/a~b"}) == "/sweep/~1a~0b");
  CHECK_FALSE(parse_pointer("").ok());
  CHECK_FALSE(parse_pointer("a/b").ok());
  CHECK_FALSE(parse_pointer("/a~2").ok());
  Json doc = Json::parse(R"({"a": {"b": [1, 2]}})");
  CHECK(assign(doc, parse_pointer("/a/b/1").tokens, 5).empty());
  CHECK(doc["a"]["b"][1] == 5);
  CHECK(assign(doc, parse_pointer("/a/c").tokens, 1).empty());  // a new key of an object
  CHECK(assign(doc, parse_pointer("/a/b/2").tokens, 1).find("out of range") != std::string::npos);
  CHECK(assign(doc, parse_pointer("/a/b/01").tokens, 1).find("not an array index") !=
        std::string::npos);
  CHECK(assign(doc, parse_pointer("/x/y").tokens, 1).find("has no key 'x'") != std::string::npos);
  CHECK(assign(doc, parse_pointer("/a/b/0/z").tokens, 1).find("is a number") != std::string::npos);
}

TEST_CASE("a pointer is located in the raw text") {
  const std::string text =
      "{\n  \"a\": {\"b\": [10, {\"c\": \"x\\\"y\"}], \"a\": 1},\n  \"d\": 2\n}";
  const auto c = locate_pointer(text, {"a", "b", "1", "c"});
  CHECK(c.depth == 4);
  CHECK(position_of_offset(text, c.value_offset).column == 25);
  CHECK(position_of_offset(text, c.key_offset).column == 20);
  const auto d = locate_pointer(text, {"d"});
  CHECK(position_of_offset(text, d.value_offset).line == 3);
  CHECK(position_of_offset(text, d.value_offset).column == 8);
  const auto missing = locate_pointer(text, {"a", "zzz"});
  CHECK(missing.depth == 1);
  CHECK(position_of_offset(text, missing.key_offset).column == 3);
}

TEST_CASE("a repeated key counts its last occurrence, as nlohmann does") {
  const std::string text = R"({"k": 1, "k": 2})";
  CHECK(locate_pointer(text, {"k"}).value_offset == 14);
  const auto duplicates = find_duplicate_keys(text, 64);
  REQUIRE(duplicates.size() == 1);
  CHECK(duplicates[0].pointer == "/k");
  CHECK(duplicates[0].key_offset == 9);
}

TEST_CASE("nesting depth and token starts are found in the text") {
  CHECK(nesting_depth(R"({"a": [[1], "[["]})") == 3);
  CHECK(nesting_depth("5") == 0);
  const std::string text = R"({"seed": tru })";
  CHECK(token_start(text, 12) == 9);  // just after "tru"
  CHECK(token_start(text, 10) == 9);  // inside it
  CHECK(token_start(text, 3) == 1);   // inside "seed"
}

}  // namespace byzsim
