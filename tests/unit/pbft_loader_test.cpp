// Loading pbft scenarios: the protocol keys and their defaults, the adversarial network
// (partitions, gst, links), the strategies equivocate and late, and pointed diagnostics.
#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/agents/strategy.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

LoadResult load(const std::string& text, const LoadOptions& options = {}) {
  return load_scenario_text(text, "pbft.json", options);
}

Scenario load_ok(const std::string& text) {
  const LoadResult result = load(text);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  return result.scenario->points.at(0).scenario;
}

std::string agents(int n) {
  return R"("agents": [{"role": "honest", "count": )" + std::to_string(n) + "}]";
}

// Built step by step: GCC 12's -Wrestrict misfires on "{" + std::string.
std::string document(int n, const std::string& rest) {
  std::string text = "{";
  text += agents(n);
  text += rest;
  text += "}";
  return text;
}

std::string with_protocol(int n, const std::string& protocol) {
  return document(n, R"(, "protocol": )" + protocol);
}

std::string with_network(int n, const std::string& network) {
  return document(n, R"(, "protocol": {"type": "pbft"}, "network": )" + network);
}

}  // namespace

TEST_CASE("pbft defaults: quorums 2f+1 at n = 3f+1, f + 2 views, timeouts from round_timeout") {
  const Scenario s = load_ok(with_protocol(7, R"({"type": "pbft"})"));
  CHECK(s.protocol.name() == "pbft");
  CHECK(s.protocol.f == 2);
  CHECK(s.protocol.integer("prepare_quorum") == 5);
  CHECK(s.protocol.integer("commit_quorum") == 5);
  CHECK(s.protocol.approve_quorum == 5);
  CHECK(s.protocol.reject_quorum == 3);
  CHECK(s.protocol.integer("max_views") == 4);
  CHECK(s.protocol.integer("view_timeout") == 600 * kSecond);
  CHECK(s.protocol.number("view_timeout_growth") == 2);
  CHECK(s.protocol.flag("signatures"));
}

TEST_CASE("pbft's default quorum is ceil((n+f+1)/2), safe also when n is not 3f+1") {
  // n = 6, f = 1: 2f+1 = 3 would let two quorums meet in 0 agents; 4 is the safe size.
  CHECK(load_ok(with_protocol(6, R"({"type": "pbft"})")).protocol.integer("prepare_quorum") == 4);
  CHECK(load_ok(with_protocol(13, R"({"type": "pbft"})")).protocol.integer("commit_quorum") == 9);
  CHECK(load_ok(with_protocol(4, R"({"type": "pbft"})")).protocol.integer("commit_quorum") == 3);
}

TEST_CASE("pbft keys are read: views, timeouts, growth, quorums as counts or percentages") {
  const Scenario s = load_ok(with_protocol(
      10, R"({"type": "pbft", "max_views": 9, "view_timeout": "2s", "view_timeout_growth": 1.5,
              "prepare_quorum": 4, "commit_quorum": "70%", "signatures": false})"));
  CHECK(s.protocol.integer("max_views") == 9);
  CHECK(s.protocol.integer("view_timeout") == 2 * kSecond);
  CHECK(s.protocol.number("view_timeout_growth") == 1.5);
  CHECK(s.protocol.integer("prepare_quorum") == 4);
  CHECK(s.protocol.integer("commit_quorum") == 7);
  CHECK_FALSE(s.protocol.flag("signatures"));
}

TEST_CASE("pbft reads max_rounds as max_views and refuses both at once") {
  CHECK(load_ok(with_protocol(4, R"({"type": "pbft", "max_rounds": 3})"))
            .protocol.integer("max_views") == 3);
  find(load(with_protocol(4, R"({"type": "pbft", "max_rounds": 3, "max_views": 2})")),
       "/protocol/max_rounds", "both 'max_rounds' and 'max_views' are given");
}

TEST_CASE("pbft keys are refused for the coordinator protocols") {
  const Diagnostic d = find(load(with_protocol(4, R"({"max_views": 3, "signatures": true})")),
                            "/protocol/max_views", "applies to protocol pbft, hotstuff only");
  CHECK(d.message == "'max_views' applies to protocol pbft, hotstuff only, not coordinator-vote");
  find(load(with_protocol(4, R"({"type": "majority", "signatures": true})")),
       "/protocol/signatures", "applies to protocol pbft, hotstuff, tendermint only, not majority");
}

TEST_CASE("pbft keys out of range are reported with what is accepted") {
  const Diagnostic growth =
      find(load(with_protocol(4, R"({"type": "pbft", "view_timeout_growth": 0.5})")),
           "/protocol/view_timeout_growth", "below 1");
  CHECK(growth.hint.find("from 1") != std::string::npos);
  find(load(with_protocol(4, R"({"type": "pbft", "prepare_quorum": 5})")),
       "/protocol/prepare_quorum", "more than n = 4");
  find(load(with_protocol(4, R"({"type": "pbft", "max_views": 0})")), "/protocol/max_views",
       "below 1");
  find(load(with_protocol(4, R"({"type": "pbft", "signatures": "yes"})")), "/protocol/signatures",
       "must be true or false");
  find(load(with_protocol(4, R"({"type": "pbft", "rejudge": true})")), "/protocol/rejudge",
       "'rejudge' does not apply to pbft");
  const Diagnostic typo = find(load(with_protocol(4, R"({"type": "pbft", "max_view": 3})")),
                               "/protocol/max_view", "unknown key 'max_view'");
  CHECK(typo.hint.find("did you mean 'max_views'?") != std::string::npos);
}

