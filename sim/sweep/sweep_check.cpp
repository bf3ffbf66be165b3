// The n >= 3f+1 check and the "this axis changes nothing" check, once per scenario and axis.
#include "sim/sweep/sweep_check.hpp"

#include <optional>

#include "sim/json/convert_read.hpp"
#include "sim/protocols/registry.hpp"

namespace byzsim {

namespace {

std::string point_text(const std::vector<PreparedAxis>& axes, const ScenarioPoint& point) {
  std::string text;
  for (std::size_t a = 0; a < axes.size() && a < point.axis_values.size(); ++a) {
    if (!text.empty()) text += ", ";
    text +=
        (axes[a].name.empty() ? axes[a].pointer : axes[a].name) + "=" + point.axis_values[a].dump();
  }
  return text;
}

// Where a warning about /protocol/f goes: the axis or --set that gave f, else the file.
std::vector<PatchOrigin> axis_origins(const std::vector<PatchOrigin>& origins,
                                      const std::vector<PreparedAxis>& axes) {
  std::vector<PatchOrigin> all = origins;
  for (const PreparedAxis& axis : axes)
    all.push_back({axis.tokens, axis.from_command_line, axis.file_tokens, axis.note});
  return all;
}

void check_three_f_plus_one(const PointSource& points, BelowThreeF below,
                            const std::vector<PreparedAxis>& axes, const SourceText& source,
                            const std::vector<PatchOrigin>& origins, Diagnostics& warnings) {
  if (below.count == 0) return;
  ScenarioPoint first;
  points.make(below.first, first);
  const Scenario& s = first.scenario;
  const std::size_t count = below.count;
  std::string message = "n = " + std::to_string(s.n()) +
                        " < 3f + 1 = " + std::to_string(3 * s.protocol.f + 1) +
                        " (f = " + std::to_string(s.protocol.f) + ")";
  if (points.size() > 1) {
    message +=
        " at sweep point " + std::to_string(first.index) + " (" + point_text(axes, first) + ")";
    if (count > 1)
      message += " and " + std::to_string(count - 1) + " more point" + (count > 2 ? "s" : "");
  }
  message += ": " + std::string(s.protocol.name()) +
             " guarantees its outcome against f Byzantine agents only when n >= 3f + 1, so "
             "results there are outside the theory";
  const convert::Problem problem{"/protocol/f", std::move(message),
                                 "accepted without this warning: f <= floor((n-1)/3), e.g. f "
                                 "left to its default, or \"where\": \"3*f + 1 <= n\"",
                                 convert::Anchor::value};
  warnings.push_back(place_problem(problem, source, axis_origins(origins, axes)));
}

// Equal as simulated: f itself is only read through the quorums it defaults.
bool same_simulation(const Scenario& a, const Scenario& b) {
  if (a.protocol.f == b.protocol.f && a.protocol.f_given == b.protocol.f_given) return a == b;
  Scenario copy = a;
  copy.protocol.f = b.protocol.f;
  copy.protocol.f_given = b.protocol.f_given;
  return copy == b;
}

// Whether dimension `d` changed the scenario between two kept points that differ only in it;
// nullopt when no two such points were kept. Each line (the points that differ only in `d`)
// compares its kept points with its first; the answer comes at the first difference.
std::optional<bool> dimension_matters(const PointSource& points, const SweepLayout& layout,
                                      std::size_t d) {
  std::size_t stride = 1;
  for (std::size_t k = layout.dimension_sizes.size(); k-- > d + 1;)
    stride *= layout.dimension_sizes[k];
  const std::size_t size = layout.dimension_sizes[d];
  const std::size_t blocks = layout.unconstrained_count / (size * stride);
  ScenarioPoint first;
  ScenarioPoint other;
  bool compared = false;
  for (std::size_t block = 0; block < blocks; ++block)
    for (std::size_t offset = 0; offset < stride; ++offset) {
      const std::size_t line = block * size * stride + offset;
      bool have_first = false;
      for (std::size_t c = 0; c < size; ++c) {
        const std::size_t index = line + c * stride;
        if (!layout.kept.kept(index)) continue;
        if (!have_first) {
          points.make(layout.kept.point_at(index), first);
          have_first = true;
          continue;
        }
        compared = true;
        points.make(layout.kept.point_at(index), other);
        if (!same_simulation(first.scenario, other.scenario)) return true;
      }
    }
  if (!compared) return std::nullopt;
  return false;
}

void check_axes_change_something(const PointSource& points, const std::vector<PreparedAxis>& axes,
                                 const SweepLayout& layout, const SourceText& source,
                                 Diagnostics& warnings) {
  for (std::size_t d = 0; d < layout.dimension_sizes.size(); ++d) {
    if (layout.dimension_sizes[d] < 2) continue;
    const auto matters = dimension_matters(points, layout, d);
    if (!matters || *matters) continue;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      if (layout.axis_dimension[a] != static_cast<int>(d)) continue;
      const PreparedAxis& axis = axes[a];
      std::string message = "the sweep axis " + axis.label() +
                            " changes nothing that is simulated: points that differ only in it "
                            "have the same scenario";
      if (axis.tokens == std::vector<std::string>{"protocol", "f"})
        message += " (f only sets the default quorums, and both are given)";
      const std::string hint =
          "accepted without this warning: an axis whose values change the run (sweep the "
          "quorums, or leave them to their defaults so that they follow f)";
      if (axis.from_command_line) {
        warnings.push_back(
            diagnostic_on_command_line(axis.pointer, message + " " + axis.note, hint));
      } else {
        Diagnostic w = diagnostic_in_file(source, make_pointer(axis.file_tokens),
                                          convert::Anchor::value, message, hint);
        w.pointer = axis.pointer;
        warnings.push_back(std::move(w));
      }
    }
  }
}

}  // namespace

Diagnostics theory_warnings(const PointSource& points, BelowThreeF below,
                            const std::vector<PreparedAxis>& axes, const SweepLayout& layout,
                            const SourceText& source, const std::vector<PatchOrigin>& origins) {
  Diagnostics warnings;
  check_three_f_plus_one(points, below, axes, source, origins, warnings);
  check_axes_change_something(points, axes, layout, source, warnings);
  return warnings;
}

}  // namespace byzsim
