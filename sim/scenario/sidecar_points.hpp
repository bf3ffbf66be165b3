// A scenario as an output's sidecar records it (one "scenarios" entry: document, axes and each
// point's axis values), turned back into its sweep axes and each point's validated Scenario,
// converted as the loader converted it for the run. Merge uses it to know what each row of a
// shard must say (protocol, n, seed, quorums, axis values) without trusting the row.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/loaded_scenario.hpp"

namespace byzsim {

class SidecarScenario {
 public:
  // Reads `entry`; "" when it describes a scenario whose point 0 converts without a problem,
  // else what is wrong. `entry` must outlive this object and stay unchanged.
  std::string open(const nlohmann::ordered_json& entry);
  // The name, file and sweep axes (no points: they are built one at a time by point()).
  const LoadedScenario& loaded() const { return loaded_; }
  std::size_t point_count() const { return point_count_; }
  // Point `index` (< point_count()) with its axis values and Scenario; "" or what is wrong.
  std::string point(std::size_t index, ScenarioPoint& out) const;

 private:
  std::string convert(std::size_t index, const Scenario* base, Scenario& out) const;

  const nlohmann::ordered_json* entry_ = nullptr;
  LoadedScenario loaded_;
  std::size_t point_count_ = 0;
  std::vector<std::vector<std::string>> tokens_;  // each axis's pointer, parsed
  // Points after the first convert only the sections their axes change (as the loader does):
  // merge checks every row, and sweeps have up to 100,000 points.
  Scenario base_;
  std::vector<std::string> sections_;  // empty: convert every point in full
};

}  // namespace byzsim
