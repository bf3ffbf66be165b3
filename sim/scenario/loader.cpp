// Loading a scenario: read, parse, apply --set, collect sweep axes (file order, then --vary),
// then convert and validate every sweep point, reporting each problem once.
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <tuple>

#include "sim/scenario/convert_read.hpp"
#include "sim/scenario/expand.hpp"
#include "sim/scenario/json_locate.hpp"
#include "sim/scenario/json_parse.hpp"
#include "sim/scenario/origin.hpp"
#include "sim/scenario/sweep.hpp"

namespace byzsim {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;

// What the steps of one load share.
struct LoadState {
  SourceText source;
  Json document;
  std::vector<PatchOrigin> origins;  // --set patches, in order
  std::vector<PreparedAxis> axes;
  Diagnostics diagnostics;
};

void report_duplicate_keys(LoadState& state) {
  for (const DuplicateKey& duplicate : find_duplicate_keys(state.source.text, kMaxJsonNesting)) {
    const std::string key = parse_pointer(duplicate.pointer).tokens.back();
    const TextPosition position = position_of_offset(state.source.text, duplicate.key_offset);
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
      state.diagnostics.push_back(diagnostic_on_command_line(
          "", "--set '" + set + "' has no '='", "accepted: --set PTR=VALUE, e.g. /protocol/f=3"));
      continue;
    }
    const auto& [pointer, value_text] = *parts;
    PointerParse parsed = parse_pointer(pointer);
    std::string error = parsed.error;
    if (error.empty())
      error = assign(state.document, parsed.tokens, parse_json_or_string(value_text));
    if (!error.empty()) {
      state.diagnostics.push_back(diagnostic_on_command_line(
          pointer, "--set " + pointer + ": " + error,
          "accepted: a pointer whose parent exists in the scenario, e.g. /protocol/f"));
      continue;
    }
    state.origins.push_back({parsed.tokens, true, {}, "(from --set " + set + ")"});
  }
}

bool already_an_axis(const LoadState& state, const std::vector<std::string>& tokens) {
  return std::any_of(state.axes.begin(), state.axes.end(),
                     [&](const PreparedAxis& axis) { return axis.tokens == tokens; });
}

// A problem with the sweep entry `key` (placed like any problem: the file, or --set /sweep).
void report_sweep_problem(LoadState& state, const std::string& key, convert::Anchor anchor,
                          std::string message, std::string hint) {
  const convert::Problem problem{child_pointer("/sweep", key), std::move(message), std::move(hint),
                                 anchor};
  state.diagnostics.push_back(place_problem(problem, state.source, state.origins));
}

void read_sweep_entry(LoadState& state, const std::string& key, const Json& value) {
  const PointerParse parsed = parse_pointer(key);
  std::string error = parsed.ok() ? check_assignable(state.document, parsed.tokens) : parsed.error;
  if (error.empty() && already_an_axis(state, parsed.tokens)) error = "it is swept twice";
  if (!error.empty()) {
    report_sweep_problem(state, key, convert::Anchor::key,
                         "sweep key '" + key + "' cannot be swept: " + error,
                         "accepted: a JSON pointer to a value of the scenario, e.g. "
                         "/agents/1/count");
    return;
  }
  PreparedAxis axis{key, parsed.tokens, {}, false, {"sweep", key}, value.is_array(), ""};
  if (value.is_array()) {
    axis.values.assign(value.begin(), value.end());
    if (axis.values.empty()) error = "the list of values is empty";
    if (axis.values.size() > kMaxAxisValues) error = "the list has too many values";
  } else if (value.is_string()) {
    SpecParse spec = parse_sweep_spec(value.get<std::string>());
    error = spec.error;
    axis.values = std::move(spec.values);
  } else {
    error = "its values are " + convert::describe(value) + ", not an array or a spec string";
  }
  if (!error.empty()) {
    report_sweep_problem(state, key, convert::Anchor::value, "sweep of " + key + ": " + error,
                         std::string(kSweepSpecHint));
    return;
  }
  state.axes.push_back(std::move(axis));
}

