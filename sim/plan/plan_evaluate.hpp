// Expands a plan's candidates into scenarios and evaluates each design exactly
// (analysis/exact), with a bisection over the reject quorum where the plan asks to search it.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/json/diagnostic.hpp"
#include "sim/model/scenario.hpp"
#include "sim/plan/plan_design.hpp"
#include "sim/plan/plan_spec.hpp"

namespace byzsim {

struct PlanEvaluation {
  std::vector<PlanDesign> designs;  // in candidate order (protocol, rounds, n, quorums)
  std::size_t exact_evaluations = 0;
  Diagnostics diagnostics;  // a population the exact model or the loader refuses
};

// The most designs a plan may produce (worst case, before any is evaluated): beyond it the plan
// is refused at /candidates with the estimate, since every design is a row kept in memory.
inline constexpr double kMaxPlanDesigns = 250000;

// Simulated designs (a protocol without an exact rule, or a population the exact model refuses)
// run the stopping rule's trials, at most StoppingRule::max_trials per variant. Their worst-case
// work is the sum of those trials' cost units (ProtocolSpec::trial_cost_units, about the
// messages of one trial); kSimCostUnitsPerCoreSecond converts it to time. Measured on a 2-core
// Debian 12 VM (Release): pbft 3.0e6 units/s at n = 16 and 2.5e6 at n = 64; coordinator-vote
// runs faster, so the estimate errs on the long side. Beyond PlanSpec::max_sim_core_hours the
// plan is refused: up front, at /candidates/n with the estimate and the largest n under the
// budget, when its protocols are simulated; when the exact model refuses a population only
// while evaluating, as soon as the reserved worst case would pass the budget (before that
// simulation runs; nothing is written either way).
inline constexpr double kSimCostUnitsPerCoreSecond = 2.5e6;

// The simulation a plan may still reserve, in cost units; `exceeded` once a simulation was
// refused for want of it (the evaluation then stops with a diagnostic).
struct SimBudget {
  double units_left = 0;
  bool exceeded = false;
};

PlanEvaluation evaluate_plan(const PlanSpec& plan);

// The worst case of one design over the population's ranged counts (`variants`: one scenario
// per combination of counts, same protocol and n), with the quorums given (coordinator-vote).
// Empty when the exact model refuses a variant (`reason` then says why), or when `budget` (null:
// unlimited) cannot cover a variant's worst-case simulation (`budget->exceeded` is then set).
std::optional<PlanDesign> evaluate_design(const PlanSpec& plan,
                                          const std::vector<Scenario>& variants,
                                          std::optional<int> approve_quorum,
                                          std::optional<int> reject_quorum, std::string& reason,
                                          SimBudget* budget = nullptr);

// The band of reject quorums that meet the plan's targets at this approve quorum, found by two
// bisections (O(log n) exact evaluations, not n): `lowest` is the smallest quorum whose
// worst-case p_wrong meets max_p_wrong (n + 1 when none does), `highest` the largest whose
// p_no_consensus meets max_p_no_consensus (0 when none does); the band is empty when lowest >
// highest. Assumed, for one round: a higher reject quorum can only turn a REJECT into NO
// CONSENSUS (APPROVE needs the same approvals), so p_wrong does not increase and p_no_consensus
// does not decrease with it, in any vote distribution (tests/unit/plan_test.cpp checks it by
// brute force). With several rounds a round without consensus is voted again and the argument
// fails, so the band is found by scanning every quorum.
struct RejectBand {
  int lowest = 0;
  int highest = 0;
};
RejectBand reject_band(const PlanSpec& plan, const std::vector<Scenario>& variants,
                       int approve_quorum, std::size_t& evaluations, SimBudget* budget = nullptr);

}  // namespace byzsim
