// Invalid scenarios: every problem is reported, each with file, line:column, JSON pointer,
// what is wrong and what would be accepted.
#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

LoadResult load(const std::string& text, const LoadOptions& options = {}) {
  return load_scenario_text(text, "bad.json", options);
}

std::string one_group(const std::string& extra) {
  return R"({"agents": [{"role": "honest", "count": 7)" + extra + "}]}";
}

std::string seven_with_protocol(const std::string& protocol) {
  return R"({"agents": [{"role": "honest", "count": 7}], "protocol": )" + protocol + "}";
}

}  // namespace

TEST_CASE("an unknown key is reported with the accepted keys and a suggestion") {
  const LoadResult result = load(one_group(R"(, "accuray": 0.9)"));
  REQUIRE_FALSE(result.ok());
  const Diagnostic d = find(result, "/agents/0/accuray", "unknown key 'accuray'");
  CHECK(d.hint.find("accuracy") != std::string::npos);
  CHECK(d.hint.find("did you mean 'accuracy'?") != std::string::npos);
  CHECK(d.file == "bad.json");
  CHECK(d.line == 1);
  CHECK(d.column == 44);  // the key
}

TEST_CASE("an unknown top-level key is reported") {
  const LoadResult result = load(R"({"agents": [{"role": "honest", "count": 1}], "trails": 5})");
  CHECK(find(result, "/trails", "unknown key").hint.find("did you mean 'trials'?") !=
        std::string::npos);
}

TEST_CASE("a value of the wrong type is reported with what is accepted") {
  const LoadResult result = load(one_group(R"(, "accuracy": "high")"));
  const Diagnostic d = find(result, "/agents/0/accuracy", "must be a number");
  CHECK(d.message.find("\"high\"") != std::string::npos);
  CHECK(d.hint.find("from 0 to 1") != std::string::npos);
}

TEST_CASE("accuracy outside 0 to 1 is reported") {
  find(load(one_group(R"(, "accuracy": 1.5)")), "/agents/0/accuracy", "above 1");
  find(load(one_group(R"(, "accuracy": -0.1)")), "/agents/0/accuracy", "below 0");
}

TEST_CASE("a negative count is reported") {
  const LoadResult result = load(R"({"agents": [{"role": "honest", "count": -1}]})");
  find(result, "/agents/0/count", "-1, below 0");
}

TEST_CASE("agents adding up to n = 0 are reported") {
  find(load(R"({"agents": [{"role": "honest", "count": 0}]})"), "/agents", "n = 0");
  find(load(R"({"agents": []})"), "/agents", "empty");
  find(load(R"({"seed": 3})"), "/agents", "missing required key 'agents'");
}

TEST_CASE("a quorum above n is reported") {
  const LoadResult result = load(seven_with_protocol(R"({"approve_quorum": 8})"));
  const Diagnostic d = find(result, "/protocol/approve_quorum", "more than n = 7");
  CHECK(d.hint.find("\"70%\"") != std::string::npos);
  find(load(seven_with_protocol(R"({"reject_quorum": "120%"})")), "/protocol/reject_quorum",
       "not a percentage");
  find(load(seven_with_protocol(R"({"reject_quorum": 0})")), "/protocol/reject_quorum", "below 1");
}

TEST_CASE("f not less than n is reported") {
  const Diagnostic d =
      find(load(seven_with_protocol(R"({"f": 7})")), "/protocol/f", "not less than n = 7");
  CHECK(d.hint.find("0 to n-1 = 6") != std::string::npos);
  find(load(seven_with_protocol(R"({"f": -1})")), "/protocol/f", "below 0");
}

TEST_CASE("an unknown protocol is reported with a suggestion and its pointer") {
  const LoadResult result = load(seven_with_protocol(R"({"type": "majorty"})"));
  const Diagnostic d = find(result, "/protocol/type", "unknown protocol 'majorty'");
  CHECK(d.hint.find("did you mean 'majority'?") != std::string::npos);
  CHECK(d.to_string().find("/protocol/type") != std::string::npos);
}

