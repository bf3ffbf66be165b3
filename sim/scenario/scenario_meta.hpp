// The output sidecar's content (<output>.meta.json, docs/output.md): what a run's rows measured,
// and rebuilding a row's full scenario from it. Pure JSON functions; cli/run_meta does the files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/loader.hpp"

namespace byzsim {

// What a run was given besides the scenario files.
struct RunSettings {
  std::vector<std::string> command_line;  // argv, "byzsim" first
  std::string format;                     // "csv" or "json"
  std::optional<std::uint64_t> trials;    // --trials
  std::optional<std::uint64_t> seed;      // --seed
  std::string method = "sim";             // the rows' method: "sim" (run) or "exact"
  int shard_index = 1, shard_count = 1;   // --shard K/N (1/1: every point)
};

// The sidecar of an output file holding the rows of `scenarios`:
// {"byzsim_version", "command_line", "format", "method", "shards": {"count": N, "present":
// [K]}, "scenario_hash", "scenarios": [{"file", "name", "document", "axes": [{"pointer",
// "name", "values"}], "points": [[axis values of point 0], ...]}]}.
// "document" is the scenario after --set without "sweep", with --trials/--seed written in and
// the name made explicit, so that it alone (plus a point's axis values) is the row's scenario.
// A list a streamed sidecar leaves out: in the JSON it is the string `placeholder`, and its
// elements come one at a time from `for_each` (a lazily loaded sweep's points and axis values).
struct StreamedList {
  using Visit = std::function<void(const nlohmann::ordered_json&)>;
  std::string placeholder;
  std::function<void(const Visit&)> for_each;
};

// With `streamed`, the lists of lazily loaded scenarios (LoadedScenario::lazy) are left out and
// described there, for write_list to write where the dumped text has their placeholders: a
// 10^6-point sweep's lists are then never held. "scenario_hash" is always that of the whole.
nlohmann::ordered_json sidecar_json(const RunSettings& run,
                                    const std::vector<const LoadedScenario*>& scenarios,
                                    std::vector<StreamedList>* streamed = nullptr);
// A streamed list as dump(2) writes an array whose key's line starts `indent` spaces in.
void write_list(std::ostream& out, const StreamedList& list, std::size_t indent);

// The part of a sidecar that decides the rows' bytes (all but command_line, format and the
// files' paths): equal settings make equal rows. For --resume and merge.
nlohmann::ordered_json sidecar_settings(const nlohmann::ordered_json& sidecar);

// The hash of what decides the rows' content, "fnv1a64:" and 16 hex digits: the canonical JSON
// (canonical_hash.hpp) of the "scenarios" array with each entry's "file" left out. Merge
// compares it across shards and with the sidecar's own "scenario_hash" (an edited sidecar).
std::string scenario_hash(const nlohmann::ordered_json& sidecar);

// Point `point`'s full scenario from one entry of a sidecar's "scenarios": the document with
// each axis value assigned at its pointer. Returns "" and sets `document`, or what is wrong.
std::string rebuild_point_document(const nlohmann::ordered_json& scenario_entry, int point,
                                   nlohmann::ordered_json& document);

}  // namespace byzsim
