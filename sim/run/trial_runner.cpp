// TrialRunner: the order of one trial's draws is truth, then agents, then the protocol.
#include "sim/run/trial_runner.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/protocols/coordinator_vote/coordinator_vote.hpp"
#include "sim/protocols/pbft/pbft.hpp"
#include "sim/protocols/pbft/pbft_config.hpp"

namespace byzsim {

namespace {

// pbft: every view ends by its timeout; allow as long again, plus the network's partitions
// and GST, for stragglers. Saturates instead of overflowing.
SimTime pbft_time_limit_ns(const Scenario& scenario) {
  const pbft::Config config = pbft::Config::from(scenario);
  constexpr SimTime kCap = kTimeNever / 4;
  SimTime total = kHour;
  auto add = [&](SimTime t) { total = t > kCap - total ? kCap : total + t; };
  for (int view = 0; view < config.max_views && total < kCap; ++view) {
    add(config.timeout(view));
    add(config.timeout(view));
  }
  for (const Partition& p : scenario.network.partitions)
    if (p.until_ns != kTimeNever) add(p.until_ns);
  if (scenario.network.gst.enabled)
    add(scenario.network.gst.at_ns + scenario.network.gst.max_delay_ns);
  return total;
}

}  // namespace

SimTime trial_time_limit_ns(const Scenario& scenario) {
  if (scenario.limits.time_ns > 0) return scenario.limits.time_ns;
  if (scenario.protocol.type == ProtocolConfig::Type::pbft) return pbft_time_limit_ns(scenario);
  // Every round ends by its timeout; allow as long again for stragglers and the commit.
  const SimTime rounds = scenario.protocol.max_rounds;
  const SimTime timeout = scenario.protocol.round_timeout_ns;
  if (timeout > (kTimeNever / 4) / rounds) return kTimeNever / 2;
  return 2 * rounds * timeout + kHour;
}

std::uint64_t trial_event_limit(const Scenario& scenario) {
  if (scenario.limits.events > 0) return scenario.limits.events;
  // Per round at most n proposals, n vote sends, n votes and one timeout, then n commits;
  // twice that is a bound no correct run reaches.
  const auto n = static_cast<std::uint64_t>(scenario.n());
  if (scenario.protocol.type == ProtocolConfig::Type::pbft) {
    // Per view at most: n thinks, votes, proposals and timers; n^2 each of PREPARE, COMMIT,
    // VIEW-CHANGE and DECIDE, and 2n^2 from equivocators; twice that is never reached.
    const auto views = static_cast<std::uint64_t>(std::max(1, scenario.protocol.max_views));
    return 2 * views * (6 * n * n + 6 * n) + 64;
  }
  const auto rounds = static_cast<std::uint64_t>(scenario.protocol.max_rounds);
  return 2 * (rounds * (3 * n + 2) + n) + 64;
}

TrialRunner::TrialRunner()
    : rng_(Rng::for_trial(0, 0, 0)), env_{simulator_, network_, population_, &rng_, nullptr} {}

void TrialRunner::prepare(const Scenario& scenario, std::uint64_t point) {
  scenario_ = &scenario;
  point_ = point;
  switch (scenario.protocol.type) {
    case ProtocolConfig::Type::coordinator_vote:
    case ProtocolConfig::Type::majority:
      // Reused across points: a sweep of tiny points must not allocate per point.
      if (!dynamic_cast<CoordinatorVote*>(protocol_.get()))
        protocol_ = std::make_unique<CoordinatorVote>(env_);
      break;
    case ProtocolConfig::Type::pbft:
      if (!dynamic_cast<Pbft*>(protocol_.get())) protocol_ = std::make_unique<Pbft>(env_);
      break;
    default:
      throw std::logic_error(std::string("protocol not implemented: ") +
                             to_string(scenario.protocol.type));
  }
  protocol_->prepare(scenario);
  population_.prepare(scenario);
  network_.configure(scenario.network, scenario.n());
  time_limit_ns_ = trial_time_limit_ns(scenario);
  event_limit_ = trial_event_limit(scenario);
  simulator_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(event_limit_, 1 << 20)));
}

TrialResult TrialRunner::run(std::uint64_t trial, TraceSink* trace) {
  rng_ = Rng::for_trial(scenario_->seed, point_, trial);
  env_.trace = trace;
  env_.point = point_;
  env_.trial = trial;
  simulator_.reset(time_limit_ns_, event_limit_);
  network_.reset();
  const Truth& truth = scenario_->truth;
  const bool good = truth.kind == Truth::Kind::good  ? true
                    : truth.kind == Truth::Kind::bad ? false
                                                     : rng_.bernoulli(truth.p_good);
  if (trace)
    trace->record(TraceRecord{
        0, "truth", -1, -1,
        good ? "proposal is good (correct: APPROVE)" : "proposal is bad (correct: REJECT)"});
  population_.start_trial(rng_, good);
  if (trace)
    for (int i = 0; i < population_.size(); ++i)
      if (population_[i].corrupted)
        trace->record(TraceRecord{0, "corrupt", i, -1,
                                  std::string("behaves as ") + to_string(population_[i].role()) +
                                      " " + std::string(population_[i].strategy().name)});
  protocol_->start();
  const StopReason stop = simulator_.run(*protocol_);
  if (trace && stop != StopReason::drained)
    trace->record(
        TraceRecord{simulator_.now(), "limit", -1, -1,
                    stop == StopReason::time_limit ? "time limit reached" : "event limit reached"});
  TrialResult result = protocol_->finish(stop);
  result.trial = trial;
  for (const Role role : {Role::honest, Role::malicious, Role::faulty})
    result.behaved[static_cast<int>(role)] =
        static_cast<std::uint32_t>(population_.behaving_as(role));
  return result;
}

}  // namespace byzsim
