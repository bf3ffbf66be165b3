// Bench workloads; wall-clock timing lives here and in `byzsim bench`, never in tests.
#include "sim/bench/workloads.hpp"

#include <chrono>

#include "sim/agents/strategy.hpp"
#include "sim/core/rng.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {

Scenario bench_coordinator_scenario(int n) {
  Scenario s;
  s.name = "bench-coordinator-" + std::to_string(n);
  const int f = (n - 1) / 3;
  AgentGroup honest;
  honest.role = Role::honest;
  honest.strategy = builtin_strategy("judge");
  honest.count = n - f;
  honest.accuracy = 0.9;
  AgentGroup malicious;
  malicious.role = Role::malicious;
  malicious.strategy = builtin_strategy("oppose-truth");
  malicious.count = f;
  s.agents = {honest, malicious};
  use_protocol(s.protocol, builtin_protocol("coordinator-vote"));
  s.protocol.f = f;
  s.protocol.approve_quorum = n - f;
  s.protocol.reject_quorum = f + 1;
  s.network.latency.kind = Distribution::Kind::uniform;
  s.network.latency.min_ns = 5e6;
  s.network.latency.max_ns = 50e6;
  return s;
}

Scenario bench_protocol_scenario(const ProtocolSpec& spec, int n) {
  Scenario s = bench_coordinator_scenario(n);
  s.name = "bench-" + std::string(spec.name) + "-" + std::to_string(n);
  // The loader's defaults for its own keys (pbft: quorums ceil((n+f+1)/2), f + 2 views, view
  // timeout 2 x round).
  use_protocol(s.protocol, spec);
  fill_protocol_defaults(s.protocol, spec, n);
  return s;
}

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

BenchResult bench_engine(const std::string& name, const Scenario& scenario, double seconds,
                         bool warm) {
  TrialRunner runner;
  runner.prepare(scenario, 0);
  BenchResult r{name, scenario.n()};
  if (warm) runner.run(r.trials++);  // trial 0, not counted: the timed ones are 1, 2, ...
  const std::uint64_t first = r.trials;
  std::uint64_t events = 0, messages = 0, decisions = 0;
  const auto start = Clock::now();
  // Batches double from 1, so slow trials (large n) overshoot `seconds` by at most 2x; at
  // least one trial always runs.
  std::uint64_t batch = 1;
  do {
    for (std::uint64_t i = 0; i < batch; ++i) {
      const TrialResult result = runner.run(r.trials++);
      messages += result.messages;
      decisions += result.outcome == Outcome::correct || result.outcome == Outcome::wrong;
      events += runner.last_trial_events();
    }
    batch = batch < 65536 ? batch * 2 : batch;
  } while (since(start) < seconds);
  r.seconds = since(start);
  r.trials -= first;
  r.trials_per_second = static_cast<double>(r.trials) / r.seconds;
  r.events_per_second = static_cast<double>(events) / r.seconds;
  r.messages_per_second = static_cast<double>(messages) / r.seconds;
  r.decisions_per_second = static_cast<double>(decisions) / r.seconds;
  return r;
}

BenchResult bench_bare_reference(int n, double seconds) {
  BenchResult r{"bare reference (draws + count, no events)", n};
  const auto start = Clock::now();
  std::uint64_t sink = 0;
  std::uint64_t batch = 64;
  while (since(start) < seconds) {
    for (std::uint64_t i = 0; i < batch; ++i) {
      Rng rng = Rng::for_trial(1, 0, r.trials++);
      const bool good = rng.bernoulli(0.5);
      int approvals = 0;
      for (int a = 0; a < n; ++a) {
        // judgement, proposal latency + drop-free send, vote latency, commit latency
        const bool right = rng.bernoulli(0.9);
        sink += rng.next_u64() >> 60;
        sink += rng.next_u64() >> 60;
        sink += rng.next_u64() >> 60;
        approvals += right == good;
      }
      sink += static_cast<std::uint64_t>(approvals);
    }
    batch = batch < 65536 ? batch * 2 : batch;
  }
  r.seconds = since(start);
  r.trials_per_second = static_cast<double>(r.trials) / r.seconds;
  if (sink == 42) r.name += " ";  // keeps the loop's work observable
  return r;
}

}  // namespace byzsim
