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

// A second view of the same rounds: every agent's law given that its vote is counted
// (given_counted) under `rule`, for the chances of a round in which all n votes arrive.
// `budget` is its own, so that running out of it loses only this view.
struct CountedView {
  const DecisionRule* rule = nullptr;
  WorkBudget* budget = nullptr;
};

// Judgements are drawn once and kept: calls visit(state, all_counted) with the chances of one
// round given each state of the kept judgements and the state's probability (negligible
// states skipped). With a CountedView, all_counted points to the chances of the round given
// that state when every vote is counted (nullptr once its budget is exhausted); else nullptr.
void kept_judgement_rounds(
    const std::vector<GroupLaws>& groups, const DecisionRule& rule,
    const std::function<void(const WeightedChances&, const RoundChances* all_counted)>& visit,
    WorkBudget& budget, const CountedView* counted = nullptr);

}  // namespace byzsim::exact
