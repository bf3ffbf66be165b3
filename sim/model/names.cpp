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

}  // namespace byzsim
