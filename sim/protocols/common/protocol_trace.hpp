// What every message-passing protocol writes into a trace the same way: the adversary's and
// the network's fields of a message record, and the report of a safety bug. Used by pbft,
// hotstuff, tendermint and bracha (each names its messages and values itself).
#pragma once

#include <string>

#include "sim/agents/send_path.hpp"
#include "sim/protocols/common/protocol.hpp"

namespace byzsim {

// Completes a message record: what the adversary changed (`tampered`, null when nothing; its
// original value as the protocol names it, null when the value was not changed), and when a
// sent message arrives (`arrival`, -1 for a record that is not a send; a lost one has none).
void add_delivery_fields(TraceRecord& record, SimTime arrival, const Transmission* tampered,
                         const char* original_value);

// A violation the configuration provably excludes is a bug in byzsim: recorded in the trace
// when tracing, fatal in debug builds (with the `byzsim trace` command that replays it); the
// caller also flags it in the trial's result.
void report_protocol_bug(const TrialEnv& env, const Scenario& scenario, const std::string& what);

}  // namespace byzsim
