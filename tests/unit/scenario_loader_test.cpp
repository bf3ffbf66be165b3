// Loading valid scenarios: the contract's example, the defaults, quorums and the optional
// sections (corruption, costs, limits, distributions).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/agents/strategy.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

// The contract's example (section 3), without its sweep.
const std::string kExample = R"({
  "name": "deployment-v2",
  "description": "Approve production deployment of v2.0: 7 reviewers, f = 2",
  "seed": 42,
  "trials": 20000,
  "truth": { "p_good": 0.5 },
  "protocol": { "type": "coordinator-vote", "f": 2,
                "approve_quorum": 5, "reject_quorum": 3,
                "max_rounds": 1, "round_timeout": "5min", "rejudge": false },
  "agents": [
    { "role": "honest",    "count": 5, "accuracy": 0.95,
      "think_time": { "dist": "lognormal", "median": "2min", "sigma": 0.5 } },
    { "role": "malicious", "count": 1, "strategy": "oppose-truth" },
    { "role": "faulty",    "count": 1, "strategy": "crash", "at": "0s" }
  ],
  "network": { "latency": { "dist": "uniform", "min": "5ms", "max": "50ms" },
               "drop": 0.0 }
})";

// The single point of a scenario without sweep; fails the test when loading fails.
Scenario load_one(const std::string& text, const LoadOptions& options = {}) {
  LoadResult result = load_scenario_text(text, "scenarios/test-case.json", options);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  REQUIRE(result.scenario->points.size() == 1);
  return result.scenario->points[0].scenario;
}

std::string with_agents(const std::string& agents, const std::string& rest = "") {
  return "{\"agents\": " + agents + (rest.empty() ? "" : ", " + rest) + "}";
}

}  // namespace

TEST_CASE("the contract's example scenario loads with its values") {
  const Scenario s = load_one(kExample);
  CHECK(s.name == "deployment-v2");
  CHECK(s.description == "Approve production deployment of v2.0: 7 reviewers, f = 2");
  CHECK(s.source_file == "scenarios/test-case.json");
  CHECK(s.seed == 42);
  CHECK(s.trials == 20000);
  CHECK(s.truth.kind == Truth::Kind::random);
  CHECK(s.truth.p_good == 0.5);
  CHECK(s.protocol.name() == "coordinator-vote");
  CHECK(s.protocol.f == 2);
  CHECK(s.protocol.f_given);
  CHECK(s.protocol.approve_quorum == 5);
  CHECK(s.protocol.reject_quorum == 3);
  CHECK(s.protocol.max_rounds == 1);
  CHECK(s.protocol.round_timeout_ns == 5 * kMinute);
  CHECK_FALSE(s.protocol.rejudge);
  REQUIRE(s.agents.size() == 3);
  CHECK(s.n() == 7);
  CHECK(s.count_of(Role::honest) == 5);
  CHECK(s.agents[0].strategy == builtin_strategy("judge"));
  CHECK(s.agents[0].accuracy == 0.95);
  CHECK(s.agents[0].accuracy_given);
  CHECK(s.agents[0].think_time.kind == Distribution::Kind::lognormal);
  CHECK(s.agents[0].think_time.median_ns == Approx(120e9));
  CHECK(s.agents[0].think_time.sigma == 0.5);
  CHECK(s.agents[1].role == Role::malicious);
  CHECK(s.agents[1].strategy == builtin_strategy("oppose-truth"));
  CHECK(s.agents[2].role == Role::faulty);
  CHECK(s.agents[2].strategy == builtin_strategy("crash"));
  CHECK(s.agents[2].crash_at.is_zero());
  CHECK(s.network.latency.kind == Distribution::Kind::uniform);
  CHECK(s.network.latency.min_ns == Approx(5e6));
  CHECK(s.network.latency.max_ns == Approx(50e6));
  CHECK(s.network.drop == 0.0);
  CHECK_FALSE(s.corruption.enabled);
  CHECK_FALSE(s.costs.enabled);
}

