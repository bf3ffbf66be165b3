// A kept point's axis values, read from the layout's dimensions and stored dependent results.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/sweep/sweep_layout.hpp"

namespace byzsim {

// A tolerance absorbs binary noise such as 3 * 0.1 * 10.
Json json_of_result(double x) {
  const double whole = std::round(x);
  if (std::abs(x - whole) <= 1e-9 * std::max(1.0, std::abs(x)) && std::abs(whole) < 9.0e15)
    return Json(static_cast<std::int64_t>(whole));
  return Json(x);
}

void SweepLayout::values_at(std::size_t point, const std::vector<PreparedAxis>& axes,
                            std::vector<Json>& out) const {
  out.resize(axes.size());
  const std::size_t index = unconstrained_index(point);
  std::size_t dependent = 0;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (axis_dimension[a] < 0) {
      out[a] = json_of_result(dependent_values[point * dependent_axes.size() + dependent++]);
      continue;
    }
    // Row-major: the last dimension moves fastest.
    const auto d = static_cast<std::size_t>(axis_dimension[a]);
    std::size_t stride = 1;
    for (std::size_t k = d + 1; k < dimension_sizes.size(); ++k) stride *= dimension_sizes[k];
    out[a] = axes[a].values[(index / stride) % dimension_sizes[d]];
  }
}

}  // namespace byzsim
