// Ranking a plan's designs: Pareto dominance over (p_wrong, p_no_consensus, cost), the order of
// the output (feasible first, cheapest first) and the chosen design. Used by `byzsim plan`.
#pragma once

#include <optional>
#include <vector>

#include "sim/plan/plan_design.hpp"

namespace byzsim {

// Whether `a` is at least as good as `b` in all three and better in one.
bool dominates(const PlanDesign& a, const PlanDesign& b);

// Sets `dominated` on every design (against all designs), sorts them feasible first, then by
// cost, p_wrong, p_no_consensus, n, the simpler rule (majority, seed, quorum), quorums, and marks
// the first feasible one `chosen`. Returns its index (0) or empty when none is feasible. O(designs
// x frontier).
std::optional<std::size_t> rank_designs(std::vector<PlanDesign>& designs);

}  // namespace byzsim