// Takes "sweep" out of the document and makes its entries axes, in file order.
void read_file_sweep(LoadState& state) {
  if (!state.document.is_object()) return;
  auto it = state.document.find("sweep");
  if (it == state.document.end()) return;
  const Json sweep = std::move(*it);
  state.document.erase("sweep");
  if (!sweep.is_object()) {
    const convert::Problem problem{
        "/sweep", "'sweep' must be an object, not " + convert::describe(sweep),
        "accepted: {\"/agents/1/count\": [0, 1, 2], \"/protocol/f\": \"1:3\"}"};
    state.diagnostics.push_back(place_problem(problem, state.source, state.origins));
    return;
  }
  for (const auto& [key, value] : sweep.items()) {
    if (!key.empty() && key.front() == '_') continue;  // a comment
    read_sweep_entry(state, key, value);
  }
}

void read_varies(LoadState& state, const std::vector<std::string>& varies) {
  for (const std::string& vary : varies) {
    auto parts = split_assignment(vary);
    if (!parts) {
      state.diagnostics.push_back(
          diagnostic_on_command_line("", "--vary '" + vary + "' has no '='",
                                     "accepted: --vary PTR=SPEC, e.g. /protocol/f=0:3"));
      continue;
    }
    const auto& [pointer, spec_text] = *parts;
    const PointerParse parsed = parse_pointer(pointer);
    std::string error =
        parsed.ok() ? check_assignable(state.document, parsed.tokens) : parsed.error;
    if (error.empty() && already_an_axis(state, parsed.tokens)) error = "it is already swept";
    SpecParse spec = parse_sweep_spec(spec_text);
    if (error.empty() && !spec.ok()) error = spec.error;
    if (!error.empty()) {
      state.diagnostics.push_back(diagnostic_on_command_line(
          pointer, "--vary " + vary + ": " + error,
          "accepted: --vary PTR=SPEC with PTR a value of the scenario and SPEC \"0:4\", "
          "\"0:10:2\" or \"a,b,c\""));
      continue;
    }
    state.axes.push_back({pointer,
                          parsed.tokens,
                          std::move(spec.values),
                          true,
                          {},
                          false,
                          "(from --vary " + vary + ")"});
  }
}

// The sweep's size, or a diagnostic when it is too large.
std::optional<std::size_t> count_points(const LoadState& state, Diagnostics& diagnostics) {
  std::vector<std::size_t> sizes;
  for (const PreparedAxis& axis : state.axes) sizes.push_back(axis.values.size());
  auto count = point_count(sizes, kMaxSweepPoints);
  if (!count) {
    diagnostics.push_back(
        diagnostic_in_file(state.source, "/sweep", convert::Anchor::key,
                           "the sweep has more than " + std::to_string(kMaxSweepPoints) + " points",
                           "accepted: at most " + std::to_string(kMaxSweepPoints) +
                               " points in all (the product of the axes' sizes); split the sweep"));
  }
  return count;
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

LoadedScenario finish(const std::string& label, const Json& document,
                      const std::vector<PreparedAxis>& axes, std::vector<ScenarioPoint> points) {
  LoadedScenario loaded;
  loaded.file = label;
  loaded.document = document;
  for (const PreparedAxis& axis : axes) {
    SweepAxis out;
    out.pointer = axis.pointer;
    for (const Json& value : axis.values) out.values.emplace_back(value);
    loaded.axes.push_back(std::move(out));
  }
  loaded.points = std::move(points);
  return loaded;
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
  read_file_sweep(state);
  read_varies(state, options.varies);
  result.diagnostics = std::move(state.diagnostics);
  ExpandResult expanded;
  if (const auto count = count_points(state, result.diagnostics)) {
    const std::string default_name = std::filesystem::path(file_label).stem().string();
    expanded = expand_points(state.document, state.axes, *count, state.origins, state.source,
                             default_name);
  }
  for (Diagnostic& d : expanded.diagnostics) result.diagnostics.push_back(std::move(d));
  sort_by_position(result.diagnostics);
  if (result.diagnostics.empty())
    result.scenario = finish(file_label, state.document, state.axes, std::move(expanded.points));
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
