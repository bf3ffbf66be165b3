// majority: the coordinator's round structure (CoordinatorVote) decided by simple majority,
// so its rows print no quorums. Its guarantee is not stated as n >= 3f + 1 (no warning).
#include "sim/protocols/majority/spec.hpp"

#include "sim/protocols/coordinator_vote/coordinator_vote.hpp"
#include "sim/protocols/coordinator_vote/spec.hpp"

namespace byzsim {

namespace {

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<CoordinatorVote>(env, true);
}

}  // namespace

const ProtocolSpec& majority_spec() {
  static const ProtocolSpec spec{
      .name = "majority",
      .make = make,
      .time_limit_ns = coordinator_time_limit_ns,
      .event_limit = coordinator_event_limit,
      .trial_cost_units = coordinator_trial_cost_units,
      .phases = CoordinatorVote::kPhases,
      .exact = ExactRule::majority,
      .plannable = true,
      .quorums_in_row = false,
      .rounds_limit = coordinator_rounds_limit,
  };
  return spec;
}

}  // namespace byzsim
