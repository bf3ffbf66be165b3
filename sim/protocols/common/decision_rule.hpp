// How a round's counted votes become a decision: the coordinator's thresholds or simple
// majority (contract section 3). Shared by the protocols and the collusion planner.
#pragma once

#include "sim/core/outcome.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

struct DecisionRule {
  bool majority = false;
  int approve_quorum = 1;
  int reject_quorum = 1;

  // `majority`: the protocol decides by simple majority (its spec's factory says which).
  static DecisionRule from(const ProtocolConfig& protocol, bool majority) {
    return DecisionRule{majority, protocol.approve_quorum, protocol.reject_quorum};
  }

  Decision decide(int approvals, int rejections) const {
    if (majority) {
      if (approvals > rejections) return Decision::approve;
      if (rejections > approvals) return Decision::reject;
      return Decision::none;
    }
    if (approvals >= approve_quorum) return Decision::approve;
    if (rejections >= reject_quorum) return Decision::reject;
    return Decision::none;
  }
};

}  // namespace byzsim
