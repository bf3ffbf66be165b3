// The sweep layout: which points a sweep has and every axis value at each of them. Independent
// axes (zipped ones move together) span the points row-major; dependent axes are computed from
// expressions over named axes, n and f; "where" constraints drop points, and the kept points
// are numbered 0.. in order. Used by the loader before expansion (expand.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sim/json/diagnostic.hpp"
#include "sim/json/json_pointer.hpp"
#include "sim/json/origin.hpp"
#include "sim/sweep/axis_values.hpp"
#include "sim/sweep/kept_points.hpp"
#include "sim/sweep/sweep.hpp"

namespace byzsim {

// Sweeps may span this many points before "where" drops some (expressions cost ~0.1 us each,
// and the kept points take one bit each).
inline constexpr std::size_t kMaxUnconstrainedPoints = 10000000;

// One sweep axis ready for laying out and expansion: where its values go and where they came from.
struct PreparedAxis {
  std::string pointer;  // as the user wrote it
  std::vector<std::string> tokens;
  AxisValues values;                     // an independent axis's values, in order
  bool from_command_line = false;        // --vary
  std::vector<std::string> file_tokens;  // else: where its values or expression are in the file
  bool values_in_array = false;          // value i is at file_tokens + "/i"
  std::string note;                      // appended to messages, e.g. "(from --vary ...)"
  std::string name;                      // "" when unnamed
  std::string expression;                // set for a dependent axis
  bool dependent() const { return !expression.empty(); }
  // "liars (/corruption/count)", or the pointer of an unnamed axis.
  std::string label() const { return name.empty() ? pointer : name + " (" + pointer + ")"; }
};

// A "where" constraint: points where the expression is 0 are dropped.
struct SweepConstraint {
  std::string expression;
  bool from_command_line = false;        // --where
  std::vector<std::string> file_tokens;  // else: the string in the file
};

// A named axis that --set replaced: its name still stands for the value set.
struct NamedValue {
  std::string name;
  Json value;
};

// Nothing is stored per point but the dependent axes' values (and one bit per point when
// "where" drops some): an independent axis's value is read from its coordinate.
struct SweepLayout {
  std::vector<std::size_t> dimension_sizes;  // independent dimensions, slowest first
  std::vector<int> axis_dimension;           // per axis: its dimension, -1 when dependent
  std::size_t unconstrained_count = 0;       // the product of the dimension sizes
  KeptPoints kept;                           // which row-major points are kept
  std::vector<std::size_t> dependent_axes;   // the dependent axes, in order
  std::vector<double> dependent_values;      // per kept point: each dependent axis's result

  std::size_t point_count() const { return kept.count(); }
  std::size_t unconstrained_index(std::size_t point) const {
    return kept.unconstrained_index(point);
  }
  // Every axis's value at kept point `point` (`axes` are the ones laid out), into `out`.
  void values_at(std::size_t point, const std::vector<PreparedAxis>& axes,
                 std::vector<Json>& out) const;
};

// A dependent axis's result as a value: whole results become JSON integers (so that counts
// read as counts), others stay decimals.
Json json_of_result(double x);

struct SweepLayoutResult {
  SweepLayout layout;
  Diagnostics diagnostics;  // when not empty, the layout is incomplete
};

struct SweepDefinition {
  std::vector<PreparedAxis> axes;              // file order, then --vary
  std::vector<std::vector<std::size_t>> zips;  // indices into axes; each group moves together
  std::vector<SweepConstraint> constraints;
  std::vector<NamedValue> fixed;             // names of axes replaced by --set
  std::size_t max_points = kMaxSweepPoints;  // kept points
  std::size_t max_unconstrained_points = kMaxUnconstrainedPoints;  // before "where"
};

// `document` has "sweep" taken out and --set applied. Expression problems are placed at the
// expression (file line:column, or the command line).
SweepLayoutResult lay_out_sweep(const Json& document, const SweepDefinition& sweep,
                                const SourceText& source);

// A diagnostic about the text of an expression at `file_tokens` (or on the command line),
// `position` characters into it.
Diagnostic expression_diagnostic(const SourceText& source, bool from_command_line,
                                 const std::vector<std::string>& file_tokens, std::size_t position,
                                 std::string message, std::string hint);

}  // namespace byzsim
