// coordinator-vote: a trusted coordinator counts one vote per agent per round against the
// quorums approve_quorum / reject_quorum. No keys of its own.
#include "sim/protocols/coordinator_vote/spec.hpp"

#include <algorithm>

#include "sim/protocols/coordinator_vote/coordinator_vote.hpp"

namespace byzsim {

SimTime coordinator_time_limit_ns(const Scenario& scenario) {
  // Every round ends by its timeout; allow as long again for stragglers and the commit.
  const SimTime rounds = scenario.protocol.max_rounds;
  const SimTime timeout = scenario.protocol.round_timeout_ns;
  if (timeout > (kTimeNever / 4) / rounds) return kTimeNever / 2;
  return 2 * rounds * timeout + kHour;
}

std::uint64_t coordinator_event_limit(const Scenario& scenario) {
  // Per round at most n proposals, n vote sends, n votes and one timeout, then n commits;
  // twice that is a bound no correct run reaches.
  const auto n = static_cast<std::uint64_t>(scenario.n());
  const auto rounds = static_cast<std::uint64_t>(scenario.protocol.max_rounds);
  return 2 * (rounds * (3 * n + 2) + n) + 64;
}

double coordinator_trial_cost_units(const Scenario& scenario) {
  const double n = std::max(1, scenario.n());
  return n * std::max(1, scenario.protocol.max_rounds);
}

int coordinator_rounds_limit(const ProtocolConfig& config) {
  return config.max_rounds;
}

namespace {

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<CoordinatorVote>(env, false);
}

}  // namespace

const ProtocolSpec& coordinator_vote_spec() {
  static const ProtocolSpec spec{
      .name = "coordinator-vote",
      .make = make,
      .time_limit_ns = coordinator_time_limit_ns,
      .event_limit = coordinator_event_limit,
      .trial_cost_units = coordinator_trial_cost_units,
      .phases = CoordinatorVote::kPhases,
      .needs_three_f_plus_one = true,
      .exact = ExactRule::quorums,
      .plannable = true,
      .rounds_limit = coordinator_rounds_limit,
  };
  return spec;
}

}  // namespace byzsim
