// libFuzzer target: scenario JSON text plus --set/--vary strings -> load_scenario_text (parse,
// patches, sweep expansion, conversion of every point). Built by `make fuzz`; its corpus and
// regressions are replayed by the ctest fuzz.replay_scenario.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

// A broken promise of the loader's interface is a finding like a crash: print it and abort so
// libFuzzer saves the input.
void require(bool condition, const char* what) {
  if (condition) return;
  std::cerr << "fuzz_scenario: broken invariant: " << what << "\n";
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace byzsim;
  const fuzz::ScenarioInput input =
      fuzz::split_scenario_input({reinterpret_cast<const char*>(data), size});
  LoadOptions options;
  options.sets = input.sets;
  options.varies = input.varies;
  options.wheres = input.wheres;
  // Small sweeps only: an instrumented build converts a point in about a millisecond, and the
  // logic of big sweeps is the logic of small ones (their bounds are unit-tested).
  options.max_sweep_points = 200;
  options.max_unconstrained_points = 2000;
  const LoadResult result = load_scenario_text(input.document, "fuzz.json", options);

  require(result.ok() == result.scenario.has_value(), "a scenario exactly when no diagnostics");
  for (const Diagnostic& d : result.diagnostics) require(!d.message.empty(), "a message per error");
  if (!result.scenario) return 0;
  const LoadedScenario& loaded = *result.scenario;
  // Every command reads points.front(): a loaded scenario has at least one point.
  require(!loaded.points.empty(), "a loaded scenario has at least one point");
  // Dependent axes and zip do not multiply the count, and "where" drops points: the kept
  // points are at most the unconstrained ones, and all of them when nothing constrains.
  require(loaded.points.size() <= loaded.unconstrained_points, "kept points <= all points");
  if (loaded.constraints.empty())
    require(loaded.points.size() == loaded.unconstrained_points, "no constraint drops nothing");
  for (const SweepAxis& axis : loaded.axes) require(!axis.values.empty(), "every axis has a value");
  for (std::size_t i = 0; i < loaded.points.size(); ++i) {
    const ScenarioPoint& point = loaded.points[i];
    require(point.index == static_cast<int>(i), "points numbered from 0 in order");
    require(point.axis_values.size() == loaded.axes.size(), "a value per axis");
    for (std::size_t a = 0; a < loaded.axes.size(); ++a) {
      const auto& values = loaded.axes[a].values;
      require(std::find(values.begin(), values.end(), point.axis_values[a]) != values.end(),
              "a point's axis value is one of the axis's values");
    }
  }
  return 0;
}
