// Sidecar files: written atomically once every input is known good; a --resume into a file
// whose sidecar describes other settings is refused, naming the first difference.
#include "sim/cli/run_meta.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/cli/cli_common.hpp"
#include "sim/json/json_build.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

void add_meta_option(po::options_description& options) {
  options.add_options()("meta", po::value<std::string>(),
                        "FILE: write the output's sidecar (settings of every row) there; "
                        "default <out>.meta.json, none when writing to stdout");
}

RunMeta read_run_meta(int argc, char** argv, const po::variables_map& vm, const std::string& format,
                      const ScenarioOverrides& overrides, const std::string& method,
                      const Shard& shard) {
  RunMeta meta;
  meta.settings.command_line.push_back("byzsim");
  for (int i = 0; i < argc; ++i) meta.settings.command_line.emplace_back(argv[i]);
  meta.settings.format = format;
  meta.settings.trials = overrides.trials;
  meta.settings.seed = overrides.seed;
  meta.settings.method = method;
  meta.settings.shard_index = shard.index;
  meta.settings.shard_count = shard.count;
  meta.sets = overrides.sets;
  if (vm.count("meta")) meta.meta_path = vm["meta"].as<std::string>();
  return meta;
}

std::string sidecar_path(const std::string& output) {
  return output + ".meta.json";
}

std::optional<nlohmann::ordered_json> read_sidecar(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::optional<nlohmann::ordered_json> json = try_parse_ordered_json(text.str());
  if (!in || !json || !json->is_object())
    throw UsageError{path +
                     ": error: not a byzsim sidecar (cannot read it as a JSON object); "
                     "delete it or use another output path"};
  return *json;
}

std::string settings_difference(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  const nlohmann::ordered_json sa = sidecar_settings(a), sb = sidecar_settings(b);
  if (sa == sb) return "";
  const auto patch = nlohmann::ordered_json::diff(sa, sb);
  const std::string where = patch.empty() ? "" : patch.front().value("path", "");
  return where.empty() ? "they differ" : "they differ at " + where;
}

std::string sidecar_path_for(const RunMeta& meta, const std::string& output) {
  if (!meta.meta_path.empty()) return meta.meta_path;
  return output.empty() ? "" : sidecar_path(output);
}

void check_resume_sidecar(const RunMeta& meta, const std::string& output,
                          const std::vector<const LoadedScenario*>& scenarios) {
  const std::string path = sidecar_path_for(meta, output);
  if (path.empty()) return;
  const auto existing = read_sidecar(path);
  if (!existing) return;  // an output of an older byzsim, or of stdout: rows are still checked
  // The same version and scenario_hash (the one it states being that of its content): the same
  // settings, known without listing this run's points; otherwise the lists say where they differ.
  std::vector<StreamedList> streamed;
  const nlohmann::ordered_json mine = sidecar_json(meta.settings, scenarios, &streamed);
  if (existing->value("byzsim_version", "") == mine["byzsim_version"] &&
      existing->value("scenario_hash", "") == mine["scenario_hash"] &&
      scenario_hash(*existing) == mine["scenario_hash"])
    return;
  const std::string difference =
      settings_difference(*existing, sidecar_json(meta.settings, scenarios));
  if (!difference.empty())
    throw UsageError{output + ": error: cannot resume: its sidecar " + path +
                     " describes other settings than this run (scenario document, sweep, "
                     "--set, --trials, --seed or byzsim version; " +
                     difference + "); use another -o or delete both files"};
}

nlohmann::ordered_json with_columns(nlohmann::ordered_json sidecar,
                                    const nlohmann::ordered_json& columns) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (auto it = sidecar.begin(); it != sidecar.end(); ++it) {
    if (it.key() == "columns") continue;
    if (it.key() == "scenarios") out["columns"] = columns;
    out[it.key()] = std::move(it.value());  // the scenarios' documents: moved, not copied
  }
  if (!out.contains("columns")) out["columns"] = columns;
  return out;
}

void write_sidecar(const RunMeta& meta, const std::string& output,
                   const std::vector<const LoadedScenario*>& scenarios, const RowFormat& format) {
  const std::string path = sidecar_path_for(meta, output);
  if (path.empty()) return;
  // A device or pipe given as -o (say /dev/null) gets no <output>.meta.json beside it.
  std::error_code ec;
  if (meta.meta_path.empty() && std::filesystem::exists(output, ec) &&
      !std::filesystem::is_regular_file(output, ec))
    return;
  const std::string_view option = meta.meta_path.empty() ? "-o" : "--meta";
  const nlohmann::ordered_json columns = columns_json(format.describe());
  // Lazily loaded sweeps' lists (points, axis values) are written one element at a time.
  std::vector<StreamedList> streamed;
  const std::string text =
      with_columns(sidecar_json(meta.settings, scenarios, &streamed), columns).dump(2) + "\n";
  std::vector<std::pair<std::size_t, const StreamedList*>> places;  // (offset, list)
  bool unique = true;
  for (const StreamedList& list : streamed) {
    const std::string quoted = nlohmann::ordered_json(list.placeholder).dump();
    const std::size_t at = text.find(quoted);
    unique = unique && at != std::string::npos && text.find(quoted, at + 1) == std::string::npos;
    places.emplace_back(at, &list);
  }
  if (!unique) {  // a document holding a placeholder's text itself: the lists in full
    write_file_atomically(
        path, with_columns(sidecar_json(meta.settings, scenarios), columns).dump(2) + "\n", option);
    return;
  }
  std::sort(places.begin(), places.end());
  write_file_atomically(
      path,
      [&](std::ostream& out) {
        std::size_t written = 0;
        for (const auto& [at, list] : places) {
          const std::size_t line = text.rfind('\n', at) + 1;
          out.write(text.data() + written, static_cast<std::streamsize>(at - written));
          write_list(out, *list, text.find_first_not_of(' ', line) - line);
          written = at + nlohmann::ordered_json(list->placeholder).dump().size();
        }
        out.write(text.data() + written, static_cast<std::streamsize>(text.size() - written));
      },
      option);
}

}  // namespace byzsim::cli
