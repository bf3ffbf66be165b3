// The output sidecar files (<output>.meta.json): written beside run/exact/merge outputs, checked
// by --resume and merge. Content in report/scenario_meta; this file does paths and files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/shard.hpp"
#include "sim/report/row_format.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario_meta.hpp"

namespace byzsim::cli {

// What RowOutput needs to describe its files.
struct RunMeta {
  RunSettings settings;
  std::vector<std::string> sets;  // --set, in command-line order (the rows' `set` column)
  std::string meta_path;          // --meta FILE: the sidecar's path when writing to stdout
};

// Adds --meta to a command's options.
void add_meta_option(boost::program_options::options_description& options);
// From a parsed command line (`argv` from the command name on), its checked overrides, the
// rows' method ("sim" or "exact") and the shard the command runs.
RunMeta read_run_meta(int argc, char** argv, const boost::program_options::variables_map& vm,
                      const std::string& format, const ScenarioOverrides& overrides,
                      const std::string& method, const Shard& shard = {});

// "<output>.meta.json".
std::string sidecar_path(const std::string& output);
// The sidecar at `path`, or nothing when there is none; throws UsageError when it is not JSON.
std::optional<nlohmann::ordered_json> read_sidecar(const std::string& path);
// "" when both describe the same settings (sidecar_settings), else what differs.
std::string settings_difference(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

// Where the sidecar of `output` goes: --meta when given, else <output>.meta.json; "" (none)
// for stdout without --meta.
std::string sidecar_path_for(const RunMeta& meta, const std::string& output);
// --resume into `output`: throws UsageError when its sidecar describes other settings than
// these scenarios under `meta`.
void check_resume_sidecar(const RunMeta& meta, const std::string& output,
                          const std::vector<const LoadedScenario*>& scenarios);
// Writes the sidecar of `output` atomically (nothing when sidecar_path_for is "", or when
// `output` is a device or pipe and --meta was not given): the settings of `scenarios` and,
// before them, "columns": every column of `format` with its kind, label and meaning.
void write_sidecar(const RunMeta& meta, const std::string& output,
                   const std::vector<const LoadedScenario*>& scenarios, const RowFormat& format);
// `sidecar` with "columns" set to `columns`, placed before "scenarios".
nlohmann::ordered_json with_columns(nlohmann::ordered_json sidecar,
                                    const nlohmann::ordered_json& columns);

}  // namespace byzsim::cli
