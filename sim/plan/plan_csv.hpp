// The CSV table of `byzsim plan`: one row per design, the contract's rate columns plus the
// design, `method`, `expected_cost`, `feasible`, `dominated` and `chosen` (docs/plan.md).
#pragma once

#include <string>
#include <vector>

#include "sim/plan/plan_design.hpp"

namespace byzsim {

std::string plan_csv(const std::string& plan_name, const std::vector<PlanDesign>& designs);

}  // namespace byzsim
