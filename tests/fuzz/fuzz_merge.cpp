// libFuzzer target: the shards and sidecars `byzsim merge` reads. The input is split on
// "\n%%\n" into up to three pairs CSV, sidecar: each CSV is written with its sidecar beside it
// (a sidecar part that is empty or one line ending leaves the file without one), then merged
// (cmd_merge -o), and, when that refuses, merged again with --partial. A sidecar whose
// "scenario_hash" is "fnv1a64:auto" gets its real hash first, so that mutated sidecars get past
// the hash check to the scenario, shard and cell checks behind it.
// Checks: every refusal says why; a merge that succeeds writes a sidecar that says whether it is
// partial, and its output merges again (alone, with --partial when partial) to the same bytes.
// Built by `make fuzz`; its seeds (corpus-merge/: shards, exact and batch outputs of
// tests/fuzz/resume-scenario.json with their sidecars, trimmed of "columns" and descriptions and
// most given "fnv1a64:auto") are replayed by the ctest fuzz.replay_fuzz_merge.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/json/json_build.hpp"
#include "sim/scenario/scenario_meta.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace byzsim;

constexpr std::size_t kMaxFiles = 3;

void require(bool condition, const char* what) {
  fuzz::require_invariant("fuzz_merge", condition, what);
}

// A private folder under $TMPDIR for the files merge reads and writes, removed at exit.
const fs::path& work_dir() {
  return fuzz::private_work_dir("merge");
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), text.size());
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The sidecar as given, or with its "fnv1a64:auto" hash filled in.
std::string stamped(const std::string& text) {
  // The parser merge's sidecar reader uses (linear in the number of keys).
  std::optional<Json> json = try_parse_ordered_json(text);
  if (!json || !json->is_object() || !json->contains("scenario_hash") ||
      (*json)["scenario_hash"] != "fnv1a64:auto")
    return text;
  (*json)["scenario_hash"] = scenario_hash(*json);
  return json->dump(2);
}

// Runs cmd_merge on `inputs` into `out`; true when it succeeded. Its stderr (the --partial
// note) is dropped.
bool merge(const std::vector<fs::path>& inputs, const fs::path& out, bool partial) {
  std::vector<std::string> args{"merge"};
  for (const fs::path& input : inputs) args.push_back(input.string());
  if (partial) args.emplace_back("--partial");
  args.push_back("-o");
  args.push_back(out.string());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  std::ostringstream discarded;
  std::streambuf* const err = std::cerr.rdbuf(discarded.rdbuf());
  bool ok = true;
  try {
    cli::cmd_merge(static_cast<int>(argv.size()), argv.data());
  } catch (const cli::UsageError& e) {
    std::cerr.rdbuf(err);
    require(!e.message.empty(), "a refusal says why");
    ok = false;
  }
  std::cerr.rdbuf(err);
  return ok;
}

// A merged output is a run's output like any other: merged again alone, it gives itself.
void check_merged(const fs::path& out, bool partial) {
  const std::string meta = read(out.string() + ".meta.json");
  const std::optional<Json> sidecar = try_parse_ordered_json(meta);
  require(sidecar && sidecar->is_object(), "a successful merge writes its sidecar");
  require(sidecar->contains("partial") == partial, "the sidecar says whether it is partial");
  const fs::path again = work_dir() / "again.csv";
  require(merge({out}, again, partial), "a merged output merges again");
  require(read(again) == read(out), "merging a merged output gives the same bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  while (parts.size() < 2 * kMaxFiles) {
    const std::size_t separator = rest.find(fuzz::kArgumentsSeparator);
    // Splitting keeps each part's final line ending: "a\n%%\nb\n" -> "a\n", "b\n".
    parts.emplace_back(
        rest.substr(0, separator == std::string_view::npos ? separator : separator + 1));
    if (separator == std::string_view::npos) break;
    rest = rest.substr(separator + fuzz::kArgumentsSeparator.size());
  }
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < parts.size(); i += 2) {
    files.push_back(work_dir() / ("shard" + std::to_string(i / 2) + ".csv"));
    write(files.back(), parts[i]);
    const fs::path meta = files.back().string() + ".meta.json";
    fs::remove(meta);
    if (i + 1 < parts.size() && parts[i + 1] != "" && parts[i + 1] != "\n")
      write(meta, stamped(parts[i + 1]));
  }
  const fs::path out = work_dir() / "merged.csv";
  fs::remove(out);
  if (merge(files, out, false))
    check_merged(out, false);
  else if (merge(files, out, true))
    check_merged(out, true);
  return 0;
}
