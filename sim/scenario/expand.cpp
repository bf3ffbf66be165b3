// Patch, convert and validate each sweep point; deduplicate problems across points.
#include "sim/scenario/expand.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "sim/protocols/registry.hpp"
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

// What decides a row's columns (RowFormat::for_scenarios): points of one kind add no column.
using RowKind = std::tuple<const ProtocolSpec*, bool, bool, Estimator::Kind>;

RowKind row_kind(const Scenario& s) {
  return {&spec_of(s.protocol), s.corruption.enabled, s.costs.enabled, s.estimator.kind};
}

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

// Converting a point costs some microseconds (a JSON patch and a full validation): big sweeps
// convert on every core, in contiguous ranges numbered in point order, so that what each range
// found combines in point order whatever the thread count.
constexpr std::size_t kPointsPerThread = 2048;

std::size_t range_count(std::size_t points) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1,
                               std::min(cores, (points + kPointsPerThread - 1) / kPointsPerThread));
}

// work(begin, end, range) over [first, points) cut into `ranges` ranges; rethrows what a
// range threw.
void in_ranges(std::size_t first, std::size_t points, std::size_t ranges,
               const std::function<void(std::size_t, std::size_t, std::size_t)>& work) {
  const auto begin = [&](std::size_t r) { return std::max(first, points * r / ranges); };
  if (ranges <= 1) {
    work(first, points, 0);
    return;
  }
  std::vector<std::jthread> pool;
  std::vector<std::exception_ptr> errors(ranges);
  for (std::size_t r = 0; r < ranges; ++r)
    pool.emplace_back([&, r] {
      try {
        work(begin(r), std::max(begin(r), points * (r + 1) / ranges), r);
      } catch (...) {
        errors[r] = std::current_exception();
      }
    });
  pool.clear();  // joins
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace

// What one range of points found, in point order.
struct SweepPoints::Chunk {
  std::vector<Seen> seen;
  std::map<SeenKey, std::size_t> seen_index;
  std::size_t below_three_f = 0;
  std::size_t first_below_three_f = 0;
  std::vector<std::pair<RowKind, std::size_t>> kinds;  // each kind's first point here
  std::vector<Json> values;                            // scratch
  std::optional<Scenario> scenario;  // scratch: point 0, then each point converted into it
};

SweepPoints::SweepPoints(Json document, std::vector<PreparedAxis> axes, SweepLayout layout,
                         const convert::Context& context, std::string label)
    : document_(std::move(document)),
      axes_(std::move(axes)),
      layout_(std::move(layout)),
      default_name_(context.default_name),
      context_{default_name_, context.protocols, context.strategies, context.memory_budget},
      label_(std::move(label)) {
  bool whole = false;
  for (const PreparedAxis& axis : axes_) {
    if (axis.tokens.empty())
      whole = true;  // the whole document is swept
    else if (std::find(sections_.begin(), sections_.end(), axis.tokens.front()) == sections_.end())
      sections_.push_back(axis.tokens.front());
  }
  // protocol and network are read again when the agents change (they need n).
  if (std::find(sections_.begin(), sections_.end(), "agents") != sections_.end())
    for (const char* dependent : {"protocol", "network"})
      if (std::find(sections_.begin(), sections_.end(), dependent) == sections_.end())
        sections_.push_back(dependent);
  swept_ = whole ? std::vector<std::string>{""} : sections_;
  incremental_ = !whole;
  seed_only_ = axes_.size() == 1 && axes_.front().tokens == std::vector<std::string>{"seed"};
}

Json SweepPoints::patched(const std::vector<Json>& values, bool whole,
                          convert::Problems& problems) const {
  Json document = Json::object();
  if (whole) {
    document = document_;
  } else {
    for (const std::string& key : sections_)
      if (const auto it = document_.find(key); it != document_.end()) document[key] = *it;
  }
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    const std::string error = assign(document, axes_[a].tokens, values[a]);
    if (!error.empty())
      convert::add_problem(
          problems, make_pointer(axes_[a].tokens), "the swept value cannot be set: " + error,
          "accepted: axes whose pointers stay valid when earlier axes are applied");
  }
  return document;
}

Scenario SweepPoints::convert(const std::vector<Json>& values, const Scenario* from,
                              convert::Problems& problems) const {
  const Json document = patched(values, from == nullptr, problems);
  Scenario scenario =
      from == nullptr ? convert::convert_scenario(document, context_, problems)
                      : convert::convert_sections(document, *from, sections_, context_, problems);
  scenario.source_file = label_;
  return scenario;
}

void SweepPoints::convert_into(const std::vector<Json>& values, Scenario& scenario,
                               convert::Problems& problems) const {
  // A sweep of the seed alone (replications): a non-negative integer is exactly what the
  // seed's reading accepts and stores, so it is stored without the document (any other value
  // goes the whole way, to be refused with its place).
  if (seed_only_) {
    const Json& seed = values.front();
    if (seed.is_number_unsigned() || (seed.is_number_integer() && seed.get<std::int64_t>() >= 0)) {
      scenario.seed = seed.get<std::uint64_t>();
      return;
    }
  }
  const Json document = patched(values, false, problems);
  scenario =
      convert::convert_sections_into(document, std::move(scenario), sections_, context_, problems);
  scenario.source_file = label_;
}

