// The inputs of `byzsim merge` as their sidecars describe them: which run each file belongs to
// and which shards it holds. Checked before any row is read, so that files of other runs,
// edited sidecars and missing or repeated shards are refused with the file named.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace byzsim::cli {

// One input file and what its sidecar says of it.
struct MergeInput {
  std::string path;
  std::string sidecar_path;
  std::vector<int> shards;              // the shards it holds (1-based, ascending)
  nlohmann::ordered_json command_line;  // the command that wrote it
};

// What the inputs' sidecars say together.
struct MergePlan {
  nlohmann::ordered_json sidecar;  // the first input's: the rows are checked against it
  std::string method;              // "sim" or "exact"
  std::string version;             // byzsim_version
  int shard_count = 1;
  std::vector<MergeInput> inputs;   // in the order given
  std::vector<int> missing_shards;  // shards no input holds that hold points, ascending
};

// Reads every input's sidecar and checks that each is there, is one this byzsim can check
// (it records scenario_hash, method and shards), is unedited (its hash matches its scenarios),
// describes the same scenarios, seed, trials, version, method and shard count as the first,
// and that no two inputs hold the same shard. Missing shards are listed, not refused (merge
// decides, with --partial). Throws UsageError naming the file, the fault and what is accepted.
MergePlan read_merge_inputs(const std::vector<std::string>& paths);

// "1, 4, 7": numbers (shards, points) for messages; after the first ten, "..., (N in all)".
std::string join_numbers(const std::vector<int>& numbers);

}  // namespace byzsim::cli