TEST_CASE("equivocate and late load for pbft, late needs its delay") {
  const Scenario s = load_ok(R"({"protocol": {"type": "pbft"}, "agents": [
      {"role": "honest", "count": 5},
      {"role": "malicious", "count": 1, "strategy": "equivocate"},
      {"role": "malicious", "count": 1, "strategy": "late", "delay": "2s"}]})");
  CHECK(s.agents[1].strategy == builtin_strategy("equivocate"));
  CHECK(s.agents[2].strategy == builtin_strategy("late"));
  CHECK(s.agents[2].delay.value_ns == 2e9);
  find(load(R"({"protocol": {"type": "pbft"}, "agents": [
      {"role": "malicious", "count": 1, "strategy": "late"}]})"),
       "/agents/0/delay", "missing required key 'delay'");
  find(load(R"({"protocol": {"type": "pbft"}, "agents": [
      {"role": "malicious", "count": 1, "strategy": "equivocate", "delay": "1s"}]})"),
       "/agents/0/delay", "does not apply to strategy 'equivocate'");
  find(load(R"({"protocol": {"type": "pbft"}, "agents": [
      {"role": "faulty", "count": 1, "strategy": "late", "delay": "1s"}]})"),
       "/agents/0/strategy", "is for malicious agents, not faulty");
}

TEST_CASE("network partitions, gst and links are read") {
  const Scenario s = load_ok(with_network(6, R"({
      "partitions": [{"groups": [[0, 1, 2], [3, 4]], "from": "1s", "until": "10s"},
                     {"groups": [[0], [5]], "from": 2, "mode": "drop"}],
      "gst": {"at": "30s", "max_delay": "5s"},
      "links": [{"from": 0, "to": 3, "factor": 10}]})"));
  REQUIRE(s.network.partitions.size() == 2);
  CHECK(s.network.partitions[0].groups == std::vector<std::vector<int>>{{0, 1, 2}, {3, 4}});
  CHECK(s.network.partitions[0].from_ns == kSecond);
  CHECK(s.network.partitions[0].until_ns == 10 * kSecond);
  CHECK_FALSE(s.network.partitions[0].drop);
  CHECK(s.network.partitions[1].until_ns == kTimeNever);
  CHECK(s.network.partitions[1].drop);
  CHECK(s.network.gst.enabled);
  CHECK(s.network.gst.at_ns == 30 * kSecond);
  CHECK(s.network.gst.max_delay_ns == 5 * kSecond);
  REQUIRE(s.network.links.size() == 1);
  CHECK(s.network.links[0].factor == 10);
}

TEST_CASE("bad partitions are reported at the offending value") {
  find(load(with_network(4, R"({"partitions": [{"groups": [[0, 1], [2, 7]]}]})")),
       "/network/partitions/0/groups/1/1", "agent 7 does not exist: n = 4");
  find(load(with_network(4, R"({"partitions": [{"groups": [[0, 1], [1, 2]]}]})")),
       "/network/partitions/0/groups/1/0", "agent 1 is in groups 0 and 1");
  find(load(with_network(4, R"({"partitions": [{"groups": [[0, 1]]}]})")),
       "/network/partitions/0/groups", "at least two groups");
  find(load(with_network(4, R"({"partitions": [{"groups": [[0], [1]], "from": "5s",
                                                "until": "2s"}]})")),
       "/network/partitions/0/until", "is not after 'from'");
  const Diagnostic mode =
      find(load(with_network(4, R"({"partitions": [{"groups": [[0], [1]], "mode": "hld"}]})")),
           "/network/partitions/0/mode", "unknown mode 'hld'");
  CHECK(mode.hint.find("hold") != std::string::npos);
  find(load(with_network(4, R"({"partitions": [{"groups": [[0], [1]], "util": "2s"}]})")),
       "/network/partitions/0/util", "unknown key 'util'");
  find(load(with_network(4, R"({"partitions": {"groups": []}})")), "/network/partitions",
       "must be an array of partitions");
}

TEST_CASE("bad gst and links are reported at the offending value") {
  find(load(with_network(4, R"({"gst": {"at": "10s"}})")), "/network/gst/max_delay",
       "missing required key 'max_delay'");
  find(load(with_network(4, R"({"gst": {"at": "-1s", "max_delay": "1s"}})")), "/network/gst/at",
       "");
  find(load(with_network(4, R"({"links": [{"from": 0, "to": 0, "factor": 2}]})")),
       "/network/links/0/to", "to itself");
  find(load(with_network(4, R"({"links": [{"from": 0, "to": 9, "factor": 2}]})")),
       "/network/links/0/to", "agent 9 does not exist");
  find(load(with_network(4, R"({"links": [{"from": 0, "to": 1, "factor": 0}]})")),
       "/network/links/0/factor", "'factor' is 0");
  find(load(with_network(4, R"({"links": [{"from": 0, "to": 1}]})")), "/network/links/0/factor",
       "missing required key 'factor'");
}

TEST_CASE("a sweep over pbft's quorum and signatures loads point by point") {
  LoadOptions options;
  options.varies = {"/protocol/prepare_quorum=2:3", "/protocol/signatures=true,false"};
  const LoadResult result = load(with_protocol(4, R"({"type": "pbft"})"), options);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  REQUIRE(result.scenario->points.size() == 4);
  CHECK(result.scenario->points[3].scenario.protocol.integer("prepare_quorum") == 3);
  CHECK_FALSE(result.scenario->points[3].scenario.protocol.flag("signatures"));
}

}  // namespace byzsim
