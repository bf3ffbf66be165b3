// What `om` and `sm` share in their ProtocolSpecs: the keys m, commander and choices, the
// limits, the size refusal and the result columns ic2_violations, p_ic2_violation.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim::generals {

// The most messages one trial may send (OM grows as n^(m+1)): larger sizes are refused.
inline constexpr double kMaxMessagesPerTrial = 1e6;

// The spec of a Byzantine Generals protocol named `name` built by `make`; `check_algorithm`
// gives `byzsim check` a fresh instance of its algorithm to search exhaustively.
ProtocolSpec generals_spec(std::string_view name, std::unique_ptr<Protocol> (*make)(TrialEnv&),
                           std::unique_ptr<GeneralsAlgorithm> (*check_algorithm)());

}  // namespace byzsim::generals
