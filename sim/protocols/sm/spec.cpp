// `sm`: the shared Byzantine Generals spec (generals_common/) running SignedMessages.
#include "sim/protocols/sm/spec.hpp"

#include "sim/protocols/generals_common/generals_protocol.hpp"
#include "sim/protocols/generals_common/generals_spec.hpp"
#include "sim/protocols/sm/signed_messages.hpp"

namespace byzsim {

namespace {

std::unique_ptr<generals::GeneralsAlgorithm> algorithm() {
  return std::make_unique<generals::SignedMessages>();
}

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<generals::GeneralsProtocol>(env, algorithm());
}

}  // namespace

const ProtocolSpec& sm_spec() {
  static const ProtocolSpec spec = generals::generals_spec("sm", make, algorithm);
  return spec;
}

}  // namespace byzsim
