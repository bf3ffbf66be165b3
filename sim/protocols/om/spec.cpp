// `om`: the shared Byzantine Generals spec (generals_common/) running OralMessages.
#include "sim/protocols/om/spec.hpp"

#include "sim/protocols/generals_common/generals_protocol.hpp"
#include "sim/protocols/generals_common/generals_spec.hpp"
#include "sim/protocols/om/oral_messages.hpp"

namespace byzsim {

namespace {

std::unique_ptr<generals::GeneralsAlgorithm> algorithm() {
  return std::make_unique<generals::OralMessages>();
}

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<generals::GeneralsProtocol>(env, algorithm());
}

}  // namespace

const ProtocolSpec& om_spec() {
  static const ProtocolSpec spec = generals::generals_spec("om", make, algorithm);
  return spec;
}

}  // namespace byzsim
