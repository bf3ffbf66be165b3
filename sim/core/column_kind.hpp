// What kind of quantity an output column holds: written for every column into the output's
// sidecar (docs/output.md), where the plotting scripts read it. Used by the general columns
// (general_columns.hpp), the protocols' result columns (column_value.hpp) and report/.
#pragma once

#include <cstdint>
#include <string_view>

namespace byzsim {

enum class ColumnKind : std::uint8_t {
  fixed,     // the same in every trial of the point: its identity and its design settings
  axis,      // a sweep axis: the point's value of a swept scenario setting
  count,     // a number of trials (empty in exact rows: nothing was simulated)
  rate,      // a share of the trials (or of the agents), in [0, 1]
  interval,  // a bound of the 95% Wilson score interval of a rate
  mean,      // a mean (exact rows: the expectation) per trial
  quantile,  // a quantile over the trials
};

inline constexpr std::string_view to_string(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::fixed:
      return "fixed";
    case ColumnKind::axis:
      return "axis";
    case ColumnKind::count:
      return "count";
    case ColumnKind::rate:
      return "rate";
    case ColumnKind::interval:
      return "interval";
    case ColumnKind::mean:
      return "mean";
    case ColumnKind::quantile:
      return "quantile";
  }
  return "?";
}

}  // namespace byzsim
