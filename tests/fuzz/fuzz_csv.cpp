// libFuzzer target: CSV text as `merge` and `run --resume` read it. The input is split on
// "\n%%\n" into up to three files; each is parsed (parse_csv), all are merged (cmd_merge with
// -o: without sidecars, which merge refuses; fuzz_merge gives it shards with sidecars), and the
// first is resumed against tests/fuzz/resume-scenario.json (RowOutput::resume).
// Built by `make fuzz`; its corpus and regressions are replayed by the ctest fuzz.replay_csv.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/row_output.hpp"
#include "sim/report/csv_read.hpp"
#include "sim/report/row_format.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace byzsim;

constexpr std::size_t kMaxFiles = 3;

void require(bool condition, const char* what) {
  fuzz::require_invariant("fuzz_csv", condition, what);
}

// A private folder under $TMPDIR for the files merge and resume read, removed at exit.
const fs::path& work_dir() {
  return fuzz::private_work_dir("csv");
}

// The scenario the resumed files are checked against, loaded once.
const LoadedScenario& resume_scenario() {
  static const LoadedScenario loaded = [] {
    LoadResult result =
        load_scenario_file(std::string(BYZSIM_SOURCE_DIR) + "/tests/fuzz/resume-scenario.json");
    require(result.ok(), "tests/fuzz/resume-scenario.json loads");
    return *result.scenario;
  }();
  return loaded;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), text.size());
}

// parse_csv's promises: rows as wide as the header, and re-spelled rows that parse back to
// the same fields.
void check_parse(const std::string& text) {
  CsvTable table;
  std::string error;
  if (!parse_csv(text, table, error)) {
    require(!error.empty(), "a failed parse says why");
    return;
  }
  require(table.rows.size() == table.row_lines.size(), "a re-spelled line per row");
  std::string respelled = csv_line(table.header);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    require(table.rows[r].size() == table.header.size(), "rows as wide as the header");
    respelled += table.row_lines[r];
  }
  CsvTable again;
  require(parse_csv(respelled, again, error), "re-spelled rows parse");
  require(again.header == table.header && again.rows == table.rows, "re-spelling keeps fields");
}

void merge(const std::vector<fs::path>& files) {
  std::vector<std::string> args{"merge"};
  for (const fs::path& file : files) args.push_back(file.string());
  args.push_back("-o");
  args.push_back((work_dir() / "merged.csv").string());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  try {
    cli::cmd_merge(static_cast<int>(argv.size()), argv.data());
  } catch (const cli::UsageError& e) {
    require(!e.message.empty(), "a usage error says why");
  }
}

void resume(const fs::path& file) {
  const LoadedScenario& loaded = resume_scenario();
  std::vector<cli::JobIdentity> jobs;
  for (const ScenarioPoint& point : loaded.points)
    jobs.push_back(cli::JobIdentity{0, point.scenario.name, point.index, point.scenario.trials,
                                    point.scenario.seed});
  try {
    cli::RowOutput output(file.string(), cli::OutputFormat::csv, {&loaded});
    // One scenario of jobs.size() jobs; resume says how many of its leading jobs are written.
    const std::vector<std::size_t> done =
        output.resume({jobs.size()}, [&](std::size_t, std::size_t j) { return jobs[j]; });
    require(done.size() == 1 && done[0] <= jobs.size(), "a count of written jobs, at most all");
  } catch (const cli::UsageError& e) {
    require(!e.message.empty(), "a usage error says why");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<fs::path> files;
  while (files.size() < kMaxFiles) {
    const std::size_t separator = rest.find(fuzz::kArgumentsSeparator);
    // Splitting keeps each file's final line ending: "a\n%%\nb\n" -> "a\n", "b\n".
    const std::string part(
        rest.substr(0, separator == std::string_view::npos ? separator : separator + 1));
    check_parse(part);
    files.push_back(work_dir() / ("shard" + std::to_string(files.size()) + ".csv"));
    write(files.back(), part);
    if (separator == std::string_view::npos) break;
    rest = rest.substr(separator + fuzz::kArgumentsSeparator.size());
  }
  merge(files);
  resume(files.front());
  return 0;
}
