// Contract spellings of the scenario enums, for messages, CSV and traces.
#include "sim/model/scenario.hpp"

namespace byzsim {

const char* to_string(Role r) {
  switch (r) {
    case Role::honest:
      return "honest";
    case Role::malicious:
      return "malicious";
    case Role::faulty:
      return "faulty";
  }
  return "?";
}

const char* to_string(ProtocolConfig::Type t) {
  switch (t) {
    case ProtocolConfig::Type::coordinator_vote:
      return "coordinator-vote";
    case ProtocolConfig::Type::majority:
      return "majority";
    case ProtocolConfig::Type::pbft:
      return "pbft";
    case ProtocolConfig::Type::om:
      return "om";
    case ProtocolConfig::Type::sm:
      return "sm";
  }
  return "?";
}

}  // namespace byzsim
