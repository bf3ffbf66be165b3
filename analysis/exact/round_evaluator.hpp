// One round's decision probabilities from the agents' laws and the decision rule, judgements
// drawn in the round or kept from round 1. Used by compute_exact; pure functions.
#pragma once

#include <functional>
#include <vector>

#include "analysis/exact/agent_law.hpp"
#include "analysis/exact/decision_rule.hpp"
#include "analysis/exact/pmf.hpp"

namespace byzsim::exact {

struct RoundChances {
  double approve = 0;
  double reject = 0;
  double none = -1;  // < 0: not measured, take 1 - approve - reject

  double fail() const;
};

struct WeightedChances {
  double weight = 0;
  RoundChances chances;
};

// The statistic summed over all agents of these groups, each group's judgement drawn in the
// round (shared with probability `correlation`, else independent).
Pmf groups_pmf(Statistic statistic, const std::vector<GroupLaws>& groups, WorkBudget& budget);

void add_chance(RoundChances& chances, Target target, double p);

// Judgements (and the correlation draw) are part of the round's own randomness.
RoundChances mixed_round(const std::vector<GroupLaws>& groups, const DecisionRule& rule,
                         WorkBudget& budget);

// Judgements are drawn once and kept: calls visit(state) with the chances of one round given
// each state of the kept judgements and the state's probability (negligible states skipped).
void kept_judgement_rounds(const std::vector<GroupLaws>& groups, const DecisionRule& rule,
                           const std::function<void(const WeightedChances&)>& visit,
                           WorkBudget& budget);

}  // namespace byzsim::exact
