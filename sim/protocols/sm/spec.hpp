// The spec of protocol `sm` (SM(m), signed messages: the Byzantine Generals). Used by the builtin
// registry.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& sm_spec();

}  // namespace byzsim
