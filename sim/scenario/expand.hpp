// Sweep expansion: every kept point of a sweep layout (sweep_layout.hpp) patched, converted and
// validated, each distinct problem reported once. Used by the loader after it has collected the
// axes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/json/origin.hpp"
#include "sim/scenario/convert.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/sweep/sweep_layout.hpp"

namespace byzsim {

struct ExpandResult {
  std::vector<ScenarioPoint> points;  // complete only when diagnostics is empty
  Diagnostics diagnostics;
};

// `document` has "sweep" taken out and --set applied (`origins` records those patches).
// A problem found at only some points names the first of them and its axis values.
ExpandResult expand_points(const Json& document, const std::vector<PreparedAxis>& axes,
                           const SweepLayout& layout, const std::vector<PatchOrigin>& origins,
                           const SourceText& source, const convert::Context& context);

}  // namespace byzsim
