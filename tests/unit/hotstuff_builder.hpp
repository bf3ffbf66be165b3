// hotstuff scenarios built in code for the hotstuff tests, with the loader's defaults resolved,
// and a runner that tallies a trial range. Independent of the JSON loader.
#pragma once

#include <cstdint>

#include "sim/protocols/hotstuff/hotstuff.hpp"
#include "sim/protocols/hotstuff/hotstuff_columns.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/trial_runner.hpp"
#include "tests/unit/scenario_builder.hpp"

namespace byzsim::testing {

// The loader's hotstuff defaults for this n and f: thresholds n-f / f+1, QC quorum
// ceil((n+f+1)/2), 4 views per leader, 4 (n + 2) views, view timeout twice the vote window.
inline Scenario set_hotstuff_f(Scenario s, int f) {
  const int n = s.n();
  s.protocol.f = f;
  s.protocol.approve_quorum = n - f;
  s.protocol.reject_quorum = f + 1;
  fill_protocol_defaults(s.protocol, builtin_protocol("hotstuff"), n);
  return s;
}

inline Scenario hotstuff_scenario(std::vector<AgentGroup> agents,
                                  Truth::Kind truth = Truth::Kind::good) {
  Scenario s = coordinator(std::move(agents), truth);
  use_protocol(s.protocol, builtin_protocol("hotstuff"));
  s.protocol.round_timeout_ns = kSecond;  // the default view timeout is 2 s
  s.network.latency.kind = Distribution::Kind::uniform;
  s.network.latency.min_ns = 5e6;
  s.network.latency.max_ns = 50e6;
  return set_hotstuff_f(s, s.protocol.f);
}

struct HotStuffCounts {
  int trials = 0, correct = 0, wrong = 0, none = 0, disagreement = 0;
  int invalid = 0, violations = 0, uncertified = 0;
  std::uint64_t honest = 0, honest_decided = 0;
  std::uint64_t messages = 0;
  std::uint64_t decision_views = 0;      // summed over decided trials
  int timed_out = 0;                     // trials with a view timeout
  std::int64_t first_disagreement = -1;  // lowest trial with a disagreement
};

inline HotStuffCounts run_hotstuff(const Scenario& s, int trials, std::uint64_t point = 0) {
  TrialRunner runner;
  runner.prepare(s, point);
  HotStuffCounts c;
  for (int t = 0; t < trials; ++t) {
    const TrialResult r = runner.run(static_cast<std::uint64_t>(t));
    ++c.trials;
    c.correct += r.outcome == Outcome::correct;
    c.wrong += r.outcome == Outcome::wrong;
    c.none += r.outcome == Outcome::no_consensus;
    if (r.outcome == Outcome::disagreement && c.disagreement++ == 0) c.first_disagreement = t;
    c.invalid += r.invalid_decision;
    c.violations += r.safety_violation;
    c.uncertified += r.counters[hotstuff::kUncertified] != 0;
    c.honest += r.counters[hotstuff::kHonest];
    c.honest_decided += r.counters[hotstuff::kHonestDecided];
    c.messages += r.messages;
    c.decision_views += r.counters[hotstuff::kDecisionViews];
    c.timed_out += r.counters[hotstuff::kTimedOut] != 0;
  }
  return c;
}

}  // namespace byzsim::testing
