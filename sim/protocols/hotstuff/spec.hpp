// The spec of protocol `hotstuff`: its keys (views, leader terms, view timeouts, the QC quorum,
// signatures), limits and row design. Used by the builtin registry.
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& hotstuff_spec();

}  // namespace byzsim
