// Theory checks on a loaded sweep: warnings (never errors) for points outside the protocol's
// n >= 3f+1 guarantee and for swept axes that change nothing. Used by the loader.
#pragma once

#include <vector>

#include "sim/json/diagnostic.hpp"
#include "sim/json/origin.hpp"
#include "sim/model/loaded_scenario.hpp"
#include "sim/sweep/sweep_layout.hpp"

namespace byzsim {

// `points` are the converted kept points of `layout`, in order.
Diagnostics theory_warnings(const std::vector<ScenarioPoint>& points,
                            const std::vector<PreparedAxis>& axes, const SweepLayout& layout,
                            const SourceText& source, const std::vector<PatchOrigin>& origins);

}  // namespace byzsim
