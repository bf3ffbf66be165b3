// Laying out a sweep: dimensions (zips), dependency order of the expressions (cycles refused),
// then one pass over the unconstrained points computing dependent axes and constraints.
#include "sim/sweep/sweep_layout.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "sim/json/convert_read.hpp"
#include "sim/json/json_locate.hpp"
#include "sim/json/suggest.hpp"
#include "sim/sweep/sweep.hpp"
#include "sim/sweep/sweep_expr.hpp"

namespace byzsim {

namespace {

// A value the expressions read as a number, when it is one.
std::optional<double> number_of(const Json& value) {
  if (!value.is_number()) return std::nullopt;
  return value.get<double>();
}

// Why a result that is not a finite number is refused, for axes and constraints alike: 1/0 is
// no more a value or a truth than sqrt(-1).
std::string not_finite(const std::string& what, double value) {
  return what + " gives " + (std::isnan(value) ? "no number" : "an infinite value");
}

// A count in the document: a whole number >= 0.
std::optional<std::int64_t> count_of(const Json* value) {
  if (value == nullptr) return std::nullopt;
  const auto number = number_of(*value);
  if (!number || *number < 0 || *number > 1e15 || std::floor(*number) != *number)
    return std::nullopt;
  return static_cast<std::int64_t>(*number);
}

const Json* find_path(const Json& document, const std::vector<std::string>& tokens) {
  const Json* at = &document;
  for (const std::string& token : tokens) {
    if (at->is_object()) {
      const auto it = at->find(token);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec != std::errc() || end != token.data() + token.size() || index >= at->size())
        return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

struct ExpressionSource {
  std::string text;
  bool from_command_line = false;
  std::vector<std::string> file_tokens;
  std::string pointer;  // what the expression sets ("/sweep/where" for constraints)
  std::string note;     // "(from --vary ...)"
};

// Problems met while walking the points, each kept once with its first point and a count.
struct PointProblem {
  std::size_t expression = 0;
  std::string message;
  std::string first_assignment;
  std::size_t points = 0;
};

class LayoutBuilder {
 public:
  LayoutBuilder(const Json& document, const SweepDefinition& sweep, const SourceText& source)
      : document_(document), sweep_(sweep), source_(source), axis_count_(sweep.axes.size()) {}

  SweepLayoutResult run() {
    if (!make_dimensions() || !count_points()) return std::move(result_);
    if (!compile() || !check_numeric_axes() || !check_cycles()) return std::move(result_);
    walk_points();
    report_point_problems();
    if (result_.diagnostics.empty() && result_.layout.point_count() == 0 &&
        !sweep_.constraints.empty())
      report_nothing_kept();
    if (!result_.diagnostics.empty()) clear_points();
    return std::move(result_);
  }

 private:
  const Json& document_;
  const SweepDefinition& sweep_;
  const SourceText& source_;
  const std::size_t axis_count_;
  SweepLayoutResult result_;

  void clear_points() {
    result_.layout.kept.clear();
    result_.layout.dependent_values.clear();
  }

  // Nodes: axes 0..A-1, then n (A) and f (A + 1). Expressions: the dependent axes' then the
  // constraints', in order.
  std::size_t n_node() const { return axis_count_; }
  std::size_t f_node() const { return axis_count_ + 1; }
  std::vector<std::vector<std::size_t>> uses_;  // per node
  std::vector<ExpressionSource> expressions_;
  std::vector<int> expression_of_axis_;  // compiled id per dependent axis
  std::vector<int> constraint_ids_;
  std::vector<std::vector<std::size_t>> constraint_uses_;
  std::vector<std::string> variable_names_;
  std::map<std::string, std::size_t, std::less<>> variable_index_;
  std::vector<std::size_t> axis_variable_;  // per axis: its variable, or npos
  std::unique_ptr<ExpressionSet> set_;
  bool need_n_ = false;
  bool need_f_ = false;

  // Per point.
  std::vector<Json> current_;
  std::vector<double> result_value_;  // per dependent axis: its result at this point
  std::vector<char> done_;
  double n_ = 0;
  double f_ = 0;
  std::vector<std::size_t> coordinates_;
  std::vector<PointProblem> problems_;
  std::map<std::pair<std::size_t, std::string>, std::size_t> problem_index_;

  void error_at(const ExpressionSource& e, std::size_t position, std::string message,
                std::string hint) {
    if (!e.note.empty()) message += " " + e.note;
    Diagnostic d = expression_diagnostic(source_, e.from_command_line, e.file_tokens, position,
                                         std::move(message), std::move(hint));
    d.pointer = e.pointer;
    result_.diagnostics.push_back(std::move(d));
  }

  void error_at_axis(const PreparedAxis& axis, std::string message, std::string hint) {
    if (axis.from_command_line) {
      result_.diagnostics.push_back(
          diagnostic_on_command_line(axis.pointer, message + " " + axis.note, std::move(hint)));
      return;
    }
    Diagnostic d = diagnostic_in_file(source_, make_pointer(axis.file_tokens),
                                      convert::Anchor::value, std::move(message), std::move(hint));
    d.pointer = axis.pointer;
    result_.diagnostics.push_back(std::move(d));
  }

  bool make_dimensions() {
    SweepLayout& layout = result_.layout;
    layout.axis_dimension.assign(axis_count_, -1);
    std::vector<std::size_t> zip_leader(axis_count_);
    for (std::size_t a = 0; a < axis_count_; ++a) zip_leader[a] = a;
    bool ok = true;
    for (const auto& group : sweep_.zips) {
      for (std::size_t member : group) {
        const PreparedAxis& axis = sweep_.axes[member];
        const PreparedAxis& first = sweep_.axes[group.front()];
        if (axis.dependent()) {
          error_at_axis(axis, "the dependent axis " + axis.label() + " cannot be zipped",
                        "accepted: \"zip\" lists independent axes (values or ranges); a "
                        "dependent axis already follows the axes it uses");
          ok = false;
        } else if (axis.values.size() != first.values.size()) {
          error_at_axis(axis,
                        "zipped axes need as many values each: " + axis.label() + " has " +
                            std::to_string(axis.values.size()) + ", " + first.label() + " has " +
                            std::to_string(first.values.size()),
                        "accepted: axes of one \"zip\" group with equally many values");
          ok = false;
        }
        zip_leader[member] = std::min(zip_leader[member], group.front());
      }
    }
    for (std::size_t a = 0; a < axis_count_; ++a) {
      const PreparedAxis& axis = sweep_.axes[a];
      if (axis.dependent()) continue;
      if (axis.values.empty()) {
        error_at_axis(axis, "the axis " + axis.label() + " has no value", "accepted: 1 or more");
        ok = false;
      }
      if (zip_leader[a] != a) {
        layout.axis_dimension[a] = layout.axis_dimension[zip_leader[a]];
        continue;
      }
      layout.axis_dimension[a] = static_cast<int>(layout.dimension_sizes.size());
      layout.dimension_sizes.push_back(axis.values.size());
    }
    return ok;
  }

  // Without constraints every point is kept, so the kept bound applies before any work.
  bool count_points() {
    SweepLayout& layout = result_.layout;
    const std::size_t limit =
        sweep_.constraints.empty() ? sweep_.max_points : sweep_.max_unconstrained_points;
    std::size_t total = 1;
    for (std::size_t size : layout.dimension_sizes) {
      if (size == 0 || total > limit / size) {
        too_many_points("has more than " + std::to_string(limit) + " points",
                        sweep_.constraints.empty() ? "" : " before \"where\"");
        return false;
      }
      total *= size;
    }
    layout.unconstrained_count = total;
    return true;
  }

  void too_many_points(const std::string& what, const std::string& when) {
    result_.diagnostics.push_back(diagnostic_in_file(
        source_, "/sweep", convert::Anchor::key, "the sweep " + what,
        "accepted: at most " + std::to_string(sweep_.max_points) + " points kept and " +
            std::to_string(sweep_.max_unconstrained_points) + " points" + when +
            " (the product of the independent axes' sizes); split the sweep"));
  }

  std::string variables_hint() const {
    std::string text = "accepted names: n, f";
    for (const std::string& name : variable_names_)
      if (name != "n" && name != "f") text += ", " + name;
    return text + " (name an axis with {\"name\": ..., \"values\": ...} to use it)";
  }

  // The nodes an expression's names need; false (reported) on an unknown name.
  bool uses_of(const ExpressionSource& e, std::vector<std::size_t>& uses) {
    const ExpressionScan scan = scan_expression(e.text);
    if (scan.assignment != std::string_view::npos) {
      error_at(e, scan.assignment,
               "the expression '" + e.text + "' is not valid: " + std::string(kAssignmentError),
               std::string(kExpressionHint));
      return false;
    }
    if (!scan.parses) {
      error_at(e, scan.position, "the expression '" + e.text + "' is not valid: " + scan.error,
               std::string(kExpressionHint));
      return false;
    }
    for (const std::string& name : scan.names) {
      if (name == "n") {
        uses.push_back(n_node());
        need_n_ = true;
        continue;
      }
      if (name == "f") {
        uses.push_back(f_node());
        need_f_ = true;
        continue;
      }
      if (!variable_index_.count(name)) {
        std::vector<std::string_view> accepted{"n", "f"};
        for (const std::string& known : variable_names_) accepted.push_back(known);
        const auto near = nearest_name(name, accepted);
        error_at(
            e, identifier_position(e.text, name),
            "the expression '" + e.text + "' uses '" + name + "', which is not a sweep variable",
            variables_hint() + (near ? "; did you mean '" + *near + "'?" : ""));
        return false;
      }
      for (std::size_t a = 0; a < axis_count_; ++a)
        if (sweep_.axes[a].name == name) uses.push_back(a);
    }
    return true;
  }

  bool compile() {
    for (const PreparedAxis& axis : sweep_.axes)
      if (!axis.name.empty()) variable_names_.push_back(axis.name);
    for (const NamedValue& fixed : sweep_.fixed) variable_names_.push_back(fixed.name);
    for (std::size_t i = 0; i < variable_names_.size(); ++i)
      variable_index_[variable_names_[i]] = i;
    std::vector<std::string> all = variable_names_;
    all.push_back("n");
    all.push_back("f");
    set_ = std::make_unique<ExpressionSet>(all);
    axis_variable_.assign(axis_count_, std::string::npos);
    for (std::size_t a = 0; a < axis_count_; ++a)
      if (!sweep_.axes[a].name.empty()) axis_variable_[a] = variable_index_.at(sweep_.axes[a].name);
    uses_.assign(axis_count_ + 2, {});
    expression_of_axis_.assign(axis_count_, -1);
    bool ok = true;
    for (std::size_t a = 0; a < axis_count_; ++a) {
      const PreparedAxis& axis = sweep_.axes[a];
      if (!axis.dependent()) continue;
      ExpressionSource e{axis.expression, axis.from_command_line, axis.file_tokens, axis.pointer,
                         axis.note};
      ok = add_expression(e, uses_[a], expression_of_axis_[a]) && ok;
    }
    for (const SweepConstraint& constraint : sweep_.constraints) {
      ExpressionSource e{constraint.expression, constraint.from_command_line,
                         constraint.file_tokens, "/sweep/where",
                         constraint.from_command_line ? "(from --where)" : ""};
      constraint_uses_.emplace_back();
      constraint_ids_.push_back(-1);
      ok = add_expression(e, constraint_uses_.back(), constraint_ids_.back()) && ok;
    }
    if (!ok) return false;
    for (const NamedValue& fixed : sweep_.fixed) {
      const auto value = number_of(fixed.value);
      set_->set(variable_index_.at(fixed.name), value.value_or(0));
    }
    add_size_dependencies();
    return true;
  }

  bool add_expression(const ExpressionSource& e, std::vector<std::size_t>& uses, int& id) {
    if (!uses_of(e, uses)) return false;
    std::string error;
    id = set_->add(e.text, error);
    if (id < 0) {
      error_at(e, 0, "the expression '" + e.text + "' is not valid: " + error,
               std::string(kExpressionHint));
      return false;
    }
    expressions_.push_back(e);
    return true;
  }

  // n needs the agents' axes; f needs /protocol/f's axes and, when f is left to its default
  // floor((n-1)/3), n.
  void add_size_dependencies() {
    bool f_axis = false;
    bool protocol_axis = false;
    for (std::size_t a = 0; a < axis_count_; ++a) {
      const auto& tokens = sweep_.axes[a].tokens;
      // The agents, a group, or a group's count: what n sums.
      if (tokens.front() == "agents" && (tokens.size() < 3 || tokens[2] == "count"))
        uses_[n_node()].push_back(a);
      if (tokens == std::vector<std::string>{"protocol", "f"}) f_axis = true;
      if (tokens == std::vector<std::string>{"protocol"}) protocol_axis = true;
      if (tokens.front() == "protocol" && (tokens.size() == 1 || tokens[1] == "f"))
        uses_[f_node()].push_back(a);
    }
    const bool f_in_document = find_path(document_, {"protocol", "f"}) != nullptr;
    // A whole protocol object swept may leave f out, and then f is floor((n-1)/3).
    if (!f_axis && (!f_in_document || protocol_axis)) uses_[f_node()].push_back(n_node());
  }

  bool check_numeric_axes() {
    bool ok = true;
    for (std::size_t a = 0; a < axis_count_; ++a) {
      const PreparedAxis& axis = sweep_.axes[a];
      if (axis.name.empty() || axis.dependent()) continue;
      for (const Json& value : axis.values) {
        if (number_of(value)) continue;
        error_at_axis(axis,
                      "the axis " + axis.label() +
                          " is named, so expressions may use it, but its "
                          "value " +
                          convert::json_text(value) + " is not a number",
                      "accepted: numbers as the values of a named axis; leave a non-numeric "
                      "axis unnamed");
        ok = false;
        break;
      }
    }
    for (const NamedValue& fixed : sweep_.fixed)
      if (!number_of(fixed.value)) {
        result_.diagnostics.push_back(diagnostic_on_command_line(
            "",
            "--set gives the named axis '" + fixed.name + "' the value " +
                convert::json_text(fixed.value) + ", which is not a number",
            "accepted: a number for an axis that expressions may use"));
        ok = false;
      }
    return ok;
  }

  std::string node_label(std::size_t node) const {
    if (node == n_node()) return "n";
    if (node == f_node()) return "f";
    return sweep_.axes[node].label();
  }

  bool check_cycles() {
    // 0 unvisited, 1 on the path, 2 finished.
    std::vector<int> state(axis_count_ + 2, 0);
    std::vector<std::size_t> path;
    std::function<bool(std::size_t)> visit = [&](std::size_t node) {
      state[node] = 1;
      path.push_back(node);
      for (std::size_t next : uses_[node]) {
        if (state[next] == 1) {
          std::string cycle;
          const auto start = std::find(path.begin(), path.end(), next);
          for (auto it = start; it != path.end(); ++it) cycle += node_label(*it) + " needs ";
          cycle += node_label(next);
          const std::size_t culprit =
              *std::find_if(start, path.end(), [&](std::size_t k) { return k < axis_count_; });
          const PreparedAxis& axis = sweep_.axes[culprit];
          ExpressionSource e{axis.expression, axis.from_command_line, axis.file_tokens,
                             axis.pointer, axis.note};
          error_at(e, 0, "the sweep's expressions depend on each other in a circle: " + cycle,
                   "accepted: expressions that can be computed one after another (n is the sum "
                   "of the agents' counts, f is /protocol/f or floor((n-1)/3))");
          return false;
        }
        if (state[next] == 0 && !visit(next)) return false;
      }
      state[node] = 2;
      path.pop_back();
      return true;
    };
    for (std::size_t node = 0; node < axis_count_ + 2; ++node)
      if (state[node] == 0 && !visit(node)) return false;
    return true;
  }

  std::string assignment_text() const {
    std::string text;
    for (std::size_t a = 0; a < axis_count_; ++a) {
      const PreparedAxis& axis = sweep_.axes[a];
      if (axis.dependent()) continue;
      if (!text.empty()) text += ", ";
      text +=
          (axis.name.empty() ? axis.pointer : axis.name) + "=" + convert::json_text(current_[a]);
    }
    return text;
  }

  void point_problem(std::size_t expression, std::string message) {
    auto [it, inserted] =
        problem_index_.emplace(std::make_pair(expression, message), problems_.size());
    if (inserted) problems_.push_back({expression, std::move(message), assignment_text(), 0});
    ++problems_[it->second].points;
  }

  // The section `key` of the document with this point's axes applied.
  Json section_at_point(const std::string& key) const {
    Json document = Json::object();
    if (const auto it = document_.find(key); it != document_.end()) document[key] = *it;
    for (std::size_t a = 0; a < axis_count_; ++a)
      if (sweep_.axes[a].tokens.front() == key)
        (void)assign(document, sweep_.axes[a].tokens, current_[a]);
    return document;
  }

  // The agents' counts summed, or what keeps n from being known.
  std::optional<std::string> compute_n() {
    const Json document = section_at_point("agents");
    const Json* agents = find_path(document, {"agents"});
    if (agents == nullptr || !agents->is_array() || agents->empty())
      return std::string("n is unknown: /agents is not a non-empty array");
    std::int64_t total = 0;
    for (std::size_t i = 0; i < agents->size(); ++i) {
      const Json& group = (*agents)[i];
      const auto count = group.is_object() ? count_of(find_path(group, {"count"})) : std::nullopt;
      if (!count)
        return "n is unknown: /agents/" + std::to_string(i) + "/count is not a whole number >= 0";
      total += *count;
    }
    n_ = static_cast<double>(total);
    return std::nullopt;
  }

  std::optional<std::string> compute_f() {
    const Json document = section_at_point("protocol");
    if (const Json* f = find_path(document, {"protocol", "f"})) {
      const auto value = count_of(f);
      if (!value) return std::string("f is unknown: /protocol/f is not a whole number >= 0");
      f_ = static_cast<double>(*value);
    } else {
      f_ = n_ >= 1 ? std::floor((n_ - 1) / 3) : 0;
    }
    return std::nullopt;
  }

  // Computes `node` at this point after what it uses; false (recorded against `expression`)
  // when it cannot.
  bool resolve(std::size_t node, std::size_t expression) {
    if (done_[node]) return true;
    for (std::size_t used : uses_[node])
      if (!resolve(used, expression)) return false;
    if (node == n_node() || node == f_node()) {
      const auto problem = node == n_node() ? compute_n() : compute_f();
      if (problem) {
        point_problem(expression, *problem);
        return false;
      }
      set_->set(variable_names_.size() + (node == n_node() ? 0 : 1), node == n_node() ? n_ : f_);
    } else {
      const double value = set_->evaluate(expression_of_axis_[node]);
      if (!std::isfinite(value)) {
        point_problem(expression_index_of_axis(node), not_finite("the expression", value));
        return false;
      }
      current_[node] = json_of_result(value);
      result_value_[node] = value;
      if (axis_variable_[node] != std::string::npos) set_->set(axis_variable_[node], value);
    }
    done_[node] = 1;
    return true;
  }

  std::size_t expression_index_of_axis(std::size_t axis) const {
    std::size_t index = 0;
    for (std::size_t a = 0; a < axis; ++a) index += sweep_.axes[a].dependent() ? 1 : 0;
    return index;
  }

  // Without dependent axes or constraints every point is kept and nothing is computed: the
  // layout is its dimensions. Otherwise each point is evaluated once, in row-major order.
  void walk_points() {
    SweepLayout& layout = result_.layout;
    const std::size_t dimensions = layout.dimension_sizes.size();
    for (std::size_t a = 0; a < axis_count_; ++a)
      if (sweep_.axes[a].dependent()) layout.dependent_axes.push_back(a);
    const std::vector<std::size_t>& dependent_axes = layout.dependent_axes;
    if (dependent_axes.empty() && constraint_ids_.empty()) {
      layout.kept.keep_all(layout.unconstrained_count);
      return;
    }
    layout.kept.start(layout.unconstrained_count);
    coordinates_.assign(dimensions, 0);
    current_.assign(axis_count_, Json());
    result_value_.assign(axis_count_, 0.0);
    const std::size_t first_constraint = dependent_axes.size();
    for (std::size_t index = 0; index < layout.unconstrained_count; ++index) {
      for (std::size_t a = 0; a < axis_count_; ++a) {
        if (sweep_.axes[a].dependent()) continue;
        current_[a] = sweep_.axes[a].values[coordinates_[layout.axis_dimension[a]]];
        if (axis_variable_[a] != std::string::npos)
          set_->set(axis_variable_[a], current_[a].get<double>());
      }
      bool keep = true;
      done_.assign(axis_count_ + 2, 0);
      for (std::size_t a = 0; a < axis_count_; ++a) done_[a] = !sweep_.axes[a].dependent();
      for (std::size_t k = 0; k < dependent_axes.size() && keep; ++k)
        keep = resolve(dependent_axes[k], k);
      for (std::size_t c = 0; c < constraint_ids_.size() && keep; ++c) {
        for (std::size_t used : constraint_uses_[c])
          keep = keep && resolve(used, first_constraint + c);
        if (!keep) break;
        const double value = set_->evaluate(constraint_ids_[c]);
        if (!std::isfinite(value)) {
          point_problem(first_constraint + c, not_finite("the constraint", value));
          keep = false;
        }
        keep = keep && value != 0;
      }
      if (keep) {
        if (layout.point_count() == sweep_.max_points) {
          too_many_points("keeps more than " + std::to_string(sweep_.max_points) + " points", "");
          clear_points();
          return;
        }
        layout.kept.keep(index);
        for (std::size_t a : dependent_axes) layout.dependent_values.push_back(result_value_[a]);
      }
      for (std::size_t d = dimensions; d-- > 0;) {  // the next point, row-major
        if (++coordinates_[d] < layout.dimension_sizes[d]) break;
        coordinates_[d] = 0;
      }
    }
  }

  void report_point_problems() {
    for (const PointProblem& p : problems_) {
      const ExpressionSource& e = expressions_[p.expression];
      std::string message = e.pointer == "/sweep/where"
                                ? "the constraint '" + e.text + "'"
                                : "the expression '" + e.text + "' for " + e.pointer;
      message += ": " + p.message;
      if (!p.first_assignment.empty()) message += " at the point " + p.first_assignment;
      if (p.points > 1)
        message +=
            " and " + std::to_string(p.points - 1) + " more point" + (p.points > 2 ? "s" : "");
      error_at(e, 0, std::move(message),
               "accepted: expressions that give a finite number at every point (n and f need "
               "valid agent counts and /protocol/f)");
    }
    if (!problems_.empty()) clear_points();
  }

  void report_nothing_kept() {
    const SweepConstraint& first = sweep_.constraints.front();
    ExpressionSource e{first.expression, first.from_command_line, first.file_tokens, "/sweep/where",
                       first.from_command_line ? "(from --where)" : ""};
    error_at(e, 0,
             "the sweep's \"where\" keeps none of its " +
                 std::to_string(result_.layout.unconstrained_count) + " points",
             "accepted: a constraint that holds at one point or more (it is evaluated with the "
             "axes' values, n and f of each point)");
  }
};

}  // namespace

Diagnostic expression_diagnostic(const SourceText& source, bool from_command_line,
                                 const std::vector<std::string>& file_tokens, std::size_t position,
                                 std::string message, std::string hint) {
  if (from_command_line) return diagnostic_on_command_line("", std::move(message), std::move(hint));
  Diagnostic d = diagnostic_in_file(source, make_pointer(file_tokens), convert::Anchor::value,
                                    std::move(message), std::move(hint));
  // The column of the character inside the string (after the opening quote), when the
  // string has no escapes before it.
  if (d.line > 0 && d.column > 0 && position > 0) d.column += static_cast<int>(position) + 1;
  return d;
}

SweepLayoutResult lay_out_sweep(const Json& document, const SweepDefinition& sweep,
                                const SourceText& source) {
  return LayoutBuilder(document, sweep, source).run();
}

}  // namespace byzsim
