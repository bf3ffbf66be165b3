// Simulated plan designs whose p_wrong target is below what plain simulation can separate in
// its trial limit (docs/plan.md, docs/rare-events.md): estimated by importance sampling, with
// the same sequential stopping rule on the weighted estimate's normal interval.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/model/scenario.hpp"
#include "sim/plan/plan_spec.hpp"
#include "sim/plan/stopping_rule.hpp"
#include "sim/report/row.hpp"

namespace byzsim {

// Whether a plain simulation of max_trials trials cannot show p_wrong <= target even with no
// wrong trial at all (the Wilson bound of 0 events stays above the target).
bool plain_cannot_separate(const PlanTargets& targets, const StoppingRule& rule);

struct ImportanceOutcome {
  Interval rates[kOutcomeCount];  // the weighted estimates and their 95% intervals
  std::uint64_t trials = 0;
  bool undecided = false;  // the limit came first, or the weights degenerated
};

// Importance sampling of `s` (a CE pilot, then blocks of rule.block_trials weighted trials
// until p_wrong and p_no_consensus are each judged against their targets at rule.z). Empty
// when the scenario has nothing importance sampling tilts.
std::optional<ImportanceOutcome> simulate_importance(const Scenario& s, const PlanTargets& targets,
                                                     const StoppingRule& rule);

}  // namespace byzsim
