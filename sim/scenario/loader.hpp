// Loads scenario files: JSON text -> validated Scenario per sweep point, or diagnostics.
// Used by every CLI command that reads scenarios; pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace byzsim {

// One sweep axis: a JSON pointer into the scenario and the values it takes, in order (a
// dependent axis: the distinct values it took at the kept points, in point order).
struct SweepAxis {
  std::string pointer;
  std::string name;  // the axis's "name" when the user gave one (its CSV column), else empty
  std::vector<nlohmann::json> values;
  std::string expression;  // a dependent axis's expression ("floor((n-1)/3)"), else empty
  // The column header: the name when given, else the pointer.
  const std::string& column() const { return name.empty() ? pointer : name; }
};

// One point of the sweep: the scenario with every axis value substituted and validated.
struct ScenarioPoint {
  int index = 0;                            // row-major over the axes, from 0
  std::vector<nlohmann::json> axis_values;  // one per axis, same order as LoadedScenario::axes
  Scenario scenario;
};

struct LoadedScenario {
  std::string file;
  // The scenario as given after --set, with "sweep" taken out: with each axis's value of a
  // point assigned at its pointer, that point's scenario (the output sidecar records it).
  nlohmann::ordered_json document;
  std::vector<SweepAxis> axes;  // file's "sweep" keys in file order, then --vary in order
  std::vector<ScenarioPoint> points;
  std::size_t unconstrained_points = 1;  // before "where" dropped any
  std::vector<std::string> constraints;  // the "where" expressions (file, then --where)
};

// Command-line changes applied to the document before validation.
struct LoadOptions {
  std::vector<std::string> sets;    // "PTR=VALUE" (VALUE parsed as JSON, else a string)
  std::vector<std::string> varies;  // "[NAME:]PTR=SPEC": "0:4", "0:10:2", "a,b,c", "floor(n/3)"
  std::vector<std::string> wheres;  // constraints: points where the expression is 0 are dropped
  // Bounds on the sweep (kMaxSweepPoints and kMaxUnconstrainedPoints by default). Only the fuzz
  // targets lower them: they explore the loader's logic, and a sweep of 100,000 points takes
  // minutes in an instrumented build (scale is covered by the tests and benchmarks).
  std::size_t max_sweep_points = 100000;
  std::size_t max_unconstrained_points = 1000000;
};

struct LoadResult {
  std::optional<LoadedScenario> scenario;  // set only when diagnostics is empty
  Diagnostics diagnostics;
  // Not errors: things a user most likely did not mean (n < 3f+1 for the protocol's
  // guarantees, a swept value that changes nothing, --set replacing a sweep axis). Printed
  // to stderr as "warning: ..." by every command that loads scenarios; never change the exit.
  Diagnostics warnings;
  bool ok() const { return diagnostics.empty(); }
};

LoadResult load_scenario_file(const std::string& path, const LoadOptions& options = {});
// `file_label` is what messages call the text (a path, usually).
LoadResult load_scenario_text(const std::string& text, const std::string& file_label,
                              const LoadOptions& options = {});

}  // namespace byzsim