TEST_CASE("omitted values take the contract's defaults") {
  const Scenario s = load_one(with_agents(R"([{"role": "honest", "count": 7}])"));
  CHECK(s.name == "test-case");  // the file name's stem
  CHECK(s.seed == 1);
  CHECK(s.trials == 10000);
  CHECK(s.truth.kind == Truth::Kind::random);
  CHECK(s.truth.p_good == 0.5);
  CHECK(s.protocol.name() == "coordinator-vote");
  CHECK(s.protocol.f == 2);  // floor((7-1)/3)
  CHECK_FALSE(s.protocol.f_given);
  CHECK(s.protocol.approve_quorum == 5);  // n - f
  CHECK(s.protocol.reject_quorum == 3);   // f + 1
  CHECK(s.protocol.max_rounds == 1);
  CHECK(s.protocol.round_timeout_ns == 5 * kMinute);
  CHECK_FALSE(s.protocol.rejudge);
  CHECK(s.agents[0].strategy == builtin_strategy("judge"));
  CHECK(s.agents[0].accuracy == 1.0);
  CHECK_FALSE(s.agents[0].accuracy_given);
  CHECK(s.agents[0].think_time.is_zero());
  CHECK(s.agents[0].correlation == 0.0);
  CHECK(s.network.latency.is_zero());
  CHECK(s.network.drop == 0.0);
  CHECK(s.limits.time_ns == 0);
  CHECK(s.limits.events == 0);
}

TEST_CASE("f defaults to floor((n-1)/3) for small n") {
  CHECK(load_one(with_agents(R"([{"role": "honest", "count": 1}])")).protocol.f == 0);
  CHECK(load_one(with_agents(R"([{"role": "honest", "count": 3}])")).protocol.f == 0);
  CHECK(load_one(with_agents(R"([{"role": "honest", "count": 4}])")).protocol.f == 1);
  CHECK(load_one(with_agents(R"([{"role": "honest", "count": 10}])")).protocol.f == 3);
}

TEST_CASE("each role takes its default strategy") {
  const Scenario s = load_one(with_agents(
      R"([{"role": "honest", "count": 1}, {"role": "malicious", "count": 1},
          {"role": "faulty", "count": 1}])"));
  CHECK(s.agents[0].strategy == builtin_strategy("judge"));
  CHECK(s.agents[1].strategy == builtin_strategy("oppose-truth"));
  CHECK(s.agents[2].strategy == builtin_strategy("random"));
}

TEST_CASE("a quorum of \"70%\" of 10 agents is 7, not 8") {
  const Scenario s = load_one(with_agents(R"([{"role": "honest", "count": 10}])",
                                          R"("protocol": {"approve_quorum": "70%"})"));
  CHECK(s.protocol.approve_quorum == 7);
}

TEST_CASE("a quorum of \"66.7%\" of 7 agents is 5") {
  const Scenario s = load_one(with_agents(R"([{"role": "honest", "count": 7}])",
                                          R"("protocol": {"reject_quorum": "66.7%"})"));
  CHECK(s.protocol.reject_quorum == 5);
}

TEST_CASE("percentage quorums round up exactly") {
  auto quorum = [](int n, const std::string& pct) {
    return load_one(with_agents("[{\"role\": \"honest\", \"count\": " + std::to_string(n) + "}]",
                                "\"protocol\": {\"approve_quorum\": \"" + pct + "\"}"))
        .protocol.approve_quorum;
  };
  CHECK(quorum(3, "100%") == 3);
  CHECK(quorum(3, "33.4%") == 2);
  CHECK(quorum(3, "33.3%") == 1);
  CHECK(quorum(10, "0.1%") == 1);
  CHECK(quorum(1000000, "66.6667%") == 666667);
}