TEST_CASE("om and sm refuse a message count above the limit at /protocol/m, with the estimate") {
  for (std::string name : {"om", "sm"}) {
    // n = 7, m = 6: 6! + 6!/1 + ... = 1956 messages, accepted; n = 30, m = 5: ~3.6e8, refused.
    CHECK(load(seven_with_protocol(R"({"type": ")" + name + R"(", "m": 5})")).ok());
    const std::string big = R"({"name":"big","protocol":{"type":")" + name +
                            R"(","m":5},"agents":[{"role":"honest","count":30}]})";
    const Diagnostic d = find(load(big), "/protocol/m", "messages per trial");
    CHECK(d.message.find("3.57e+08") != std::string::npos);
    CHECK(d.hint == "accepted: m from 0 to 3 for n = 30, or fewer agents");
  }
}

TEST_CASE("an unknown strategy is reported with a suggestion") {
  const LoadResult result =
      load(R"({"agents": [{"role": "malicious", "count": 1, "strategy": "opose-truth"}]})");
  const Diagnostic d = find(result, "/agents/0/strategy", "unknown strategy 'opose-truth'");
  CHECK(d.hint.find("did you mean 'oppose-truth'?") != std::string::npos);
}

TEST_CASE("a strategy of another role is reported with the roles that take it") {
  const LoadResult result =
      load(R"({"agents": [{"role": "honest", "count": 1, "strategy": "crash"}]})");
  const Diagnostic d = find(result, "/agents/0/strategy", "is for faulty agents, not honest");
  CHECK(d.hint.find("judge") != std::string::npos);
}

TEST_CASE("equivocate and late are refused for the coordinator protocols") {
  const LoadResult result =
      load(R"({"agents": [{"role": "malicious", "count": 1, "strategy": "equivocate"}]})");
  const Diagnostic d = find(result, "/agents/0/strategy",
                            "strategy 'equivocate' needs protocol pbft, om, sm, hotstuff, bracha, "
                            "tendermint, not coordinator-vote");
  CHECK(d.hint.find("oppose-truth") != std::string::npos);
  CHECK(d.hint.find("\"type\": \"pbft\"") != std::string::npos);
  find(load(R"({"agents": [{"role": "honest", "count": 3}], "protocol": {"type": "majority"},
               "corruption": {"count": 1, "role": "malicious", "strategy": "late",
                              "delay": "1s"}})"),
       "/corruption/strategy",
       "strategy 'late' needs protocol pbft, om, sm, hotstuff, bracha, tendermint, not majority");
}

TEST_CASE("a fixed strategy without its vote is reported") {
  const LoadResult result = load(R"({"agents": [
    {"role": "faulty", "count": 1, "strategy": "fixed"}]})");
  const Diagnostic d = find(result, "/agents/0/vote", "missing required key 'vote'");
  CHECK(d.hint.find("\"approve\" or \"reject\"") != std::string::npos);
  CHECK(d.line == 2);  // at the group that misses it
  CHECK(d.column == 5);
}

TEST_CASE("a parameter the strategy does not take is reported") {
  find(load(R"({"agents": [{"role": "malicious", "count": 1, "vote": "approve"}]})"),
       "/agents/0/vote", "does not apply to strategy 'oppose-truth'");
  const Diagnostic d =
      find(load(one_group(R"(, "p": 0.1)")), "/agents/0/p", "does not apply to strategy 'judge'");
  CHECK(d.hint == "accepted: 'p' is taken by strategies flip, omission, turn-at, mutate");
}

TEST_CASE("an unknown distribution is reported with a suggestion") {
  const LoadResult result = load(one_group(R"(, "think_time": {"dist": "expnential", "mean": 1})"));
  const Diagnostic d =
      find(result, "/agents/0/think_time/dist", "unknown distribution 'expnential'");
  CHECK(d.hint.find("did you mean 'exponential'?") != std::string::npos);
}

