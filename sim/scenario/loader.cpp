// Loading a scenario: read, parse, apply --set, read the sweep (file order, then --vary), lay out
// its points, then convert and validate every point, reporting each problem once.
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>
#include <tuple>

#include "sim/json/convert_read.hpp"
#include "sim/json/json_locate.hpp"
#include "sim/json/json_parse.hpp"
#include "sim/json/origin.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/expand.hpp"
#include "sim/sweep/sweep.hpp"
#include "sim/sweep/sweep_check.hpp"
#include "sim/sweep/sweep_layout.hpp"
#include "sim/sweep/sweep_read.hpp"

namespace byzsim {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;

// What the steps of one load share.
struct LoadState {
  SourceText source;
  Json document;
  std::vector<PatchOrigin> origins;  // --set patches, in order
  Diagnostics diagnostics;
};

void report_duplicate_keys(LoadState& state) {
  for (const DuplicateKey& duplicate : find_duplicate_keys(state.source.text, kMaxJsonNesting)) {
    const std::string key = parse_pointer(duplicate.pointer).tokens.back();
    const TextPosition position = state.source.index->position(duplicate.key_offset);
    Diagnostic d;
    d.file = std::string(state.source.label);
    d.line = position.line;
    d.column = position.column;
    d.pointer = duplicate.pointer;
    d.message = "duplicate key '" + key + "'";
    d.hint = "accepted: each key once per object (the last one would silently win)";
    state.diagnostics.push_back(std::move(d));
  }
}

// Sections whose absence means "all defaults" are made explicit (empty objects) so that --set,
// --vary and sweep keys may point into them: "/protocol/f" works without a "protocol" object.
// (costs and corruption are not: their presence switches them on.)
void add_default_sections(Json& document) {
  if (!document.is_object()) return;
  for (const char* key : {"truth", "protocol", "network", "limits"})
    if (!document.contains(key)) document[key] = Json::object();
}

// "PTR=VALUE" -> (PTR, VALUE); nullopt without '='.
std::optional<std::pair<std::string, std::string>> split_assignment(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) return std::nullopt;
  return std::make_pair(text.substr(0, equals), text.substr(equals + 1));
}

void apply_sets(LoadState& state, const std::vector<std::string>& sets) {
  for (const std::string& set : sets) {
    auto parts = split_assignment(set);
    if (!parts) {
      state.diagnostics.push_back(
          diagnostic_on_command_line("", "--set '" + abbreviated(set) + "' has no '='",
                                     "accepted: --set PTR=VALUE, e.g. /protocol/f=3"));
      continue;
    }
    const auto& [pointer, value_text] = *parts;
    PointerParse parsed = parse_pointer(pointer);
    std::string error = parsed.error;
    if (error.empty()) error = json_nesting_error(value_text);
    if (error.empty())
      error = assign(state.document, parsed.tokens, parse_json_or_string(value_text));
    if (!error.empty()) {
      state.diagnostics.push_back(diagnostic_on_command_line(
          pointer, "--set " + pointer + ": " + error,
          "accepted: a pointer whose parent exists in the scenario, e.g. /protocol/f, and a "
          "value at most " +
              std::to_string(kMaxJsonNesting) + " levels deep"));
      continue;
    }
    state.origins.push_back({parsed.tokens, true, {}, "(from --set " + abbreviated(set) + ")"});
  }
}

// Command-line problems first, then the file's from top to bottom.
void sort_by_position(Diagnostics& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     const bool a_file = a.file != kCommandLineFile;
                     const bool b_file = b.file != kCommandLineFile;
                     return std::tie(a_file, a.line, a.column) < std::tie(b_file, b.line, b.column);
                   });
}

LoadedScenario finish(const std::string& label, const Json& document, const SweepDefinition& sweep,
                      const std::shared_ptr<const SweepPoints>& points,
                      const std::vector<std::size_t>& row_kinds, bool lazy) {
  LoadedScenario loaded;
  loaded.file = label;
  loaded.document = document;
  for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
    const PreparedAxis& axis = sweep.axes[a];
    SweepAxis out;
    out.pointer = axis.pointer;
    out.name = axis.name;
    out.expression = axis.expression;
    if (!lazy) out.values = points->axis_value_list(a);
    loaded.axes.push_back(std::move(out));
  }
  for (const SweepConstraint& constraint : sweep.constraints)
    loaded.constraints.push_back(constraint.expression);
  loaded.unconstrained_points = points->layout().unconstrained_count;
  if (!lazy) {
    loaded.points = all_points(*points);
    return loaded;
  }
  for (const std::size_t point : row_kinds) points->make(point, loaded.points.emplace_back());
  loaded.lazy = points;
  return loaded;
}

