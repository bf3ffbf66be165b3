// The spec of protocol `bracha`: its keys (max_rounds), limits, refusals and row design. Used by
// the builtin registry.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& bracha_spec();

}  // namespace byzsim
