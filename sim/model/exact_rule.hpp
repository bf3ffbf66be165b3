// ExactRule: the round rule a protocol's trials reduce to in the exact model (analysis/exact).
// A protocol's spec names its rule (ProtocolSpec::exact); the exact analysis sits below the
// protocols and cannot read specs, so its callers pass the rule in. Defined here, in the model,
// because both sides see the model.
#pragma once

#include <cstdint>

namespace byzsim {

// A trusted coordinator counts one vote per agent per round, and the round decides by
enum class ExactRule : std::uint8_t {
  quorums,   // approve_quorum / reject_quorum (coordinator-vote)
  majority,  // simple majority of the counted votes, no quorums (majority)
};

}  // namespace byzsim
