// Patch, convert and validate each sweep point; deduplicate problems across points.
#include "sim/scenario/expand.hpp"

#include <map>
#include <tuple>

#include "sim/scenario/convert.hpp"
#include "sim/scenario/sweep.hpp"

namespace byzsim {

namespace {

// A diagnostic seen at one or more points.
struct Seen {
  Diagnostic diagnostic;
  std::size_t points = 0;
  std::size_t first_point = 0;
  std::string first_assignment;
};

using SeenKey = std::tuple<std::string, int, int, std::string, std::string, std::string>;

std::string assignment_text(const std::vector<PreparedAxis>& axes,
                            const std::vector<std::size_t>& coordinates) {
  std::string text;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (!text.empty()) text += ", ";
    text += axes[a].pointer + "=" + convert::json_text(axes[a].values[coordinates[a]]);
  }
  return text;
}

PatchOrigin axis_origin(const PreparedAxis& axis, std::size_t value_index) {
  PatchOrigin origin{axis.tokens, axis.from_command_line, axis.file_tokens, axis.note};
  if (axis.values_in_array) origin.file_tokens.push_back(std::to_string(value_index));
  return origin;
}

// Patches and converts one point; its problems are placed into `diagnostics`.
Scenario convert_point(const Json& base, const std::vector<PreparedAxis>& axes,
                       const std::vector<std::size_t>& coordinates,
                       std::vector<PatchOrigin> origins, const SourceText& source,
                       std::string_view default_name, Diagnostics& diagnostics) {
  Json document = base;
  convert::Problems problems;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const PreparedAxis& axis = axes[a];
    const std::string error = assign(document, axis.tokens, axis.values[coordinates[a]]);
    origins.push_back(axis_origin(axis, coordinates[a]));
    if (!error.empty())
      convert::add_problem(
          problems, make_pointer(axis.tokens), "the swept value cannot be set: " + error,
          "accepted: axes whose pointers stay valid when earlier axes are applied");
  }
  Scenario scenario = convert::convert_scenario(document, default_name, problems);
  scenario.source_file = std::string(source.label);
  for (const convert::Problem& problem : problems)
    diagnostics.push_back(place_problem(problem, source, origins));
  return scenario;
}

}  // namespace

ExpandResult expand_points(const Json& document, const std::vector<PreparedAxis>& axes,
                           std::size_t point_count, const std::vector<PatchOrigin>& origins,
                           const SourceText& source, std::string_view default_name) {
  ExpandResult result;
  std::vector<std::size_t> sizes;
  for (const PreparedAxis& axis : axes) sizes.push_back(axis.values.size());
  std::vector<Seen> seen;
  std::map<SeenKey, std::size_t> seen_index;
  for (std::size_t index = 0; index < point_count; ++index) {
    const auto coordinates = point_coordinates(index, sizes);
    Diagnostics found;
    Scenario scenario =
        convert_point(document, axes, coordinates, origins, source, default_name, found);
    for (Diagnostic& d : found) {
      const SeenKey key{d.file, d.line, d.column, d.pointer, d.message, d.hint};
      auto [it, inserted] = seen_index.emplace(key, seen.size());
      if (inserted) seen.push_back({std::move(d), 0, index, assignment_text(axes, coordinates)});
      ++seen[it->second].points;
    }
    if (!seen.empty()) continue;  // no point is kept once any has failed
    ScenarioPoint point;
    point.index = static_cast<int>(index);
    for (std::size_t a = 0; a < axes.size(); ++a)
      point.axis_values.emplace_back(axes[a].values[coordinates[a]]);
    point.scenario = std::move(scenario);
    result.points.push_back(std::move(point));
  }
  for (Seen& s : seen) {
    if (s.points < point_count) {
      s.diagnostic.message +=
          " at sweep point " + std::to_string(s.first_point) + " (" + s.first_assignment + ")";
      if (s.points > 1)
        s.diagnostic.message +=
            " and " + std::to_string(s.points - 1) + " more point" + (s.points > 2 ? "s" : "");
    }
    result.diagnostics.push_back(std::move(s.diagnostic));
  }
  if (!result.diagnostics.empty()) result.points.clear();
  return result;
}

}  // namespace byzsim
