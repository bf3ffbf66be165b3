// The sweep's entries, --vary and --where, read into axes, zip groups and constraints; string
// values classified (expression or value spec) once every axis name is known.
#include "sim/sweep/sweep_read.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "sim/core/fixed_columns.hpp"
#include "sim/json/convert_read.hpp"
#include "sim/json/suggest.hpp"
#include "sim/model/axis_column.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/sweep/sweep.hpp"
#include "sim/sweep/sweep_expr.hpp"

namespace byzsim {

namespace {

constexpr std::string_view kNameHint =
    "accepted: a name of letters, digits and '_' starting with a letter, at most 64 characters "
    "(it becomes the CSV column), other than n, f, the expression functions and the output's "
    "own columns (scenario, point, trials, seed, p_correct, ...)";

// An axis as read, before its string (if any) is known to be values or an expression.
struct PendingAxis {
  PreparedAxis axis;
  std::optional<std::string> text;       // a string to classify
  bool expression_only = false;          // given as {"expr": ...}
  std::vector<std::string> key_tokens;   // the entry in the file ({"sweep", key})
  std::vector<std::string> name_tokens;  // its "name" in the file
  bool named = false;                    // a name was given ("name", or NAME: of --vary)
};

std::optional<std::pair<std::string, std::string>> split_assignment(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) return std::nullopt;
  return std::make_pair(text.substr(0, equals), text.substr(equals + 1));
}

bool is_identifier(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '_'; });
}

// R's reserved words: read.csv's check.names renames such columns ("if" -> "if.").
bool is_r_reserved(std::string_view name) {
  constexpr std::string_view kReserved[] = {
      "if",    "else",        "repeat",   "while",         "function",   "for", "next",
      "break", "TRUE",        "FALSE",    "NULL",          "Inf",        "NaN", "NA",
      "in",    "NA_integer_", "NA_real_", "NA_character_", "NA_complex_"};
  return std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved);
}

class SweepReader {
 public:
  SweepReader(Json& document, const SourceText& source, const std::vector<PatchOrigin>& origins)
      : document_(document), source_(source), origins_(origins) {}

  SweepReadResult read(const SweepArguments& arguments) {
    protocols_ = arguments.protocols ? arguments.protocols : &ProtocolRegistry::builtin();
    result_.sweep.max_points = std::min(arguments.max_points, kMaxSweepPoints);
    result_.sweep.max_unconstrained_points =
        std::min(arguments.max_unconstrained_points, kMaxUnconstrainedPoints);
    read_file_sweep();
    read_varies(arguments.varies);
    for (const std::string& where : arguments.wheres)
      result_.sweep.constraints.push_back({where, true, {}});
    replace_set_axes();
    check_names();
    classify();
    resolve_zips();
    for (PendingAxis& pending : pending_) result_.sweep.axes.push_back(std::move(pending.axis));
    return std::move(result_);
  }

 private:
  Json& document_;
  const SourceText& source_;
  const std::vector<PatchOrigin>& origins_;
  const ProtocolRegistry* protocols_ = nullptr;
  SweepReadResult result_;
  std::vector<PendingAxis> pending_;
  std::optional<Json> zip_;

  // A problem in the file's sweep (placed like any problem: the file, or a --set of /sweep).
  void problem(const std::vector<std::string>& tokens, convert::Anchor anchor, std::string message,
               std::string hint) {
    const convert::Problem p{make_pointer(tokens), std::move(message), std::move(hint), anchor};
    result_.diagnostics.push_back(place_problem(p, source_, origins_));
  }

  void problem_at_axis(const PendingAxis& pending, const std::vector<std::string>& file_tokens,
                       std::string message, std::string hint) {
    if (pending.axis.from_command_line)
      result_.diagnostics.push_back(diagnostic_on_command_line(
          pending.axis.pointer, message + " " + pending.axis.note, std::move(hint)));
    else
      problem(file_tokens, convert::Anchor::value, std::move(message), std::move(hint));
  }

  bool already_an_axis(const std::vector<std::string>& tokens) const {
    return std::any_of(pending_.begin(), pending_.end(),
                       [&](const PendingAxis& p) { return p.axis.tokens == tokens; });
  }

