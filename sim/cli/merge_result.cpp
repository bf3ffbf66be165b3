// Messages and the merged sidecar of merge: a partial result is never passed off as a whole
// one, on stderr or in the file that travels with it.
#include "sim/cli/merge_result.hpp"

#include <algorithm>

namespace byzsim::cli {

namespace {

using Json = nlohmann::ordered_json;

std::size_t count_missing(const std::vector<MissingPoints>& missing) {
  std::size_t total = 0;
  for (const MissingPoints& m : missing) total += m.points.size();
  return total;
}

// The inputs holding a missing point: their run stopped before the end.
std::vector<std::string> short_files(const MergePlan& plan,
                                     const std::vector<MissingPoints>& missing) {
  std::vector<std::string> files;
  for (const MissingPoints& m : missing)
    for (const int p : m.points) {
      const int shard = p % plan.shard_count + 1;
      for (const MergeInput& input : plan.inputs)
        if (std::binary_search(input.shards.begin(), input.shards.end(), shard) &&
            std::find(files.begin(), files.end(), input.path) == files.end())
          files.push_back(input.path);
    }
  return files;
}

std::string what_is_missing(const MergePlan& plan, const std::vector<MissingPoints>& missing,
                            std::size_t point_total) {
  const std::size_t count = count_missing(missing);
  std::string text = std::to_string(count) + " of " + std::to_string(point_total) +
                     (count == 1 ? " points has no row" : " points have no row");
  if (!plan.missing_shards.empty())
    text += "; shard" + std::string(plan.missing_shards.size() > 1 ? "s " : " ") +
            join_numbers(plan.missing_shards) + " of " + std::to_string(plan.shard_count) +
            (plan.missing_shards.size() > 1 ? " are" : " is") +
            " missing (no input's sidecar holds " +
            (plan.missing_shards.size() > 1 ? "them)" : "it)");
  for (const MissingPoints& m : missing)
    text += "; scenario '" + m.name + "' lacks point" + (m.points.size() > 1 ? "s " : " ") +
            join_numbers(m.points);
  for (const std::string& file : short_files(plan, missing))
    text += "; " + file + " lacks points of its shard (was its run interrupted?)";
  return text;
}

}  // namespace

std::string incomplete_message(const MergePlan& plan, const std::vector<MissingPoints>& missing,
                               std::size_t point_total) {
  return "byzsim merge: error: the inputs are incomplete: " +
         what_is_missing(plan, missing, point_total) +
         "; accepted: every shard's file (run --shard K/" + std::to_string(plan.shard_count) +
         " for each missing K; an interrupted run continues with --resume), or --partial to "
         "merge what is there";
}

std::string partial_note(const MergePlan& plan, const std::vector<MissingPoints>& missing,
                         std::size_t point_total, bool sidecar) {
  return "byzsim merge: --partial: the output is incomplete: " +
         what_is_missing(plan, missing, point_total) +
         (sidecar ? "; its sidecar says so (\"partial\": true)\n" : "\n");
}

Json merged_sidecar(const MergePlan& plan, const std::vector<MissingPoints>& missing, int argc,
                    char** argv) {
  std::vector<std::string> command_line = {"byzsim"};
  for (int i = 0; i < argc; ++i) command_line.emplace_back(argv[i]);
  std::vector<int> present;
  for (int k = 1; k <= plan.shard_count; ++k)
    if (!std::binary_search(plan.missing_shards.begin(), plan.missing_shards.end(), k))
      present.push_back(k);
  Json out = Json::object();
  for (auto it = plan.sidecar.begin(); it != plan.sidecar.end(); ++it) {
    const std::string& key = it.key();
    if (key == "partial" || key == "missing_shards" || key == "missing_points" ||
        key == "merged_from")
      continue;  // an input's own record; this output's is written below
    out[key] = key == "command_line" ? Json(command_line) : it.value();
    if (key != "shards") continue;
    out[key] = {{"count", plan.shard_count}, {"present", present}};
    if (missing.empty()) continue;
    out["partial"] = true;
    out["missing_shards"] = plan.missing_shards;
    out["missing_points"] = Json::array();
    for (const MissingPoints& m : missing)
      out["missing_points"].push_back({{"scenario", m.name}, {"points", m.points}});
  }
  Json from = Json::array();
  for (const MergeInput& input : plan.inputs)
    from.push_back({{"file", input.path}, {"command_line", input.command_line}});
  out["merged_from"] = std::move(from);
  return out;
}

}  // namespace byzsim::cli
