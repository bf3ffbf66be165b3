// The spec of protocol `majority` (the seed's baseline: simple majority of the votes received).
// Used by the builtin registry.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& majority_spec();

}  // namespace byzsim