TEST_CASE("distribution parameters are checked") {
  find(load(one_group(R"(, "think_time": {"dist": "uniform", "min": "2s", "max": "1s"})")),
       "/agents/0/think_time/max", "less than 'min'");
  find(load(one_group(R"(, "think_time": {"dist": "lognormal", "median": 1})")),
       "/agents/0/think_time/sigma", "missing required key 'sigma'");
  find(load(one_group(R"(, "think_time": {"dist": "constant", "value": "-1s"})")),
       "/agents/0/think_time/value", "negative");
  find(load(one_group(R"(, "think_time": {"dist": "constant", "value": 1, "mean": 2})")),
       "/agents/0/think_time/mean", "unknown key 'mean'");
}

TEST_CASE("a duration with an unknown unit is reported") {
  const Diagnostic d = find(load(seven_with_protocol(R"({"round_timeout": "5m"})")),
                            "/protocol/round_timeout", "unknown unit 'm'");
  CHECK(d.message.find("'min'") != std::string::npos);
  find(load(seven_with_protocol(R"({"round_timeout": "5"})")), "/protocol/round_timeout",
       "no unit");
  find(load(seven_with_protocol(R"({"round_timeout": 0})")), "/protocol/round_timeout",
       "must be more than 0");
}

TEST_CASE("corruption needs exactly one of count and p, and a non-honest role") {
  const std::string agents = R"({"agents": [{"role": "honest", "count": 5}], "corruption": )";
  find(load(agents + R"({"count": 1, "p": 0.1, "role": "faulty", "strategy": "random"}})"),
       "/corruption/p", "both 'count' and 'p'");
  find(load(agents + R"({"role": "faulty", "strategy": "random"}})"), "/corruption",
       "needs 'count' or 'p'");
  find(load(agents + R"({"count": "2:1", "role": "faulty", "strategy": "random"}})"),
       "/corruption/count", "min <= max");
  find(load(agents + R"({"p": 0.1, "role": "honest", "strategy": "judge"}})"), "/corruption/role",
       "cannot be honest");
  find(load(agents + R"({"p": 0.1, "role": "faulty", "strategy": "flip"}})"),
       "/corruption/strategy_p", "missing required key 'strategy_p'");
}

TEST_CASE("the line and column of the offending value are given") {
  const std::string text =
      "{\n"
      "  \"agents\": [\n"
      "    {\n"
      "      \"role\": \"honest\",\n"
      "        \"count\": -2\n"
      "    }\n"
      "  ]\n"
      "}\n";
  const Diagnostic d = find(load(text), "/agents/0/count", "below 0");
  CHECK(d.file == "bad.json");
  CHECK(d.line == 5);
  CHECK(d.column == 18);
  CHECK(d.to_string().rfind("bad.json:5:18: error: at /agents/0/count: ", 0) == 0);
}

TEST_CASE("columns count characters, not bytes") {
  const LoadResult result = load(
      "{\"description\": \"h\xC3\xA9llo\", \"seed\": -1, \"agents\": "
      "[{\"role\": \"honest\", \"count\": 1}]}");
  CHECK(find(result, "/seed", "negative").column == 34);
}

TEST_CASE("a parse error gives the line:column of the offending token") {
  const LoadResult result = load("{\n  \"seed\": 1\n  \"trials\": 5\n}\n");
  REQUIRE(result.diagnostics.size() == 1);
  const Diagnostic& d = result.diagnostics[0];
  CHECK(d.line == 3);
  CHECK(d.column == 3);
  CHECK(d.message.find("invalid JSON") != std::string::npos);
  CHECK(d.message.find("[json.exception") == std::string::npos);
  const LoadResult comma = load("{\n  \"b\": [1, 2,, 3]\n}");
  CHECK(comma.diagnostics.at(0).line == 2);
  CHECK(comma.diagnostics.at(0).column == 14);
}

