// Sweep points: every kept point of a sweep layout (sweep_layout.hpp) patched with its axis
// values and converted. validate() converts and checks them all up front, reporting each
// distinct problem once; make() then converts any one of them again, so that a run need not
// hold them (a point's Scenario is about 2.7 kB). Used by the loader after it has collected
// the axes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/json/origin.hpp"
#include "sim/model/loaded_scenario.hpp"
#include "sim/scenario/convert.hpp"
#include "sim/sweep/sweep_layout.hpp"

namespace byzsim {

// What validate() found besides problems: the figures the theory warnings and the row format
// read, gathered while every point passes by.
struct SweepCheck {
  Diagnostics diagnostics;              // each distinct problem once
  std::size_t below_three_f = 0;        // points with n < 3f + 1 where the protocol needs it
  std::size_t first_below_three_f = 0;  // the first of them
  std::vector<std::size_t> row_kinds;   // the first point of each kind of row, in order
};

class SweepPoints final : public PointSource {
 public:
  // `document` has "sweep" taken out and --set applied; `context`'s registries must outlive
  // this object; `label` is the file the scenarios come from.
  SweepPoints(Json document, std::vector<PreparedAxis> axes, SweepLayout layout,
              const convert::Context& context, std::string label);

  // Converts and checks every point on all cores; problems are placed in `source`, through
  // `origins` (the --set patches). A problem found at only some points names the first of
  // them and its axis values. make() is meaningful only after a check without problems.
  SweepCheck validate(const SourceText& source, const std::vector<PatchOrigin>& origins);

  std::size_t size() const override { return layout_.point_count(); }
  void make(std::size_t index, ScenarioPoint& out) const override;
  void axis_values(std::size_t index, std::vector<nlohmann::json>& out) const override;
  void for_each_axis_value(std::size_t axis,
                           const std::function<void(const nlohmann::json&)>& visit) const override;
  const std::vector<std::string>& swept_sections() const override { return swept_; }

  const std::vector<PreparedAxis>& axes() const { return axes_; }
  const SweepLayout& layout() const { return layout_; }

 private:
  struct Chunk;
  // Point `values` patched into the document and converted; with `from` (an earlier point's
  // scenario), only the swept sections are copied, patched and converted again.
  // The document with point `values` set: whole, or only the swept sections.
  Json patched(const std::vector<Json>& values, bool whole, convert::Problems& problems) const;
  Scenario convert(const std::vector<Json>& values, const Scenario* from,
                   convert::Problems& problems) const;
  // The same for a later point, into `scenario`, which holds point 0 or an earlier point made
  // this way: every point re-reads the same sections, so the others are point 0's already and
  // nothing is copied (a copy of point 0 per point showed in sweeps of one-trial points).
  void convert_into(const std::vector<Json>& values, Scenario& scenario,
                    convert::Problems& problems) const;
  void check_point(std::size_t index, const SourceText& source,
                   const std::vector<PatchOrigin>& origins, Chunk& chunk) const;

  Json document_;
  std::vector<PreparedAxis> axes_;
  SweepLayout layout_;
  std::string default_name_;
  convert::Context context_;  // its default_name views default_name_
  std::string label_;
  Scenario base_;             // point 0, once validated
  bool incremental_ = false;  // later points convert only `sections_`, from base_
  bool seed_only_ = false;    // one axis, /seed
  std::vector<std::string> sections_;
  std::vector<std::string> swept_;
};

// Every point at once, made on all cores (commands that read all points together).
std::vector<ScenarioPoint> all_points(const SweepPoints& points);

}  // namespace byzsim
