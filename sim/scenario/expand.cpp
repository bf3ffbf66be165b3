// Patch, convert and validate each sweep point; deduplicate problems across points.
#include "sim/scenario/expand.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <thread>
#include <tuple>

#include "sim/scenario/convert.hpp"
#include "sim/sweep/sweep.hpp"

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
                            const std::vector<Json>& values) {
  std::string text;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    if (!text.empty()) text += ", ";
    text += (axes[a].name.empty() ? axes[a].pointer : axes[a].name) + "=" +
            convert::json_text(values[a]);
  }
  return text;
}

PatchOrigin axis_origin(const PreparedAxis& axis, const SweepLayout& layout, std::size_t a,
                        const std::vector<std::size_t>& coordinates) {
  PatchOrigin origin{axis.tokens, axis.from_command_line, axis.file_tokens, axis.note};
  if (axis.values_in_array && layout.axis_dimension[a] >= 0)
    origin.file_tokens.push_back(
        std::to_string(coordinates[static_cast<std::size_t>(layout.axis_dimension[a])]));
  return origin;
}

// A point converted without problems, from which later points are converted incrementally
// (convert::convert_sections): only the top-level sections the axes point into change.
struct IncrementalBase {
  const Scenario* scenario = nullptr;
  std::vector<std::string> sections;  // the axes' first tokens
};

// Patches and converts one point; its problems are placed into `diagnostics`. With `from`,
// only the swept sections are copied, patched and converted again.
Scenario convert_point(const Json& base, const std::vector<PreparedAxis>& axes,
                       const SweepLayout& layout, std::size_t point,
                       std::vector<PatchOrigin> origins, const SourceText& source,
                       const convert::Context& context, const IncrementalBase* from,
                       Diagnostics& diagnostics) {
  Json document = Json::object();
  if (from == nullptr) {
    document = base;
  } else {
    for (const std::string& key : from->sections)
      if (const auto it = base.find(key); it != base.end()) document[key] = *it;
  }
  convert::Problems problems;
  const auto coordinates = point_coordinates(layout.unconstrained[point], layout.dimension_sizes);
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const PreparedAxis& axis = axes[a];
    const std::string error = assign(document, axis.tokens, layout.values[point][a]);
    origins.push_back(axis_origin(axis, layout, a, coordinates));
    if (!error.empty())
      convert::add_problem(
          problems, make_pointer(axis.tokens), "the swept value cannot be set: " + error,
          "accepted: axes whose pointers stay valid when earlier axes are applied");
  }
  Scenario scenario =
      from == nullptr
          ? convert::convert_scenario(document, context, problems)
          : convert::convert_sections(document, *from->scenario, from->sections, context, problems);
  scenario.source_file = std::string(source.label);
  for (const convert::Problem& problem : problems)
    diagnostics.push_back(place_problem(problem, source, origins));
  return scenario;
}

// The points [begin, end), each converted with its own problems.
struct Converted {
  std::vector<ScenarioPoint> points;  // the result when no point has a problem
  std::vector<Diagnostics> found;
};

void convert_range(const Json& document, const std::vector<PreparedAxis>& axes,
                   const SweepLayout& layout, const std::vector<PatchOrigin>& origins,
                   const SourceText& source, const convert::Context& context,
                   const IncrementalBase* from, std::size_t begin, std::size_t end,
                   Converted& out) {
  for (std::size_t index = begin; index < end; ++index) {
    Diagnostics& found = out.found[index];
    ScenarioPoint& point = out.points[index];
    point.index = static_cast<int>(index);
    point.scenario =
        convert_point(document, axes, layout, index, origins, source, context, from, found);
  }
}

// Converting a point costs some microseconds (a JSON patch and a full validation): big
// sweeps convert on every core. Each point is independent and results are placed by index,
// so the outcome does not depend on the thread count.
void convert_all(const Json& document, const std::vector<PreparedAxis>& axes,
                 const SweepLayout& layout, const std::vector<PatchOrigin>& origins,
                 const SourceText& source, const convert::Context& context, Converted& out) {
  const std::size_t point_count = layout.values.size();
  out.points.resize(point_count);
  out.found.resize(point_count);
  if (point_count == 0) return;
  // Point 0 in full. When it has no problem, the others only re-read what their axes change
  // (a whole conversion costs microseconds, re-reading one value a fraction of that); when
  // it has, every point is converted in full, so that problems are found exactly as always.
  convert_range(document, axes, layout, origins, source, context, nullptr, 0, 1, out);
  IncrementalBase incremental{&out.points[0].scenario, {}};
  bool use_incremental = out.found[0].empty();
  for (const PreparedAxis& axis : axes) {
    if (axis.tokens.empty())
      use_incremental = false;  // the whole document is swept
    else if (std::find(incremental.sections.begin(), incremental.sections.end(),
                       axis.tokens.front()) == incremental.sections.end())
      incremental.sections.push_back(axis.tokens.front());
  }
  // protocol and network are read again when the agents change (they need n).
  auto& sections = incremental.sections;
  if (std::find(sections.begin(), sections.end(), "agents") != sections.end())
    for (const char* dependent : {"protocol", "network"})
      if (std::find(sections.begin(), sections.end(), dependent) == sections.end())
        sections.push_back(dependent);
  const IncrementalBase* from = use_incremental ? &incremental : nullptr;
  constexpr std::size_t kPointsPerThread = 2048;
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads =
      std::min(cores, (point_count + kPointsPerThread - 1) / kPointsPerThread);
  if (threads <= 1) {
    convert_range(document, axes, layout, origins, source, context, from, 1, point_count, out);
    return;
  }
  std::vector<std::jthread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (std::size_t t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      try {
        convert_range(document, axes, layout, origins, source, context, from,
                      std::max<std::size_t>(1, point_count * t / threads),
                      point_count * (t + 1) / threads, out);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  pool.clear();  // joins
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace

ExpandResult expand_points(const Json& document, const std::vector<PreparedAxis>& axes,
                           const SweepLayout& layout, const std::vector<PatchOrigin>& origins,
                           const SourceText& source, const convert::Context& context) {
  ExpandResult result;
  const std::size_t point_count = layout.values.size();
  Converted converted;
  convert_all(document, axes, layout, origins, source, context, converted);
  std::vector<Seen> seen;
  std::map<SeenKey, std::size_t> seen_index;
  for (std::size_t index = 0; index < point_count; ++index) {
    for (Diagnostic& d : converted.found[index]) {
      const SeenKey key{d.file, d.line, d.column, d.pointer, d.message, d.hint};
      auto [it, inserted] = seen_index.emplace(key, seen.size());
      if (inserted)
        seen.push_back({std::move(d), 0, index, assignment_text(axes, layout.values[index])});
      ++seen[it->second].points;
    }
  }
  if (seen.empty()) {  // no point is kept otherwise
    result.points = std::move(converted.points);
    for (std::size_t index = 0; index < point_count; ++index) {
      auto& out = result.points[index].axis_values;
      out.reserve(axes.size());
      for (const Json& value : layout.values[index]) out.emplace_back(value);
    }
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
