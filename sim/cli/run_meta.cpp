// Sidecar files: written atomically once every input is known good; a --resume into a file
// whose sidecar describes other settings is refused, naming the first difference.
#include "sim/cli/run_meta.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>
#include <utility>

#include "sim/cli/cli_common.hpp"
#include "sim/json/canonical_hash.hpp"
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

namespace {

// Parsing a sidecar without keeping the lists a sweep makes long (each scenario's "points" and
// its axes' "values"): they come back empty, and each list's elements are hashed as they pass
// (canonical JSON, comma-separated), so a 10^6-point sidecar costs no memory per point.
class ListSkipper {
 public:
  bool operator()(nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json& parsed) {
    using Event = nlohmann::ordered_json::parse_event_t;
    switch (event) {
      case Event::key:
        pending_ = parsed.get<std::string>();
        return true;
      case Event::object_start:
      case Event::array_start:
        if (skip_ == 0) count_entries();
        containers_.push_back(std::exchange(pending_, ""));
        if (skip_ == 0 && event == Event::array_start) start_list();
        return true;
      case Event::object_end:
      case Event::array_end: {
        const std::size_t depth = containers_.size();
        containers_.pop_back();
        if (skip_ == 0 || depth > skip_ + 1) return true;  // outside, or inside an element
        if (depth == skip_) {                              // the list ends: kept, empty
          skip_ = 0;
          return true;
        }
        add_element(parsed);
        return false;
      }
      case Event::value:
        pending_.clear();
        if (skip_ == 0 || containers_.size() > skip_) return true;
        add_element(parsed);
        return false;
    }
    return true;
  }
  // Per list, named as scenario_meta names its placeholders ("0-points", "0-values-1"): the
  // hash of its elements.
  const std::map<std::string, std::string>& hashes() const { return hashes_; }

 private:
  bool at(std::initializer_list<std::string_view> path) const {
    return std::equal(containers_.begin(), containers_.end(), path.begin(), path.end());
  }
  // /scenarios/* and /scenarios/*/axes/* count their elements: they name the lists.
  void count_entries() {
    if (at({"", "scenarios"})) {
      ++scenario_;
      axis_ = -1;
    }
    if (at({"", "scenarios", "", "axes"})) ++axis_;
  }
  void start_list() {
    if (at({"", "scenarios", "", "points"}))
      list_ = std::to_string(scenario_) + "-points";
    else if (at({"", "scenarios", "", "axes", "", "values"}))
      list_ = std::to_string(scenario_) + "-values-" + std::to_string(axis_);
    else
      return;
    skip_ = containers_.size();
    hash_ = Fnv1a64();
    first_ = true;
    hashes_[list_] = hash_.hex();
  }
  void add_element(const nlohmann::ordered_json& element) {
    if (!first_) hash_.add(",");
    first_ = false;
    hash_canonical(element, hash_);
    hashes_[list_] = hash_.hex();
  }

  std::vector<std::string> containers_;  // per open container: the key it is the value of
  std::string pending_;
  std::size_t skip_ = 0;  // the depth of the list being skipped, 0 for none
  int scenario_ = -1;
  int axis_ = -1;
  std::string list_;
  Fnv1a64 hash_;
  bool first_ = true;
  std::map<std::string, std::string> hashes_;
};

struct LightSidecar {
  nlohmann::ordered_json json;               // lists empty
  std::map<std::string, std::string> lists;  // ListSkipper::hashes
};

std::optional<LightSidecar> read_sidecar_without_lists(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  ListSkipper skipper;
  nlohmann::ordered_json json = nlohmann::ordered_json::parse(
      in,
      [&](int, nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json& parsed) {
        return skipper(event, parsed);
      },
      false);
  if (json.is_discarded() || !json.is_object()) read_sidecar(path);  // throws its message
  return LightSidecar{std::move(json), skipper.hashes()};
}

// Whether `lists` (this run's) are, element for element, the ones `light` read.
bool same_lists(const LightSidecar& light, const std::vector<StreamedList>& lists) {
  if (light.lists.size() != lists.size()) return false;
  for (const StreamedList& list : lists) {
    Fnv1a64 hash;
    bool first = true;
    list.for_each([&](const nlohmann::ordered_json& element) {
      if (!first) hash.add(",");
      first = false;
      hash_canonical(element, hash);
    });
    // The placeholder is "\x01byzsim-" + the list's name + "\x01".
    const std::string name = list.placeholder.substr(8, list.placeholder.size() - 9);
    const auto it = light.lists.find(name);
    if (it == light.lists.end() || it->second != hash.hex()) return false;
  }
  return true;
}

// `sidecar` with the lists read_sidecar_without_lists leaves out emptied.
nlohmann::ordered_json without_lists(nlohmann::ordered_json sidecar) {
  if (!sidecar.contains("scenarios") || !sidecar["scenarios"].is_array()) return sidecar;
  for (auto& entry : sidecar["scenarios"]) {
    if (!entry.is_object()) continue;
    if (entry.contains("points")) entry["points"] = nlohmann::ordered_json::array();
    if (entry.contains("axes") && entry["axes"].is_array())
      for (auto& axis : entry["axes"])
        if (axis.is_object() && axis.contains("values"))
          axis["values"] = nlohmann::ordered_json::array();
  }
  return sidecar;
}

}  // namespace

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
  // The same settings but for the lists, and lists of the same elements: the same settings,
  // known without holding either file's points; otherwise the full lists say where they differ.
  {
    const auto light = read_sidecar_without_lists(path);
    if (!light) return;  // an output of an older byzsim, or of stdout: rows are still checked
    std::vector<StreamedList> streamed;
    const nlohmann::ordered_json mine =
        without_lists(sidecar_json(meta.settings, scenarios, &streamed));
    if (sidecar_settings(light->json) == sidecar_settings(mine) && same_lists(*light, streamed))
      return;
  }
  const auto existing = read_sidecar(path);
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
