// Loading tendermint scenarios: its keys and their defaults, pointed diagnostics for bad values,
// quorums that cannot be met and the settings it refuses; every strategy loads.
#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

LoadResult load(const std::string& text) {
  return load_scenario_text(text, "tendermint.json", LoadOptions{});
}

// Built step by step: GCC 12's -Wrestrict misfires on "{" + std::string.
std::string with_protocol(int n, const std::string& protocol, const std::string& more = "") {
  std::string text = R"({"agents": [{"role": "honest", "count": )";
  text += std::to_string(n);
  text += "}]";
  text += more;
  text += R"(, "protocol": )";
  text += protocol;
  text += "}";
  return text;
}

Scenario load_ok(const std::string& text) {
  const LoadResult result = load(text);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  return result.scenario->points.at(0).scenario;
}

}  // namespace

TEST_CASE(
    "tendermint defaults: quorum 2f+1 at n = 3f+1, f + 2 rounds, timeouts from "
    "round_timeout",
    "[tendermint]") {
  const Scenario s = load_ok(with_protocol(7, R"({"type": "tendermint", "round_timeout": "1s"})"));
  CHECK(s.protocol.name() == "tendermint");
  CHECK(s.protocol.f == 2);
  CHECK(s.protocol.integer("quorum") == 5);
  CHECK(s.protocol.integer("round_limit") == 4);
  CHECK(s.protocol.integer("timeout_propose") == 2 * kSecond);
  CHECK(s.protocol.integer("timeout_prevote") == kSecond);
  CHECK(s.protocol.integer("timeout_precommit") == kSecond);
  CHECK(s.protocol.integer("timeout_delta") == kSecond / 2);
  CHECK(s.protocol.flag("signatures"));
  // ceil((n + f + 1) / 2) away from n = 3f + 1: n = 6, f = 1 -> 4.
  CHECK(load_ok(with_protocol(6, R"({"type": "tendermint"})")).protocol.integer("quorum") == 4);
}

TEST_CASE("tendermint: keys are read, max_rounds is its round_limit", "[tendermint]") {
  const Scenario s = load_ok(with_protocol(
      4, R"({"type": "tendermint", "quorum": "75%", "max_rounds": 9, "timeout_delta": "10ms",
             "timeout_propose": "3s", "signatures": false})"));
  CHECK(s.protocol.integer("quorum") == 3);
  CHECK(s.protocol.integer("round_limit") == 9);
  CHECK(s.protocol.integer("timeout_delta") == 10 * kMillisecond);
  CHECK(s.protocol.integer("timeout_propose") == 3 * kSecond);
  CHECK_FALSE(s.protocol.flag("signatures"));
  find(load(with_protocol(4, R"({"type": "tendermint", "max_rounds": 3, "round_limit": 3})")),
       "/protocol/max_rounds", "both 'max_rounds' and 'round_limit' are given");
}

TEST_CASE("tendermint: refuses bad values, unmeetable quorums and rejudge", "[tendermint]") {
  find(load(with_protocol(4, R"({"type": "tendermint", "quorum": 5})")), "/protocol/quorum",
       "more than n = 4");
  find(load(with_protocol(4, R"({"type": "tendermint", "quorum": 0})")), "/protocol/quorum", "");
  find(load(with_protocol(4, R"({"type": "tendermint", "round_limit": 0})")),
       "/protocol/round_limit", "below 1");
  find(load(with_protocol(4, R"({"type": "tendermint", "signatures": "yes"})")),
       "/protocol/signatures", "must be true or false");
  find(load(with_protocol(4, R"({"type": "tendermint", "rejudge": true})")), "/protocol/rejudge",
       "'rejudge' does not apply to tendermint");
  const Diagnostic typo = find(load(with_protocol(4, R"({"type": "tendermint", "quorom": 3})")),
                               "/protocol/quorom", "unknown key 'quorom'");
  CHECK(typo.hint.find("did you mean 'quorum'?") != std::string::npos);
  find(load(with_protocol(4, R"({"type": "pbft", "timeout_delta": "1s"})")),
       "/protocol/timeout_delta", "tendermint");
}

TEST_CASE("tendermint: accepts every other adversary and its phase names", "[tendermint]") {
  load_ok(with_protocol(4, R"({"type": "tendermint"})",
                        R"(, "corruption": {"count": 1, "role": "malicious",
                              "strategy": "equivocate", "phases": ["proposal", "precommit"]})"));
  load_ok(with_protocol(
      4, R"({"type": "tendermint"})",
      R"(, "corruption": {"count": 1, "role": "malicious", "strategy": "withhold"})"));
  find(load(with_protocol(4, R"({"type": "tendermint"})",
                          R"(, "corruption": {"count": 1, "role": "malicious",
                                "strategy": "drop-phase", "phases": ["commit"]})")),
       "/corruption/phases/0", "unknown phase 'commit' of protocol tendermint");
}

}  // namespace byzsim
