// Where `run` and `exact` put their rows: stdout, one file, or one file per scenario in a
// directory; CSV or JSON. CSV files grow one whole, flushed row per finished point, so an
// interrupted run leaves valid CSV that --resume continues; JSON is written when complete.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim::cli {

enum class OutputFormat { csv, json };
OutputFormat parse_format(const std::string& text);  // throws UsageError

// What identifies a row of a job, to recognise it in an existing file on --resume.
struct JobIdentity {
  std::size_t scenario = 0;  // index into the scenarios given to RowOutput
  std::string name;
  int point = 0;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
};

class RowOutput {
 public:
  // `out` empty means stdout; an existing directory (or a path ending in '/') gets one file
  // per scenario named after it.
  RowOutput(const std::string& out, OutputFormat format,
            const std::vector<const LoadedScenario*>& scenarios);
  ~RowOutput();
  RowOutput(const RowOutput&) = delete;
  RowOutput& operator=(const RowOutput&) = delete;

  // --resume: keeps the rows of existing files that match the leading jobs of their file,
  // and returns, per job, whether it is done. Throws UsageError on a file that belongs to
  // other settings. Call before open().
  std::vector<bool> resume(const std::vector<JobIdentity>& jobs);
  // Creates the files (after resume: keeps their rows) and writes headers.
  void open();
  void add(std::size_t scenario_index, const Row& row);
  // Pushes rows written by add() to the operating system (CSV).
  void flush();
  // Completes JSON output. CSV rows are already on disk.
  void finish();

 private:
  struct Target {
    std::string path;  // empty: stdout
    RowFormat format;
    std::string kept;  // rows kept by resume, as text
    std::FILE* file = nullptr;
    std::vector<nlohmann::ordered_json> json_rows;
  };
  Target& target_for(std::size_t scenario_index);
  void write(Target& target, const std::string& text);  // buffered; whole rows only

  OutputFormat format_;
  bool per_scenario_ = false;
  std::vector<Target> targets_;  // one, or one per scenario
};

}  // namespace byzsim::cli