TEST_CASE("majority ignores quorums but the protocol still loads") {
  const Scenario s = load_one(with_agents(R"([{"role": "honest", "count": 4}])",
                                          R"("protocol": {"type": "majority", "max_rounds": 3,
                                              "round_timeout": 90, "rejudge": true})"));
  CHECK(s.protocol.name() == "majority");
  CHECK(s.protocol.max_rounds == 3);
  CHECK(s.protocol.round_timeout_ns == 90 * kSecond);
  CHECK(s.protocol.rejudge);
}

TEST_CASE("truth may be fixed as \"good\" or \"bad\"") {
  CHECK(load_one(with_agents(R"([{"role": "honest", "count": 1}])", R"("truth": "good")"))
            .truth.kind == Truth::Kind::good);
  CHECK(load_one(with_agents(R"([{"role": "honest", "count": 1}])", R"("truth": "bad")"))
            .truth.kind == Truth::Kind::bad);
}

TEST_CASE("strategies read their parameters") {
  const Scenario s = load_one(with_agents(R"([
    {"role": "faulty", "count": 1, "strategy": "flip", "p": 0.25, "accuracy": 0.9},
    {"role": "faulty", "count": 1, "strategy": "omission", "p": 0.5},
    {"role": "faulty", "count": 1, "strategy": "slow"},
    {"role": "faulty", "count": 1, "strategy": "slow", "factor": 4.5},
    {"role": "malicious", "count": 1, "strategy": "fixed", "vote": "reject"},
    {"role": "faulty", "count": 1, "strategy": "crash",
     "at": {"dist": "exponential", "mean": "30s"}},
    {"role": "honest", "count": 3, "correlation": 0.3, "name": "reviewers",
     "think_time": {"dist": "constant", "value": 1.5}}
  ])"));
  CHECK(s.agents[0].strategy == builtin_strategy("flip"));
  CHECK(s.agents[0].p == 0.25);
  CHECK(s.agents[0].accuracy == 0.9);
  CHECK(s.agents[1].p == 0.5);
  CHECK(s.agents[2].factor == 2.0);
  CHECK(s.agents[3].factor == 4.5);
  CHECK(s.agents[4].fixed_vote == Vote::reject);
  CHECK(s.agents[5].crash_at.kind == Distribution::Kind::exponential);
  CHECK(s.agents[5].crash_at.mean_ns == Approx(30e9));
  CHECK(s.agents[6].correlation == 0.3);
  CHECK(s.agents[6].think_time.value_ns == Approx(1.5e9));
}

TEST_CASE("a duration is a number of seconds or a string with a unit") {
  const Scenario s = load_one(with_agents(R"([
    {"role": "honest", "count": 1, "think_time": 0.25},
    {"role": "honest", "count": 1, "think_time": "250ms"},
    {"role": "honest", "count": 1, "think_time": "1.5s"},
    {"role": "honest", "count": 1, "think_time": "2min"},
    {"role": "honest", "count": 1, "think_time": "1h"},
    {"role": "honest", "count": 1, "think_time": "3us"},
    {"role": "honest", "count": 1, "think_time": "7ns"}
  ])"));
  CHECK(s.agents[0].think_time.value_ns == Approx(250e6));
  CHECK(s.agents[1].think_time.value_ns == Approx(250e6));
  CHECK(s.agents[2].think_time.value_ns == Approx(1.5e9));
  CHECK(s.agents[3].think_time.value_ns == Approx(120e9));
  CHECK(s.agents[4].think_time.value_ns == Approx(3600e9));
  CHECK(s.agents[5].think_time.value_ns == Approx(3000));
  CHECK(s.agents[6].think_time.value_ns == Approx(7));
}

