// bracha scenarios from JSON text through the loader, and a runner that tallies a trial range
// with bracha's counters (the round by which all honest agents decided, per trial).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/protocols/bracha/bracha_columns.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/diagnostics_support.hpp"

namespace byzsim::testing {

inline LoadResult load_bracha(const std::string& text) {
  return load_scenario_text(text, "bracha.json");
}

// Every sweep point of a scenario that must load.
inline std::vector<Scenario> bracha_points(const std::string& text) {
  const LoadResult result = load_bracha(text);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  std::vector<Scenario> points;
  for (const auto& p : result.scenario->points) points.push_back(p.scenario);
  return points;
}

// A scenario of `agents` (a JSON array's members) with bracha's defaults and a lognormal network.
inline std::string bracha_text(const std::string& agents, const std::string& protocol_extra = "",
                               const std::string& truth = "good") {
  std::string text = R"({"truth": ")";
  text += truth;
  text += R"(", "protocol": {"type": "bracha")";
  text += protocol_extra;
  text += R"(}, "network": {"latency": {"dist": "lognormal", "median": "20ms", "sigma": 1}},)";
  text += R"( "agents": [)";
  text += agents;
  text += "]}";
  return text;
}

struct BrachaCounts {
  int trials = 0, correct = 0, wrong = 0, none = 0, disagreement = 0;
  int invalid = 0, violations = 0, round_limit = 0;
  std::uint64_t honest = 0, honest_decided = 0, coin_flips = 0;
  std::vector<int> decide_round;  // per trial: the round by which all honest decided, 0 if not
};

inline BrachaCounts run_bracha(const Scenario& s, int trials, std::uint64_t point = 0) {
  TrialRunner runner;
  runner.prepare(s, point);
  BrachaCounts c;
  for (int t = 0; t < trials; ++t) {
    const TrialResult r = runner.run(static_cast<std::uint64_t>(t));
    ++c.trials;
    c.correct += r.outcome == Outcome::correct;
    c.wrong += r.outcome == Outcome::wrong;
    c.none += r.outcome == Outcome::no_consensus;
    c.disagreement += r.outcome == Outcome::disagreement;
    c.invalid += r.invalid_decision;
    c.violations += r.safety_violation;
    c.round_limit += static_cast<int>(r.counters[bracha::kRoundLimit]);
    c.honest += r.counters[bracha::kHonest];
    c.honest_decided += r.counters[bracha::kHonestDecided];
    c.coin_flips += r.counters[bracha::kCoinFlips];
    c.decide_round.push_back(static_cast<int>(r.counters[bracha::kDecideRoundSum]));
  }
  return c;
}

}  // namespace byzsim::testing
