// Sidecar checks of merge: everything that can be refused from the sidecars alone. Only the
// first sidecar is kept (the rows are checked against it); the others are compared with it by
// their scenario_hash and dropped, so shards of a 100,000-point sweep cost one sidecar.
#include "sim/cli/merge_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/run_meta.hpp"
#include "sim/cli/shard.hpp"
#include "sim/scenario/scenario_meta.hpp"

namespace byzsim::cli {

namespace {

using Json = nlohmann::ordered_json;

// A JSON value for a message, cut short: an edited sidecar may hold anything.
std::string brief(const Json& value) {
  std::string text = value.dump();
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

Json require_sidecar(const std::string& path, const std::string& meta_path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw UsageError{path +
                     ": error: is a directory; accepted: a CSV file written by "
                     "'byzsim run' (or a shard's -o file)"};
  if (!std::filesystem::exists(path, ec))
    throw UsageError{path + ": error: cannot read the file (does it exist, may you read it?)"};
  auto sidecar = read_sidecar(meta_path);
  if (!sidecar)
    throw UsageError{path + ": error: no sidecar " + meta_path +
                     " beside it; merge checks every input against the sidecar byzsim run "
                     "writes beside -o (deleted, or the rows went to stdout?); accepted: each "
                     "shard's -o file with its .meta.json"};
  return std::move(*sidecar);
}

// A sidecar written before merge checked its inputs lacks the keys it checks with: it could
// belong to any run, so it is refused rather than trusted.
void require_keys(const std::string& meta_path, const Json& sidecar) {
  for (const char* key : {"byzsim_version", "method", "shards", "scenario_hash", "scenarios"})
    if (!sidecar.contains(key))
      throw UsageError{meta_path + ": error: no '" + key +
                       "': written by a byzsim older than merge's checks, or edited; rerun that "
                       "shard with this byzsim (the same command line) to write a sidecar merge "
                       "can check"};
  const auto bad = [&](const std::string& what, const std::string& accepted) {
    throw UsageError{meta_path + ": error: " + what + "; accepted: " + accepted};
  };
  if (sidecar.contains("format") && sidecar["format"] != "csv")
    bad("the rows are not CSV (format " + brief(sidecar["format"]) + ")",
        "the sidecars of the CSV outputs of run and exact");
  if (!sidecar["method"].is_string() ||
      (sidecar["method"] != "sim" && sidecar["method"] != "exact"))
    bad("'method' is " + brief(sidecar["method"]), "\"sim\" or \"exact\", as byzsim writes it");
  if (!sidecar["byzsim_version"].is_string() || !sidecar["scenarios"].is_array() ||
      sidecar["scenarios"].empty())
    bad("'byzsim_version' or 'scenarios' is malformed",
        "a version string and scenario entries, as byzsim writes them");
  if (!sidecar["scenario_hash"].is_string() || sidecar["scenario_hash"] != scenario_hash(sidecar))
    bad("'scenario_hash' is " + brief(sidecar["scenario_hash"]) + ", its scenarios hash to \"" +
            scenario_hash(sidecar) + "\": the sidecar was edited",
        "the sidecar as the run wrote it");
}

// "shards": {"count": N, "present": [K, ...]}: N from 1 to kMaxShards, the K distinct in 1..N.
std::vector<int> read_shards(const std::string& meta_path, const Json& shards, int& count) {
  const auto bad = [&] {
    throw UsageError{meta_path + ": error: 'shards' is " + brief(shards) +
                     "; accepted: {\"count\": N, \"present\": [K, ...]} with distinct K from 1 "
                     "to N (a sidecar as byzsim writes it)"};
  };
  if (!shards.is_object() || !shards.contains("count") || !shards.contains("present") ||
      !shards["count"].is_number_integer() || !shards["present"].is_array() ||
      shards["present"].empty())
    bad();
  const auto n = shards["count"].get<std::int64_t>();
  if (n < 1 || n > kMaxShards) bad();
  std::vector<int> present;
  for (const auto& k : shards["present"]) {
    if (!k.is_number_integer() || k.get<std::int64_t>() < 1 || k.get<std::int64_t>() > n) bad();
    present.push_back(static_cast<int>(k.get<std::int64_t>()));
  }
  std::sort(present.begin(), present.end());
  if (std::adjacent_find(present.begin(), present.end()) != present.end()) bad();
  count = static_cast<int>(n);
  return present;
}

// What differs between two sidecars of other runs, with both values: "at
// /scenarios/0/document/seed: 9 here, 42 in FIRST".
std::string difference(const Json& first, const Json& other, const std::string& first_path) {
  const Json a = sidecar_settings(first), b = sidecar_settings(other);
  const auto patch = Json::diff(a, b);
  if (patch.empty()) return "their scenarios differ";
  const std::string where = patch.front().value("path", "");
  const Json::json_pointer pointer(where);
  const auto value = [&](const Json& j) {
    return j.contains(pointer) ? brief(j[pointer]) : std::string("none");
  };
  return "at " + where + ": " + value(b) + " here, " + value(a) + " in " + first_path;
}

// Compares one input's sidecar with the first's: the same scenarios (hash), version, method
// and shard count.
void check_same_run(const MergePlan& plan, const std::string& first_meta, const Json& sidecar,
                    const std::string& meta_path, int shard_count) {
  const auto refuse = [&](const std::string& what) {
    throw UsageError{meta_path + ": error: describes other settings than " + first_meta + " (" +
                     what +
                     "); merge only shards of one run (same scenarios, --set, --trials, --seed, "
                     "--shard count, command and byzsim version)"};
  };
  if (sidecar["byzsim_version"] != plan.version)
    refuse("byzsim version " + sidecar["byzsim_version"].dump() + ", not \"" + plan.version + "\"");
  if (sidecar["method"] != plan.method)
    refuse("method " + sidecar["method"].dump() + ", not \"" + plan.method + "\"");
  if (sidecar["scenario_hash"] != plan.sidecar["scenario_hash"])
    refuse(difference(plan.sidecar, sidecar, first_meta));
  if (shard_count != plan.shard_count)
    refuse("--shard K/" + std::to_string(shard_count) + ", not K/" +
           std::to_string(plan.shard_count));
}

}  // namespace

MergePlan read_merge_inputs(const std::vector<std::string>& paths) {
  MergePlan plan;
  std::map<int, std::string> holder;  // shard -> the input holding it
  for (const std::string& path : paths) {
    MergeInput input{path, sidecar_path(path), {}, {}};
    Json sidecar = require_sidecar(path, input.sidecar_path);
    require_keys(input.sidecar_path, sidecar);
    int count = 1;
    input.shards = read_shards(input.sidecar_path, sidecar["shards"], count);
    input.command_line = sidecar.value("command_line", Json());
    if (plan.inputs.empty()) {
      plan.method = sidecar["method"].get<std::string>();
      plan.version = sidecar["byzsim_version"].get<std::string>();
      plan.shard_count = count;
      plan.sidecar = std::move(sidecar);
    } else {
      check_same_run(plan, plan.inputs.front().sidecar_path, sidecar, input.sidecar_path, count);
      // Sidecars of an older byzsim have no "columns"; the merged one keeps any input's.
      if (!plan.sidecar.contains("columns") && sidecar.contains("columns"))
        plan.sidecar = with_columns(std::move(plan.sidecar), sidecar["columns"]);
    }
    for (const int k : input.shards)
      if (const auto [it, added] = holder.emplace(k, path); !added)
        throw UsageError{path + ": error: shard " + std::to_string(k) + " of " +
                         std::to_string(plan.shard_count) + " is also in " + it->second +
                         " (their sidecars say so); merge takes each shard once: give one "
                         "file per shard"};
    plan.inputs.push_back(std::move(input));
  }
  // A shard missing matters when it holds points: shard k holds point k-1 of a scenario with
  // at least k points (with more shards than points, some hold none and may be left out).
  std::size_t most_points = 0;
  for (const auto& entry : plan.sidecar["scenarios"])
    if (entry.is_object() && entry.contains("points") && entry["points"].is_array())
      most_points = std::max(most_points, entry["points"].size());
  for (int k = 1; k <= plan.shard_count && static_cast<std::size_t>(k) <= most_points; ++k)
    if (!holder.count(k)) plan.missing_shards.push_back(k);
  return plan;
}

std::string join_numbers(const std::vector<int>& numbers) {
  constexpr std::size_t kShown = 10;  // a message names the first ones and counts the rest
  std::string text;
  for (std::size_t i = 0; i < numbers.size() && i < kShown; ++i)
    text += (i == 0 ? "" : ", ") + std::to_string(numbers[i]);
  if (numbers.size() > kShown) text += ", ... (" + std::to_string(numbers.size()) + " in all)";
  return text;
}

}  // namespace byzsim::cli