TEST_CASE("corruption by a count range replaces honest agents with a strategy") {
  const Scenario s = load_one(with_agents(
      R"([{"role": "honest", "count": 7}])",
      R"("corruption": {"count": "0:2", "role": "faulty", "strategy": "flip", "strategy_p": 0.3})"));
  CHECK(s.corruption.enabled);
  CHECK_FALSE(s.corruption.by_probability);
  CHECK(s.corruption.count_min == 0);
  CHECK(s.corruption.count_max == 2);
  CHECK(s.corruption.replacement.role == Role::faulty);
  CHECK(s.corruption.replacement.strategy == builtin_strategy("flip"));
  CHECK(s.corruption.replacement.p == 0.3);
  CHECK(s.n() == 7);
}

TEST_CASE("corruption by probability and by a fixed count") {
  const Scenario by_p = load_one(with_agents(
      R"([{"role": "honest", "count": 7}])",
      R"("corruption": {"p": 0.1, "role": "malicious", "strategy": "fixed", "vote": "approve"})"));
  CHECK(by_p.corruption.by_probability);
  CHECK(by_p.corruption.p == 0.1);
  CHECK(by_p.corruption.replacement.fixed_vote == Vote::approve);
  const Scenario by_count =
      load_one(with_agents(R"([{"role": "honest", "count": 7}])",
                           R"("corruption": {"count": 2, "role": "faulty", "strategy": "crash"})"));
  CHECK(by_count.corruption.count_min == 2);
  CHECK(by_count.corruption.count_max == 2);
  CHECK(by_count.corruption.replacement.crash_at.is_zero());
}

TEST_CASE("costs and limits are read when present") {
  const Scenario s = load_one(with_agents(
      R"([{"role": "honest", "count": 3}])",
      R"("costs": {"wrong": 1000, "no_consensus": 20, "per_agent": 1, "per_minute": 0.5},
         "limits": {"time": "1h", "events": 100000})"));
  CHECK(s.costs.enabled);
  CHECK(s.costs.wrong == 1000);
  CHECK(s.costs.no_consensus == 20);
  CHECK(s.costs.per_agent == 1);
  CHECK(s.costs.per_minute == 0.5);
  CHECK(s.limits.time_ns == kHour);
  CHECK(s.limits.events == 100000);
  CHECK(
      load_one(with_agents(R"([{"role": "honest", "count": 3}])", R"("costs": {})")).costs.enabled);
}

TEST_CASE("keys starting with an underscore are comments everywhere") {
  const Scenario s = load_one(R"({"_comment": "top", "agents": [
      {"role": "honest", "count": 2, "_why": "reviewers"}],
      "protocol": {"_note": 1}, "sweep": {"_todo": "later"}})");
  CHECK(s.n() == 2);
}

TEST_CASE("option --set replaces values, parsing JSON or else taking a string") {
  LoadOptions options;
  options.sets = {"/protocol/f=1", "/protocol/round_timeout=2min", "/seed=7"};
  const Scenario s = load_one(kExample, options);
  CHECK(s.protocol.f == 1);
  CHECK(s.protocol.round_timeout_ns == 2 * kMinute);
  CHECK(s.seed == 7);
}

TEST_CASE("option --set may add a new key to an existing object") {
  LoadOptions options;
  options.sets = {"/network/latency=10ms",
                  "/corruption={\"p\": 0.5, \"role\": \"faulty\", "
                  "\"strategy\": \"random\"}"};
  const Scenario s = load_one(with_agents(R"([{"role": "honest", "count": 3}])"), options);
  CHECK(s.network.latency.value_ns == Approx(10e6));
  CHECK(s.corruption.enabled);
}

TEST_CASE("a scenario file is read from disk and named after its stem") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("byzsim-loader-test-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path);
    out << R"({"agents": [{"role": "honest", "count": 4}]})";
  }
  LoadResult result = load_scenario_file(path.string());
  std::filesystem::remove(path);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  CHECK(result.scenario->file == path.string());
  CHECK(result.scenario->points[0].scenario.name == path.stem().string());
  CHECK(result.scenario->points[0].scenario.protocol.f == 1);
}

}  // namespace byzsim
