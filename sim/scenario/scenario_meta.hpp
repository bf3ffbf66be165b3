// The output sidecar's content (<output>.meta.json, docs/output.md): what a run's rows measured,
// and rebuilding a row's full scenario from it. Pure JSON functions; cli/run_meta does the files.
#pragma once

#include <cstdint>
#include <optional>
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
};

// The sidecar of an output file holding the rows of `scenarios`:
// {"byzsim_version", "command_line", "format", "scenarios": [{"file", "name", "document",
// "axes": [{"pointer", "name", "values"}], "points": [[axis values of point 0], ...]}]}.
// "document" is the scenario after --set without "sweep", with --trials/--seed written in and
// the name made explicit, so that it alone (plus a point's axis values) is the row's scenario.
nlohmann::ordered_json sidecar_json(const RunSettings& run,
                                    const std::vector<const LoadedScenario*>& scenarios);

// The part of a sidecar that decides the rows' bytes (all but command_line, format and the
// files' paths): equal settings make equal rows. For --resume and merge.
nlohmann::ordered_json sidecar_settings(const nlohmann::ordered_json& sidecar);

// Point `point`'s full scenario from one entry of a sidecar's "scenarios": the document with
// each axis value assigned at its pointer. Returns "" and sets `document`, or what is wrong.
std::string rebuild_point_document(const nlohmann::ordered_json& scenario_entry, int point,
                                   nlohmann::ordered_json& document);

}  // namespace byzsim
