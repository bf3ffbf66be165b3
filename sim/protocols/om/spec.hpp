// The spec of protocol `om` (OM(m), oral messages: the Byzantine Generals). Used by the builtin
// registry.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& om_spec();

}  // namespace byzsim
