// Defaults of a protocol's own parameters, as the loader resolves them.
#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

void fill_protocol_defaults(ProtocolConfig& config, const ProtocolSpec& spec, int n) {
  config.params.clear();
  for (const ParamSpec& param : spec.params) config.set(param.key, param.fallback(config, n));
}

}  // namespace byzsim
