// The spec of protocol `pbft`: its keys (views, view timeouts, prepare/commit quorums,
// signatures), limits and row design. Used by the builtin registry.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& pbft_spec();

}  // namespace byzsim