// The document's own problems, without the sweep.
Diagnostics base_problems(const LoadState& state, const convert::Context& context) {
  SweepLayout layout;
  layout.unconstrained_count = 1;
  layout.kept.keep_all(1);
  SweepPoints point(state.document, {}, std::move(layout), context, "");
  return point.validate(state.source, state.origins).diagnostics;
}

LoadResult file_problem(const std::string& path, std::string message, std::string hint) {
  LoadResult result;
  Diagnostic d;
  d.file = path;
  d.message = std::move(message);
  d.hint = std::move(hint);
  result.diagnostics.push_back(std::move(d));
  return result;
}

}  // namespace

LoadResult load_scenario_text(const std::string& text, const std::string& file_label,
                              const LoadOptions& options) {
  LoadResult result;
  LoadState state;
  state.source = {text, file_label};
  auto document = parse_json_document(state.source, result.diagnostics);
  if (!document) return result;
  state.document = std::move(*document);
  report_duplicate_keys(state);
  add_default_sections(state.document);
  apply_sets(state, options.sets);
  const SweepArguments arguments{options.varies, options.wheres, options.max_sweep_points,
                                 options.max_unconstrained_points, options.protocols};
  SweepReadResult read = read_sweep(state.document, arguments, state.source, state.origins);
  result.diagnostics = std::move(state.diagnostics);
  for (Diagnostic& d : read.diagnostics) result.diagnostics.push_back(std::move(d));
  result.warnings = std::move(read.warnings);
  const std::string default_name = std::filesystem::path(file_label).stem().string();
  const ProtocolRegistry& builtin = ProtocolRegistry::builtin();
  const convert::Context context{
      default_name, options.protocols ? *options.protocols : builtin,
      options.strategies ? *options.strategies : StrategyTable::builtin(), options.memory_budget};
  SweepLayoutResult laid_out;
  if (result.diagnostics.empty())
    laid_out = lay_out_sweep(state.document, read.sweep, state.source);
  if (!result.diagnostics.empty() || !laid_out.diagnostics.empty()) {
    // The sweep is broken: the rest of the document is still checked, as one point.
    for (Diagnostic& d : base_problems(state, context))
      laid_out.diagnostics.push_back(std::move(d));
  } else {
    const auto points = std::make_shared<SweepPoints>(
        state.document, read.sweep.axes, std::move(laid_out.layout), context, file_label);
    SweepCheck check = points->validate(state.source, state.origins);
    laid_out.diagnostics = std::move(check.diagnostics);
    if (laid_out.diagnostics.empty()) {
      for (Diagnostic& w :
           theory_warnings(*points, {check.below_three_f, check.first_below_three_f},
                           points->axes(), points->layout(), state.source, state.origins))
        result.warnings.push_back(std::move(w));
      result.scenario =
          finish(file_label, state.document, read.sweep, points, check.row_kinds, options.lazy);
    }
  }
  for (Diagnostic& d : laid_out.diagnostics) result.diagnostics.push_back(std::move(d));
  sort_by_position(result.diagnostics);
  return result;
}

LoadResult load_scenario_file(const std::string& path, const LoadOptions& options) {
  constexpr std::string_view kHint = "accepted: the path of a readable scenario JSON file";
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    return file_problem(path, "cannot read the file: it does not exist", std::string(kHint));
  if (std::filesystem::is_directory(status))
    return file_problem(path, "cannot read the file: it is a directory", std::string(kHint));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return file_problem(path, "cannot open the file: " + std::generic_category().message(errno),
                        std::string(kHint));
  // The cap holds while reading, so /dev/zero, a pipe or a growing file stop at it too.
  std::string text;
  char chunk[1 << 16];
  while (in && text.size() <= kMaxFileBytes) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return file_problem(path, "cannot read the file: a read error", std::string(kHint));
  if (text.size() > kMaxFileBytes)
    return file_problem(path, "the file is larger than 16 MiB (reading stopped there)",
                        "accepted: a scenario file of at most 16 MiB");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return file_problem(path, text.empty() ? "empty file" : "empty file: only white space",
                        "accepted: a scenario JSON object, e.g. {\"agents\": [{\"count\": 4}]}");
  return load_scenario_text(text, path, options);
}

}  // namespace byzsim
