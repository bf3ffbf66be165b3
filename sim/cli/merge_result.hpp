// What merge says of its output: why an incomplete merge is refused (or, with --partial, what
// the output lacks) and the merged sidecar, which records a partial merge.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/merge_inputs.hpp"

namespace byzsim::cli {

// The points of one scenario (an entry of the sidecar's "scenarios") without a row.
struct MissingPoints {
  std::size_t scenario;
  std::string name;
  std::vector<int> points;
};

// The refusal of an incomplete merge: the missing shards, each scenario's missing points, the
// shard files that lack points (an interrupted run), and what would be accepted.
std::string incomplete_message(const MergePlan& plan, const std::vector<MissingPoints>& missing,
                               std::size_t point_total);
// The note --partial prints on stderr; `sidecar`: whether a merged sidecar is written (-o).
std::string partial_note(const MergePlan& plan, const std::vector<MissingPoints>& missing,
                         std::size_t point_total, bool sidecar);

// The first input's sidecar with merge's command line (`argv` from "merge" on), the shards the
// output holds, where its rows came from and, when points are missing, "partial": true with
// "missing_shards" and "missing_points".
nlohmann::ordered_json merged_sidecar(const MergePlan& plan,
                                      const std::vector<MissingPoints>& missing, int argc,
                                      char** argv);

}  // namespace byzsim::cli
