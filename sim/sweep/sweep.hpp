// Sweep axes: value specs ("0:4", "0:10:2", "0:1:0.25", "a,b,c") -> values, and the row-major
// numbering of sweep points. Used by the loader for the scenario's "sweep" object and --vary.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/json/json_pointer.hpp"
#include "sim/sweep/axis_values.hpp"

namespace byzsim {

// Bounds that keep a typo ("0:1000000000") from running for days. kMaxSweepPoints counts the
// points a sweep keeps (after "where"; sweep_layout.hpp bounds them before). `run` makes each
// point as a worker reaches it, so its memory does not grow with them; validating a point costs
// a few microseconds, so 10^6 points are checked in seconds.
inline constexpr std::size_t kMaxAxisValues = 1000000;
inline constexpr std::size_t kMaxSweepPoints = 1000000;

inline constexpr std::string_view kSweepSpecHint =
    "accepted: an inclusive range \"0:4\", a range with a step \"0:10:2\" or \"0:1:0.25\", "
    "a list \"a,b,c\", or (in a file) a JSON array of values";

struct SpecParse {
  AxisValues values;
  std::string error;  // set when the spec is malformed or too large
  bool ok() const { return error.empty(); }
};

// "" when `text` nests brackets at most kMaxJsonNesting deep (parsing deeper JSON recurses),
// else the problem. Every JSON the user gives is checked: files, --set, --vary.
std::string json_nesting_error(std::string_view text);

// `text` cut to about 80 characters with "..." (messages quote what the user typed).
std::string abbreviated(std::string_view text);

// A JSON value when `text` parses as one, else `text` as a string ("5min" -> "5min").
Json parse_json_or_string(std::string_view text);

// "a:b" and "a:b:step" are inclusive ranges (integers when all three are integers, else decimals
// rounded to 12 significant digits so that 0.1 steps do not drift); a text with a comma is a
// list of items, each parse_json_or_string; a JSON array is its elements; anything else is one
// value.
SpecParse parse_sweep_spec(std::string_view spec);

// The number of points of axes of these sizes (their product), or nullopt above `limit`.
std::optional<std::size_t> point_count(const std::vector<std::size_t>& sizes, std::size_t limit);

// Axis value indices of point `index`, row-major: the first axis is the slowest, the last the
// fastest.
std::vector<std::size_t> point_coordinates(std::size_t index,
                                           const std::vector<std::size_t>& sizes);

}  // namespace byzsim
