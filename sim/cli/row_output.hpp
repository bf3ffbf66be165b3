// Where `run` and `exact` put their rows: stdout (streamed), one file, or one file per
// scenario in a directory; CSV or JSON. Files are written atomically when complete.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim::cli {

enum class OutputFormat { csv, json };
OutputFormat parse_format(const std::string& text);  // throws UsageError

class RowOutput {
 public:
  // `out` empty means stdout; an existing directory (or a path ending in '/') gets one file
  // per scenario named after it.
  RowOutput(const std::string& out, OutputFormat format,
            const std::vector<const LoadedScenario*>& scenarios);

  void add(std::size_t scenario_index, const Row& row);
  // Writes the files (atomically). Call once, after the last add().
  void finish();

 private:
  struct Target {
    std::string path;  // empty: stdout
    RowFormat format;
    std::string csv;
    std::vector<nlohmann::ordered_json> json_rows;
  };
  Target& target_for(std::size_t scenario_index);

  OutputFormat format_;
  bool per_scenario_ = false;
  std::vector<Target> targets_;  // one, or one per scenario
  bool stdout_started_ = false;
};

}  // namespace byzsim::cli
