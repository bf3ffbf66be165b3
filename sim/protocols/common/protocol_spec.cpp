// Defaults of a protocol's own parameters, as the loader resolves them.
#include "sim/protocols/common/protocol_spec.hpp"

#include <cstdio>

namespace byzsim {

void fill_protocol_defaults(ProtocolConfig& config, const ProtocolSpec& spec, int n) {
  config.params.clear();
  for (const ParamSpec& param : spec.params) config.set(param.key, param.fallback(config, n));
}

std::string gib_text(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g GiB", static_cast<double>(bytes) / (1u << 30));
  return text;
}

}  // namespace byzsim
