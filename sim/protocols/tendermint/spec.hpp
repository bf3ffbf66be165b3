// The `tendermint` protocol's spec (docs/tendermint.md).
#pragma once

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

const ProtocolSpec& tendermint_spec();

}  // namespace byzsim
