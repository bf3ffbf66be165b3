// The one-paragraph answer of `byzsim plan`: the cheapest feasible design, what the seed's
// rule and simple majority need, and whether Byzantine quorums pay off here.
#pragma once

#include <string>
#include <vector>

#include "sim/plan/plan_design.hpp"
#include "sim/plan/plan_spec.hpp"

namespace byzsim {

// `designs` as rank_designs left them (feasible first, cheapest first). Ends with '\n'.
std::string plan_answer(const PlanSpec& plan, const std::vector<PlanDesign>& designs);

// "majority, n = 9" or "coordinator-vote (approve 7, reject 3), n = 9".
std::string describe_design(const PlanDesign& design);

}  // namespace byzsim
