// Contract spellings of the scenario enums, for messages, CSV and traces.
#include "sim/model/scenario.hpp"

namespace byzsim {

const char* to_string(Strategy s) {
  switch (s) {
    case Strategy::judge:
      return "judge";
    case Strategy::oppose_truth:
      return "oppose-truth";
    case Strategy::always_approve:
      return "always-approve";
    case Strategy::always_reject:
      return "always-reject";
    case Strategy::random:
      return "random";
    case Strategy::withhold:
      return "withhold";
    case Strategy::fixed:
      return "fixed";
    case Strategy::equivocate:
      return "equivocate";
    case Strategy::collude:
      return "collude";
    case Strategy::crash:
      return "crash";
    case Strategy::flip:
      return "flip";
    case Strategy::omission:
      return "omission";
    case Strategy::slow:
      return "slow";
    case Strategy::late:
      return "late";
  }
  return "?";
}

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
