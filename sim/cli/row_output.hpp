// Where `run` and `exact` put their rows: stdout, one file, or one file per scenario in a
// directory; CSV or JSON. CSV files grow by whole rows only, and a failed write cuts the file
// back to its last whole row, so an interrupted or failed run leaves valid CSV that --resume
// continues; JSON is written when complete.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/output_file.hpp"
#include "sim/cli/run_meta.hpp"
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
  // per scenario named after it (file_name_for: the name cannot leave the directory). Refuses
  // (UsageError, before any file is touched) two scenarios that would write one file and a path
  // that is not a regular file; then locks every output file for the life of this object.
  // `meta` (when given, outliving this): each file's sidecar and the rows' `set` column
  // (run_meta.hpp).
  RowOutput(const std::string& out, OutputFormat format,
            const std::vector<const LoadedScenario*>& scenarios, const RunMeta* meta = nullptr);
  ~RowOutput();
  RowOutput(const RowOutput&) = delete;
  RowOutput& operator=(const RowOutput&) = delete;

  // --resume: keeps the rows of existing files that match the leading jobs of their file,
  // and returns, per scenario, how many of its leading jobs are done. `jobs[s]` counts the
  // jobs of scenario s (all run in scenario order); `identity(s, j)` describes job j of
  // scenario s and is asked only for the jobs the files have rows for. Throws UsageError on a
  // file that belongs to other settings. Call before open().
  using JobIdentities = std::function<JobIdentity(std::size_t scenario, std::size_t job)>;
  std::vector<std::size_t> resume(const std::vector<std::size_t>& jobs,
                                  const JobIdentities& identity);
  // Creates the files (after resume: keeps their rows) and writes headers.
  void open();
  void add(std::size_t scenario_index, const Row& row);
  // CSV only: the text of a row of that scenario's file appended to `out` (thread-safe after
  // open()), and adding such a text.
  void append_csv_row(std::size_t scenario_index, const Row& row, std::string& out) const;
  void add_text(std::size_t scenario_index, std::string_view csv_row);
  // Pushes rows written by add() to the operating system (CSV).
  void flush();
  // Completes JSON output. CSV rows are already on disk.
  void finish();

 private:
  struct Target {
    std::string path;  // empty: stdout
    RowFormat format;
    std::size_t kept = 0;                    // rows kept by resume (the file's first ones)
    int fd = -1;                             // CSV after open(): the file (appending) or stdout
    std::string pending;                     // whole rows not yet written
    std::uint64_t committed = 0;             // bytes of the file that are whole rows on disk
    std::unique_ptr<LockedOutputFile> lock;  // files only: held from construction to the end
    std::vector<nlohmann::ordered_json> json_rows;
  };
  void refuse_outputs_on_inputs() const;
  // --resume of one target: checks its file's rows against the jobs from (first, 0) on.
  void resume_target(Target& target, std::size_t first, std::size_t last,
                     const std::vector<std::size_t>& jobs, const JobIdentities& identity,
                     std::vector<std::size_t>& done);
  Target& target_for(std::size_t scenario_index);
  const Target& target_for(std::size_t scenario_index) const;
  void write(Target& target, std::string_view text);  // buffered; whole rows only
  void drain(Target& target);                         // writes `pending`; WriteError on failure
  static constexpr std::size_t kPendingBytes = 1 << 16;
  // The scenarios whose rows go to targets_[t] (for its sidecar).
  std::vector<const LoadedScenario*> scenarios_of(std::size_t t) const;

  OutputFormat format_;
  bool per_scenario_ = false;
  std::vector<Target> targets_;  // one, or one per scenario
  std::vector<const LoadedScenario*> scenarios_;
  const RunMeta* meta_ = nullptr;
};

}  // namespace byzsim::cli
