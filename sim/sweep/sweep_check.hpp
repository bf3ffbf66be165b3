// Theory checks on a loaded sweep: warnings (never errors) for points outside the protocol's
// n >= 3f+1 guarantee and for swept axes that change nothing. Used by the loader.
#pragma once

#include <vector>

#include "sim/json/diagnostic.hpp"
#include "sim/json/origin.hpp"
#include "sim/model/loaded_scenario.hpp"
#include "sim/sweep/sweep_layout.hpp"

namespace byzsim {

// What validating every point counted: points with n < 3f + 1 where the protocol needs more.
struct BelowThreeF {
  std::size_t count = 0;
  std::size_t first = 0;  // the first such point
};

// `points` makes the kept points of `layout` (the axes' changes are checked on as few of them
// as it takes: usually two per dimension).
Diagnostics theory_warnings(const PointSource& points, BelowThreeF below,
                            const std::vector<PreparedAxis>& axes, const SweepLayout& layout,
                            const SourceText& source, const std::vector<PatchOrigin>& origins);

}  // namespace byzsim
