// The `byzsim bench` workloads: engine throughput on fixed scenarios, and a bare
// reference loop that does only the random draws and vote counting a trial needs.
#pragma once

#include <cstdint>
#include <string>

#include "sim/model/scenario.hpp"
#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

// coordinator-vote with n agents: n - f honest (accuracy 0.9), f malicious oppose-truth,
// f = floor((n-1)/3), latency uniform 5..50 ms, truth p_good 0.5.
Scenario bench_coordinator_scenario(int n);
// A registered protocol (pbft, and every one whose spec is `benched`) with the same agents and
// network: f malicious oppose-truth agents (vote liars that follow the protocol) and the
// loader's defaults for n (pbft: quorums 2f+1 = ceil((n+f+1)/2), f + 2 views).
Scenario bench_protocol_scenario(const ProtocolSpec& spec, int n);

struct BenchResult {
  std::string name;
  int n = 0;
  std::uint64_t trials = 0;
  double seconds = 0;
  double trials_per_second = 0;
  double events_per_second = 0;
  double messages_per_second = 0;
  double decisions_per_second = 0;  // trials that reached a decision, per second
};

// Runs trials of `scenario` on one thread for about `seconds` of wall time (at least one).
// With `warm`, one trial runs first, outside the figures: the steady state of a point's trials,
// without the first trial's one-off costs (at n = 1000 its queue and vote books are touched for
// the first time, a fifth of that trial's time); without it, `seconds` = 0 times one cold trial.
BenchResult bench_engine(const std::string& name, const Scenario& scenario, double seconds,
                         bool warm = true);
// The same number of random draws and the vote count, with no events: the floor the engine
// is compared against.
BenchResult bench_bare_reference(int n, double seconds);

}  // namespace byzsim
