// bracha::Config and the small tables of bracha_config.hpp.
#include "sim/protocols/bracha/bracha_config.hpp"

#include <algorithm>

namespace byzsim::bracha {

const char* message_name(int kind) {
  switch (kind) {
    case kInitial:
      return "INITIAL";
    case kEcho:
      return "ECHO";
    case kReady:
      return "READY";
    default:
      return "?";
  }
}

const char* value_name(int value) {
  switch (value) {
    case 0:
      return "REJECT";
    case 1:
      return "APPROVE";
    case 2:
      return "D-REJECT";
    default:
      return "D-APPROVE";
  }
}

Config Config::from(const Scenario& scenario) {
  const ProtocolConfig& p = scenario.protocol;
  Config c;
  c.n = scenario.n();
  c.f = p.f;
  c.max_rounds = std::max(1, static_cast<int>(p.integer("max_rounds")));
  return c;
}

}  // namespace byzsim::bracha
