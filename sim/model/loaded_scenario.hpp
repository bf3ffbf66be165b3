// A scenario file as loaded: its sweep axes and the validated Scenario of every point. Plain
// data produced by the loader (sim/scenario/loader.hpp) and read by reports and the command
// line, which must not depend on the loader itself.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/axis_column.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

// One sweep axis: a JSON pointer into the scenario and the values it takes, in order (a
// dependent axis: the distinct values it took at the kept points, in point order).
struct SweepAxis {
  std::string pointer;
  std::string name;  // the axis's "name" when the user gave one (its CSV column), else empty
  std::vector<nlohmann::json> values;
  std::string expression;  // a dependent axis's expression ("floor((n-1)/3)"), else empty
  // The column header: the name when given, else one derived from the pointer
  // (unnamed_axis_column: /corruption/count -> corruption_count).
  std::string column() const { return name.empty() ? unnamed_axis_column(pointer) : name; }
};

// One point of the sweep: the scenario with every axis value substituted and validated.
struct ScenarioPoint {
  int index = 0;                            // row-major over the axes, from 0
  std::vector<nlohmann::json> axis_values;  // one per axis, same order as LoadedScenario::axes
  Scenario scenario;
  // The point source that made `scenario` from its point 0 (PointSource::make), if any: one
  // whose axes change only top-level scalars (seed, trials, name, description) then re-reads
  // those into it rather than copying point 0 again.
  const void* made_from = nullptr;
};

// The points of a validated sweep, made one at a time (byzsim run: a 10^6-point sweep is never
// held). Thread-safe.
class PointSource {
 public:
  virtual ~PointSource() = default;
  virtual std::size_t size() const = 0;
  // Point `index` (< size()): its axis values and validated Scenario, into `out`.
  virtual void make(std::size_t index, ScenarioPoint& out) const = 0;
  // Its axis values alone (no conversion).
  virtual void axis_values(std::size_t index, std::vector<nlohmann::json>& out) const = 0;
  // What SweepAxis::values lists for axis `axis`, one value at a time, in order.
  virtual void for_each_axis_value(
      std::size_t axis, const std::function<void(const nlohmann::json&)>& visit) const = 0;
  std::vector<nlohmann::json> axis_value_list(std::size_t axis) const {
    std::vector<nlohmann::json> list;
    for_each_axis_value(axis, [&](const nlohmann::json& value) { list.push_back(value); });
    return list;
  }
  // The top-level keys of the document the axes change ("" when one replaces all of it).
  virtual const std::vector<std::string>& swept_sections() const = 0;
};

struct LoadedScenario {
  std::string file;
  // The scenario as given after --set, with "sweep" taken out: with each axis's value of a
  // point assigned at its pointer, that point's scenario (the output sidecar records it).
  nlohmann::ordered_json document;
  std::vector<SweepAxis> axes;  // file's "sweep" keys in file order, then --vary in order
  std::vector<ScenarioPoint> points;
  // Set when loaded lazily (LoadOptions::lazy): `points` then holds only the first point of
  // each kind of row (protocol, corruption, costs, estimator: what decides the columns), in
  // point order; the axes' `values` are empty; `lazy` makes every point.
  std::shared_ptr<const PointSource> lazy;
  std::size_t point_count() const { return lazy ? lazy->size() : points.size(); }
  std::size_t unconstrained_points = 1;  // before "where" dropped any
  std::vector<std::string> constraints;  // the "where" expressions (file, then --where)
};

}  // namespace byzsim
