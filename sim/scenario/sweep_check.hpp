// Theory checks on a loaded sweep: warnings (never errors) for points outside the protocol's
// n >= 3f+1 guarantee and for swept axes that change nothing. Used by the loader.
#pragma once

#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/origin.hpp"
#include "sim/scenario/sweep_plan.hpp"

namespace byzsim {

// `points` are the converted kept points of `plan`, in order.
Diagnostics theory_warnings(const std::vector<ScenarioPoint>& points,
                            const std::vector<PreparedAxis>& axes, const SweepPlan& plan,
                            const SourceText& source, const std::vector<PatchOrigin>& origins);

}  // namespace byzsim