  void read_file_sweep() {
    if (!document_.is_object()) return;
    auto it = document_.find("sweep");
    if (it == document_.end()) return;
    const Json sweep = std::move(*it);
    document_.erase("sweep");
    if (!sweep.is_object()) {
      problem({"sweep"}, convert::Anchor::value,
              "'sweep' must be an object, not " + convert::describe(sweep),
              "accepted: {\"/agents/1/count\": [0, 1, 2], \"/protocol/f\": \"1:3\"}");
      return;
    }
    for (const auto& [key, value] : sweep.items()) {
      if (!key.empty() && key.front() == '_') continue;  // a comment
      if (key == "zip")
        zip_ = value;
      else if (key == "where")
        read_file_where(value);
      else
        read_entry(key, value);
    }
  }

  void read_file_where(const Json& value) {
    if (value.is_string()) {
      result_.sweep.constraints.push_back({value.get<std::string>(), false, {"sweep", "where"}});
      return;
    }
    if (value.is_array() && !value.empty() &&
        std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); })) {
      for (std::size_t i = 0; i < value.size(); ++i)
        result_.sweep.constraints.push_back(
            {value[i].get<std::string>(), false, {"sweep", "where", std::to_string(i)}});
      return;
    }
    problem({"sweep", "where"}, convert::Anchor::value,
            "\"where\" must be an expression or a list of them, not " + convert::describe(value),
            "accepted: \"where\": \"b <= n - 1\" or [\"b <= n - 1\", \"liars <= f\"]");
  }

  void read_entry(const std::string& key, const Json& value) {
    const PointerParse parsed = parse_pointer(key);
    std::string error = parsed.ok() ? check_assignable(document_, parsed.tokens) : parsed.error;
    if (error.empty() && already_an_axis(parsed.tokens)) error = "it is swept twice";
    if (!error.empty()) {
      problem({"sweep", key}, convert::Anchor::key,
              "sweep key '" + key + "' cannot be swept: " + error,
              "accepted: a JSON pointer to a value of the scenario, e.g. /agents/1/count, or "
              "\"zip\" or \"where\"");
      return;
    }
    PendingAxis pending;
    pending.axis.pointer = key;
    pending.axis.tokens = parsed.tokens;
    pending.axis.file_tokens = {"sweep", key};
    pending.key_tokens = {"sweep", key};
    const Json* values = &value;
    if (value.is_object()) {
      values = read_entry_object(key, value, pending);
      if (values == nullptr) return;
    }
    if (values->is_array()) {
      pending.axis.values = std::vector<Json>(values->begin(), values->end());
      pending.axis.values_in_array = true;
      if (pending.axis.values.empty()) error = "the list of values is empty";
      if (pending.axis.values.size() > kMaxAxisValues) error = "the list has too many values";
    } else if (values->is_string()) {
      pending.text = values->get<std::string>();
    } else {
      error = "its values are " + convert::describe(*values) +
              ", not an array, a spec string or an object";
    }
    if (!error.empty()) {
      problem(pending.axis.file_tokens, convert::Anchor::value, "sweep of " + key + ": " + error,
              std::string(kSweepSpecHint) +
                  ", an expression, or {\"name\": ..., \"values\": ...} / {\"name\": ..., "
                  "\"expr\": ...}");
      return;
    }
    pending_.push_back(std::move(pending));
  }

  // {"name": ..., "values": ...} or {"name": ..., "expr": ...}: the values (or the expression
  // string), or nullptr when the object is wrong (reported).
  const Json* read_entry_object(const std::string& key, const Json& object, PendingAxis& pending) {
    constexpr std::string_view kHint =
        "accepted: {\"name\": \"liars\", \"values\": \"0:3\"} or {\"name\": \"f\", \"expr\": "
        "\"floor((n-1)/3)\"} (\"name\" optional; \"values\" or \"expr\", not both)";
    bool ok = true;
    const Json* values = nullptr;
    for (const auto& [field, value] : object.items()) {
      if (!field.empty() && field.front() == '_') continue;
      if (field == "name") {
        if (value.is_string()) {
          pending.axis.name = value.get<std::string>();
          pending.name_tokens = {"sweep", key, "name"};
          pending.named = true;
        } else {
          problem({"sweep", key, "name"}, convert::Anchor::value,
                  "an axis name must be a string, not " + convert::describe(value),
                  std::string(kNameHint));
          ok = false;
        }
      } else if (field == "values" || field == "expr") {
        if (values != nullptr) {
          problem({"sweep", key, field}, convert::Anchor::key,
                  "the sweep entry " + key + " has both \"values\" and \"expr\"",
                  std::string(kHint));
          ok = false;
        }
        values = &value;
        pending.axis.file_tokens = {"sweep", key, field};
        if (field == "expr") {
          pending.expression_only = true;
          if (!value.is_string()) {
            problem({"sweep", key, field}, convert::Anchor::value,
                    "\"expr\" must be a string, not " + convert::describe(value),
                    std::string(kExpressionHint));
            ok = false;
          }
        }
      } else {
        const std::string_view accepted[] = {"name", "values", "expr"};
        problem({"sweep", key, field}, convert::Anchor::key,
                "unknown key '" + field + "' in the sweep entry " + key,
                accepted_hint(field, accepted));
        ok = false;
      }
    }
    if (ok && values == nullptr) {
      problem({"sweep", key}, convert::Anchor::value,
              "the sweep entry " + key + " has neither \"values\" nor \"expr\"",
              std::string(kHint));
      ok = false;
    }
    return ok ? values : nullptr;
  }

  void read_varies(std::span<const std::string> varies) {
    for (const std::string& vary : varies) {
      const auto parts = split_assignment(vary);
      constexpr std::string_view kHint =
          "accepted: --vary [NAME:]PTR=SPEC with PTR a value of the scenario and SPEC \"0:4\", "
          "\"0:10:2\", \"a,b,c\" or an expression such as \"floor((n-1)/3)\"";
      if (!parts) {
        result_.diagnostics.push_back(
            diagnostic_on_command_line("", "--vary '" + vary + "' has no '='", std::string(kHint)));
        continue;
      }
      auto [pointer, spec_text] = *parts;
      std::string name;
      bool named = false;
      if (const std::size_t colon = pointer.find(':');
          !pointer.empty() && pointer.front() != '/' && colon != std::string::npos) {
        name = pointer.substr(0, colon);
        pointer = pointer.substr(colon + 1);
        named = true;
      }
      const PointerParse parsed = parse_pointer(pointer);
      std::string error = parsed.ok() ? check_assignable(document_, parsed.tokens) : parsed.error;
      if (error.empty() && already_an_axis(parsed.tokens)) error = "it is already swept";
      if (!error.empty()) {
        result_.diagnostics.push_back(diagnostic_on_command_line(
            pointer, "--vary " + vary + ": " + error, std::string(kHint)));
        continue;
      }
      PendingAxis pending;
      pending.axis.pointer = pointer;
      pending.axis.tokens = parsed.tokens;
      pending.axis.from_command_line = true;
      pending.axis.note = "(from --vary " + abbreviated(vary) + ")";
      pending.axis.name = name;
      pending.named = named;
      pending.text = spec_text;
      pending_.push_back(std::move(pending));
    }
  }

  std::string file_position(const std::vector<std::string>& tokens) const {
    const Diagnostic d =
        diagnostic_in_file(source_, make_pointer(tokens), convert::Anchor::key, "", "");
    std::string text(source_.label);
    if (d.line > 0) text += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    return text;
  }

  // --set on a swept key (or on a parent of it) replaces the axis; a named axis's name then
  // stands for the value set. --set inside a swept value would be overwritten at every point.
  void replace_set_axes() {
    std::vector<PendingAxis> kept;
    for (PendingAxis& pending : pending_) {
      const PatchOrigin* replaced_by = nullptr;
      for (const PatchOrigin& set : origins_) {
        if (!set.from_command_line) continue;
        if (is_prefix(set.tokens, pending.axis.tokens)) {
          replaced_by = &set;
        } else if (is_prefix(pending.axis.tokens, set.tokens)) {
          result_.diagnostics.push_back(diagnostic_on_command_line(
              make_pointer(set.tokens),
              "--set " + make_pointer(set.tokens) + " sets a value inside the swept " +
                  pending.axis.label() + ", whose values would overwrite it at every point " +
                  set.note,
              "accepted: --set the whole swept value (" + pending.axis.pointer +
                  "), which replaces the axis, or change the sweep's values"));
        }
      }
      if (replaced_by == nullptr) {
        kept.push_back(std::move(pending));
        continue;
      }
      if (pending.axis.from_command_line) {
        result_.diagnostics.push_back(diagnostic_on_command_line(
            pending.axis.pointer,
            "--set and --vary both give " + pending.axis.pointer + " " + replaced_by->note + " " +
                pending.axis.note,
            "accepted: either --set (one value) or --vary (a sweep) for a key"));
        continue;
      }
      result_.warnings.push_back(diagnostic_on_command_line(
          pending.axis.pointer,
          "--set replaces the sweep axis " + pending.axis.label() + " of " +
              file_position(pending.key_tokens) + ": every point uses the value set " +
              replaced_by->note,
          "to sweep it instead, leave out --set (or --vary other values)"));
      if (pending.axis.name.empty()) continue;
      const PointerParse parsed = parse_pointer(pending.axis.pointer);
      if (const Json* value = find_value(parsed.tokens))
        result_.sweep.fixed.push_back({pending.axis.name, *value});
    }
    pending_ = std::move(kept);
  }

  const Json* find_value(const std::vector<std::string>& tokens) const {
    const Json* at = &document_;
    for (const std::string& token : tokens) {
      if (at->is_object() && at->contains(token)) {
        at = &(*at)[token];
      } else if (at->is_array()) {
        std::size_t index = 0;
        try {
          index = std::stoul(token);
        } catch (...) {
          return nullptr;
        }
        if (index >= at->size()) return nullptr;
        at = &(*at)[index];
      } else {
        return nullptr;
      }
    }
    return at;
  }

  void check_names() {
    std::vector<std::string> seen;
    for (const NamedValue& fixed : result_.sweep.fixed) seen.push_back(fixed.name);
    for (const PendingAxis& pending : pending_) {
      if (!pending.named) continue;
      const std::string& name = pending.axis.name;
      std::string hint(kNameHint);
      std::string error = name_error(name, hint);
      if (error.empty() && std::find(seen.begin(), seen.end(), name) != seen.end())
        error = "names two axes";
      seen.push_back(name);
      if (!error.empty())
        problem_at_axis(pending, pending.name_tokens, "the axis name '" + name + "' " + error,
                        std::move(hint));
    }
    check_unnamed_columns();
  }

  // An unnamed axis's column is derived from its pointer (unnamed_axis_column, which already
  // steers clear of the fixed columns); one that would repeat a protocol's result column or
  // another axis's column would give the file two headers of one name: the user names it.
  void check_unnamed_columns() {
    std::vector<std::string> columns;
    for (const PendingAxis& pending : pending_)
      if (pending.named) columns.push_back(pending.axis.name);
    for (const PendingAxis& pending : pending_) {
      if (pending.named) continue;
      const std::string column = unnamed_axis_column(pending.axis.pointer);
      std::string clash;
      if (const ProtocolSpec* spec = result_column_owner(column))
        clash = std::string(spec->name) + "'s output column '" + column + "'";
      else if (std::find(columns.begin(), columns.end(), column) != columns.end())
        clash = "the column of another axis";
      columns.push_back(column);
      if (clash.empty()) continue;
      const std::string example = pending.axis.from_command_line
                                      ? "--vary NAME:" + pending.axis.pointer + "=..."
                                      : "{\"name\": \"NAME\", \"values\": ...}";
      problem_at_axis(pending, pending.key_tokens,
                      "the unnamed axis " + pending.axis.pointer + " would be the column '" +
                          column + "', which repeats " + clash,
                      "accepted: a name for the axis, which becomes its column: " + example);
    }
  }

  // What keeps `name` from naming an axis ("" when nothing); `hint` may be made more precise.
  std::string name_error(const std::string& name, std::string& hint) const {
    if (name.empty()) return "is empty";
    if (!is_identifier(name)) return "is not a plain name";
    if (name == "n" || name == "f")
      return "is reserved: expressions read it as the point's " +
             std::string(name == "n" ? "number of agents" : "fault tolerance f");
    if (is_expression_builtin(name)) return "is an expression function or constant";
    if (is_r_reserved(name)) return "is a reserved word of R (read.csv would rename the column)";
    // The axis's column would repeat a column the rows already have (two "seed" headers in the
    // CSV, one member overwriting the other in JSON).
    std::string owner;
    if (is_fixed_column(name))
      owner = "byzsim's";
    else if (const ProtocolSpec* spec = result_column_owner(name))
      owner = std::string(spec->name) + "'s";
    if (owner.empty()) return "";
    hint = "accepted: a name that is not an output column, e.g. '" + name + "_axis'";
    return "clashes with " + owner + " output column '" + name + "'";
  }

  // The protocol with a result (or round limit) column of this name, if any.
  const ProtocolSpec* result_column_owner(std::string_view name) const {
    for (const ProtocolSpec* spec : protocols_->all()) {
      if (spec->rounds_column == name) return spec;
      if (spec->result_columns == nullptr) continue;
      for (const ResultColumn& column : spec->result_columns())
        if (column.name == name) return spec;
    }
    return nullptr;
  }

  void classify() {
    std::vector<std::string> known = {"n", "f"};
    for (const PendingAxis& pending : pending_)
      if (!pending.axis.name.empty()) known.push_back(pending.axis.name);
    for (const NamedValue& fixed : result_.sweep.fixed) known.push_back(fixed.name);
    for (PendingAxis& pending : pending_) {
      if (!pending.text) continue;
      const std::string& text = *pending.text;
      if (pending.expression_only || is_expression(text, known)) {
        pending.axis.expression = text.empty() ? std::string(" ") : text;
        continue;
      }
      SpecParse spec = parse_sweep_spec(text);
      if (!spec.ok()) {
        problem_at_axis(
            pending, pending.axis.file_tokens,
            "sweep of " + pending.axis.pointer + ": " + spec.error,
            std::string(kSweepSpecHint) + ", or an expression over n, f and named axes");
        continue;
      }
      pending.axis.values = std::move(spec.values);
    }
  }

  // The documented rule (docs/sweeps.md): one expression naming known variables only, or any
  // text with a parenthesis (whose problems the layout step then reports).
  static bool is_expression(const std::string& text, const std::vector<std::string>& known) {
    if (text.find('(') != std::string::npos) return true;
    const ExpressionScan scan = scan_expression(text);
    if (!scan.parses || scan.names.empty()) return false;
    return std::all_of(scan.names.begin(), scan.names.end(), [&](const std::string& name) {
      return std::find(known.begin(), known.end(), name) != known.end();
    });
  }

  void resolve_zips() {
    if (!zip_) return;
    const Json& zip = *zip_;
    constexpr std::string_view kHint =
        "accepted: \"zip\": [\"honest\", \"b\"] (one group of axes varied together, by name or "
        "pointer) or [[\"a\", \"b\"], [\"c\", \"d\"]]";
    const bool one_group = zip.is_array() && std::all_of(zip.begin(), zip.end(), [](const Json& v) {
                             return v.is_string();
                           });
    const bool groups = zip.is_array() && std::all_of(zip.begin(), zip.end(), [](const Json& g) {
                          return g.is_array() && std::all_of(g.begin(), g.end(), [](const Json& v) {
                                   return v.is_string();
                                 });
                        });
    if (zip.empty() || !(one_group || groups)) {
      problem({"sweep", "zip"}, convert::Anchor::value,
              "\"zip\" must list axes, not " + convert::describe(zip), std::string(kHint));
      return;
    }
    std::vector<bool> zipped(pending_.size(), false);
    for (std::size_t g = 0; g < (one_group ? 1 : zip.size()); ++g) {
      const Json& group = one_group ? zip : zip[g];
      std::vector<std::size_t> members;
      for (std::size_t m = 0; m < group.size(); ++m) {
        std::vector<std::string> tokens = {"sweep", "zip", std::to_string(m)};
        if (!one_group) tokens.insert(tokens.begin() + 2, std::to_string(g));
        const std::string label = group[m].get<std::string>();
        const auto it = std::find_if(pending_.begin(), pending_.end(), [&](const PendingAxis& p) {
          return p.axis.name == label || p.axis.pointer == label;
        });
        if (it == pending_.end()) {
          const bool replaced = std::any_of(result_.sweep.fixed.begin(), result_.sweep.fixed.end(),
                                            [&](const NamedValue& v) { return v.name == label; });
          if (!replaced)
            problem(tokens, convert::Anchor::value,
                    "\"zip\" names '" + label + "', no axis of this sweep", std::string(kHint));
          continue;
        }
        const auto index = static_cast<std::size_t>(it - pending_.begin());
        if (zipped[index]) {
          problem(tokens, convert::Anchor::value, "\"zip\" lists '" + label + "' twice",
                  "accepted: each axis in one zip group at most");
          continue;
        }
        zipped[index] = true;
        members.push_back(index);
      }
      if (group.empty())
        problem(one_group ? std::vector<std::string>{"sweep", "zip"}
                          : std::vector<std::string>{"sweep", "zip", std::to_string(g)},
                convert::Anchor::value, "a \"zip\" group is empty", std::string(kHint));
      std::sort(members.begin(), members.end());
      if (members.size() > 1) result_.sweep.zips.push_back(std::move(members));
    }
  }
};

}  // namespace

SweepReadResult read_sweep(Json& document, const SweepArguments& arguments,
                           const SourceText& source, const std::vector<PatchOrigin>& origins) {
  return SweepReader(document, source, origins).read(arguments);
}

}  // namespace byzsim
