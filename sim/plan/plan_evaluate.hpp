// Expands a plan's candidates into scenarios and evaluates each design exactly
// (analysis/exact), with a bisection over the reject quorum where the plan asks to search it.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/plan/plan_design.hpp"
#include "sim/plan/plan_spec.hpp"
#include "sim/scenario/diagnostic.hpp"

namespace byzsim {

struct PlanEvaluation {
  std::vector<PlanDesign> designs;  // in candidate order (protocol, rounds, n, quorums)
  std::size_t exact_evaluations = 0;
  Diagnostics diagnostics;  // a population the exact model or the loader refuses
};

PlanEvaluation evaluate_plan(const PlanSpec& plan);

// The worst case of one design over the population's ranged counts (`variants`: one scenario
// per combination of counts, same protocol and n), with the quorums given (coordinator-vote).
// Empty when the exact model refuses a variant; `reason` then says why.
std::optional<PlanDesign> evaluate_design(const PlanSpec& plan, const std::vector<Scenario>& variants,
                                          std::optional<int> approve_quorum,
                                          std::optional<int> reject_quorum, std::string& reason);

// The smallest reject quorum in [1, n] whose worst-case p_wrong meets the plan's max_p_wrong;
// n when none does. With one round it bisects: a higher reject quorum can only turn a REJECT into
// NO CONSENSUS (APPROVE needs the same approvals), so p_wrong does not increase with it, in any
// vote distribution (tests/unit/plan_test.cpp checks it by brute force). With several rounds a
// round without consensus is voted again and that argument fails, so it scans every quorum.
// `evaluations` counts the exact evaluations made.
int smallest_reject_quorum(const PlanSpec& plan, const std::vector<Scenario>& variants,
                           int approve_quorum, std::size_t& evaluations);

}  // namespace byzsim
