// Sweep expansion: every point (row-major over the axes) patched, converted and validated,
// each distinct problem reported once. Used by the loader after it has collected the axes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/origin.hpp"

namespace byzsim {

// One sweep axis ready for expansion: where its values go and where they came from.
struct PreparedAxis {
  std::string pointer;  // as the user wrote it
  std::vector<std::string> tokens;
  std::vector<Json> values;
  bool from_command_line = false;        // --vary
  std::vector<std::string> file_tokens;  // else: the sweep entry in the file, {"sweep", key}
  bool values_in_array = false;          // value i is at file_tokens + "/i"
  std::string note;                      // appended to messages, e.g. "(from --vary ...)"
};

struct ExpandResult {
  std::vector<ScenarioPoint> points;  // complete only when diagnostics is empty
  Diagnostics diagnostics;
};

// `document` has "sweep" taken out and --set applied (`origins` records those patches).
// A problem found at only some points names the first of them and its axis values.
ExpandResult expand_points(const Json& document, const std::vector<PreparedAxis>& axes,
                           std::size_t point_count, const std::vector<PatchOrigin>& origins,
                           const SourceText& source, std::string_view default_name);

}  // namespace byzsim
