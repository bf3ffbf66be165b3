// pbft scenarios built in code for the pbft tests, with the loader's defaults resolved, and a
// runner that tallies a trial range. Independent of the JSON loader.
#pragma once

#include <cstdint>

#include "sim/protocols/pbft/pbft.hpp"
#include "sim/protocols/pbft/pbft_columns.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/trial_runner.hpp"
#include "tests/unit/scenario_builder.hpp"

namespace byzsim::testing {

// The loader's pbft defaults for this n and f: thresholds n-f / f+1, quorums
// ceil((n+f+1)/2), f+2 views, view timeout twice the vote window.
inline Scenario set_pbft_f(Scenario s, int f) {
  const int n = s.n();
  s.protocol.f = f;
  s.protocol.approve_quorum = n - f;
  s.protocol.reject_quorum = f + 1;
  fill_protocol_defaults(s.protocol, builtin_protocol("pbft"), n);
  return s;
}

inline Scenario pbft_scenario(std::vector<AgentGroup> agents,
                              Truth::Kind truth = Truth::Kind::good) {
  Scenario s = coordinator(std::move(agents), truth);
  use_protocol(s.protocol, builtin_protocol("pbft"));
  s.protocol.round_timeout_ns = kSecond;  // the default view timeout is 2 s
  s.network.latency.kind = Distribution::Kind::uniform;
  s.network.latency.min_ns = 5e6;
  s.network.latency.max_ns = 50e6;
  return set_pbft_f(s, s.protocol.f);
}

inline AgentGroup late(int count, double delay_ns) {
  AgentGroup g = with_strategy(Role::malicious, builtin_strategy("late"), count);
  g.delay = Distribution::constant(delay_ns);
  return g;
}

struct PbftCounts {
  int trials = 0, correct = 0, wrong = 0, none = 0, disagreement = 0;
  int invalid = 0, violations = 0;
  std::uint64_t honest = 0, honest_decided = 0;
  int view_changes = 0;                  // trials that needed more than one view
  std::int64_t first_disagreement = -1;  // lowest trial with a disagreement
  double mean_rounds = 0;
};

inline PbftCounts run_pbft(const Scenario& s, int trials, std::uint64_t point = 0) {
  TrialRunner runner;
  runner.prepare(s, point);
  PbftCounts c;
  for (int t = 0; t < trials; ++t) {
    const TrialResult r = runner.run(static_cast<std::uint64_t>(t));
    ++c.trials;
    c.correct += r.outcome == Outcome::correct;
    c.wrong += r.outcome == Outcome::wrong;
    c.none += r.outcome == Outcome::no_consensus;
    if (r.outcome == Outcome::disagreement && c.disagreement++ == 0) c.first_disagreement = t;
    c.invalid += r.invalid_decision;
    c.violations += r.safety_violation;
    c.honest += r.counters[pbft::kHonest];
    c.honest_decided += r.counters[pbft::kHonestDecided];
    c.mean_rounds += r.rounds;
    c.view_changes += r.rounds > 1;
  }
  c.mean_rounds /= trials;
  return c;
}

}  // namespace byzsim::testing