TEST_CASE("a number too large for a double is reported at the number") {
  const LoadResult result = load("{\n  \"seed\": 1e400\n}");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].line == 2);
  CHECK(result.diagnostics[0].column == 11);
  CHECK(result.diagnostics[0].message == "invalid JSON: number overflow parsing '1e400'");
}

TEST_CASE("a --set value that is not valid UTF-8 is reported, not thrown") {
  LoadOptions options;
  options.sets = {"/protocol/type=\xFF\xFE"};
  const LoadResult result = load(R"({"agents": [{"role": "honest", "count": 1}]})", options);
  find(result, "/protocol/type", "unknown protocol");
}

TEST_CASE("a missing file is reported with its path") {
  const LoadResult result = load_scenario_file("/nonexistent/dir/scenario.json");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].file == "/nonexistent/dir/scenario.json");
  CHECK(result.diagnostics[0].message.find("does not exist") != std::string::npos);
}

TEST_CASE("a duplicate key is reported at its second occurrence") {
  const LoadResult result = load(R"({"agents": [{"role": "honest", "count": 1, "count": 2}]})");
  const Diagnostic d = find(result, "/agents/0/count", "duplicate key 'count'");
  CHECK(d.column == 44);
}

TEST_CASE("a bad --set pointer is reported on the command line") {
  LoadOptions options;
  options.sets = {"/protocol/x/y=3", "/agents/4/count=1", "protocol=1", "/seed"};
  const LoadResult result = load(R"({"agents": [{"role": "honest", "count": 1}]})", options);
  REQUIRE(result.diagnostics.size() == 4);
  for (const auto& d : result.diagnostics) CHECK(d.file == "<command line>");
  find(result, "/protocol/x/y", "/protocol has no key 'x'");
  find(result, "/agents/4/count", "index 4 is out of range");
  find(result, "protocol", "starts with '/'");
}

TEST_CASE("a value set by --set that is invalid is blamed on the command line") {
  LoadOptions options;
  options.sets = {"/agents/0/accuracy=2"};
  const LoadResult result = load(R"({"agents": [{"role": "honest", "count": 1}]})", options);
  const Diagnostic d = find(result, "/agents/0/accuracy", "above 1");
  CHECK(d.file == "<command line>");
  CHECK(d.message.find("--set /agents/0/accuracy=2") != std::string::npos);
}

TEST_CASE("every problem of a file is reported, not only the first") {
  const LoadResult result = load(R"({
    "seed": -1, "trials": 0, "truth": "maybe",
    "protocol": {"type": "majorty", "max_rounds": 0},
    "agents": [{"role": "honest", "count": 3, "accuray": 1},
               {"role": "wizard", "count": 1}],
    "network": {"drop": 2}
  })");
  INFO(all_messages(result));
  CHECK(result.diagnostics.size() == 8);
  find(result, "/seed", "negative");
  find(result, "/trials", "below 1");
  find(result, "/truth", "unknown truth 'maybe'");
  find(result, "/protocol/type", "majorty");
  find(result, "/protocol/max_rounds", "below 1");
  find(result, "/agents/0/accuray", "unknown key");
  find(result, "/agents/1/role", "unknown role 'wizard'");
  find(result, "/network/drop", "above 1");
  // Reported from the top of the file down.
  for (std::size_t i = 1; i < result.diagnostics.size(); ++i)
    CHECK(result.diagnostics[i - 1].line <= result.diagnostics[i].line);
}

TEST_CASE("a diagnostic prints as file:line:column: error: at pointer: message - hint") {
  Diagnostic d{"a.json", 3, 7, "/protocol/type", "unknown protocol 'x'", "accepted: majority"};
  CHECK(d.to_string() ==
        "a.json:3:7: error: at /protocol/type: unknown protocol 'x'; accepted: majority");
  Diagnostic command_line{"<command line>", 0, 0, "/f", "bad", ""};
  CHECK(command_line.to_string() == "<command line>: error: at /f: bad");
}

}  // namespace byzsim
