// The spec of protocol `coordinator-vote` (the seed's thresholds), and the limits it shares
// with `majority`. Used by the builtin registry and by majority/spec.cpp.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& coordinator_vote_spec();

// Limits of the coordinator's round structure (both coordinator protocols).
SimTime coordinator_time_limit_ns(const Scenario& scenario);
std::uint64_t coordinator_event_limit(const Scenario& scenario);
double coordinator_trial_cost_units(const Scenario& scenario);
int coordinator_rounds_limit(const ProtocolConfig& config);

}  // namespace byzsim