void SweepPoints::check_point(std::size_t index, const SourceText& source,
                              const std::vector<PatchOrigin>& origins, Chunk& chunk) const {
  layout_.values_at(index, axes_, chunk.values);
  convert::Problems problems;
  // Point 0 in full. When it has no problem, the others only re-read what their axes change
  // (a whole conversion costs microseconds, re-reading one value a fraction of that); when
  // it has, every point is converted in full, so that problems are found exactly as always.
  Scenario whole;
  if (index > 0 && incremental_) {
    if (!chunk.scenario) chunk.scenario = base_;
    convert_into(chunk.values, *chunk.scenario, problems);
  } else {
    whole = convert(chunk.values, nullptr, problems);
  }
  const Scenario& scenario = index > 0 && incremental_ ? *chunk.scenario : whole;
  if (!problems.empty()) {
    std::vector<PatchOrigin> placed = origins;
    const auto coordinates =
        point_coordinates(layout_.unconstrained_index(index), layout_.dimension_sizes);
    for (std::size_t a = 0; a < axes_.size(); ++a)
      placed.push_back(axis_origin(axes_[a], layout_, a, coordinates));
    for (const convert::Problem& problem : problems) {
      Diagnostic d = place_problem(problem, source, placed);
      const SeenKey key{d.file, d.line, d.column, d.pointer, d.message, d.hint};
      auto [it, inserted] = chunk.seen_index.emplace(key, chunk.seen.size());
      if (inserted)
        chunk.seen.push_back({std::move(d), 0, index, assignment_text(axes_, chunk.values)});
      ++chunk.seen[it->second].points;
    }
    return;
  }
  if (spec_of(scenario.protocol).needs_three_f_plus_one &&
      scenario.n() < 3 * scenario.protocol.f + 1) {
    if (chunk.below_three_f++ == 0) chunk.first_below_three_f = index;
  }
  const RowKind kind = row_kind(scenario);
  if (std::none_of(chunk.kinds.begin(), chunk.kinds.end(),
                   [&](const auto& seen) { return seen.first == kind; }))
    chunk.kinds.emplace_back(kind, index);
}

SweepCheck SweepPoints::validate(const SourceText& source,
                                 const std::vector<PatchOrigin>& origins) {
  SweepCheck check;
  const std::size_t point_count = size();
  if (point_count == 0) return check;
  const std::size_t ranges = range_count(point_count);
  std::vector<Chunk> chunks(ranges + 1);  // point 0's first
  check_point(0, source, origins, chunks[0]);
  incremental_ = incremental_ && chunks[0].seen.empty();
  if (chunks[0].seen.empty()) {
    std::vector<Json> values;
    layout_.values_at(0, axes_, values);
    convert::Problems problems;
    base_ = convert(values, nullptr, problems);
  }
  in_ranges(1, point_count, ranges, [&](std::size_t begin, std::size_t end, std::size_t r) {
    for (std::size_t index = begin; index < end; ++index)
      check_point(index, source, origins, chunks[r + 1]);
  });
  std::vector<Seen> seen;
  std::map<SeenKey, std::size_t> seen_index;
  std::vector<RowKind> kinds;
  for (Chunk& chunk : chunks) {
    for (Seen& s : chunk.seen) {
      const Diagnostic& d = s.diagnostic;
      const SeenKey key{d.file, d.line, d.column, d.pointer, d.message, d.hint};
      auto [it, inserted] = seen_index.emplace(key, seen.size());
      if (inserted)
        seen.push_back(std::move(s));
      else
        seen[it->second].points += s.points;
    }
    if (chunk.below_three_f > 0 && check.below_three_f == 0)
      check.first_below_three_f = chunk.first_below_three_f;
    check.below_three_f += chunk.below_three_f;
    for (const auto& [kind, first] : chunk.kinds)
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
        kinds.push_back(kind);
        check.row_kinds.push_back(first);
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
    check.diagnostics.push_back(std::move(s.diagnostic));
  }
  return check;
}

void SweepPoints::make(std::size_t index, ScenarioPoint& out) const {
  out.index = static_cast<int>(index);
  std::vector<Json> values;
  layout_.values_at(index, axes_, values);
  out.axis_values.assign(values.begin(), values.end());
  if (index == 0) {
    out.scenario = base_;
    out.made_from = incremental_ ? this : nullptr;
    return;
  }
  convert::Problems problems;  // none: every point was validated
  if (!incremental_) {
    out.scenario = convert(values, nullptr, problems);
    out.made_from = nullptr;
    return;
  }
  if (out.made_from != this) {
    out.scenario = base_;
    out.made_from = this;
  }
  convert_into(values, out.scenario, problems);
}

void SweepPoints::axis_values(std::size_t index, std::vector<nlohmann::json>& out) const {
  std::vector<Json> values;
  layout_.values_at(index, axes_, values);
  out.assign(values.begin(), values.end());
}

void SweepPoints::for_each_axis_value(
    std::size_t axis, const std::function<void(const nlohmann::json&)>& visit) const {
  if (!axes_[axis].dependent()) {
    for (const Json& value : axes_[axis].values) visit(nlohmann::json(value));
    return;
  }
  // A dependent axis: the distinct values it took, in point order.
  std::unordered_set<nlohmann::json> seen;
  std::vector<Json> values;
  for (std::size_t p = 0; p < size(); ++p) {
    layout_.values_at(p, axes_, values);
    nlohmann::json value(values[axis]);
    if (seen.insert(value).second) visit(value);
  }
}

std::vector<ScenarioPoint> all_points(const SweepPoints& points) {
  std::vector<ScenarioPoint> all(points.size());
  const std::size_t ranges = range_count(all.size());
  in_ranges(0, all.size(), ranges, [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t index = begin; index < end; ++index) points.make(index, all[index]);
  });
  return all;
}

}  // namespace byzsim
