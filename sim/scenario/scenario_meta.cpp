// Sidecar content: built from the loaded scenarios, so it records exactly what the rows used.
#include "sim/scenario/scenario_meta.hpp"

#include <algorithm>
#include <functional>

#include "sim/json/canonical_hash.hpp"
#include "sim/json/json_pointer.hpp"

namespace byzsim {

namespace {

// Each point's axis values, as the sidecar lists them, one at a time.
void for_each_point(const LoadedScenario& loaded,
                    const std::function<void(const nlohmann::ordered_json&)>& visit) {
  if (!loaded.lazy) {
    for (const ScenarioPoint& point : loaded.points)
      visit(nlohmann::ordered_json(point.axis_values));
    return;
  }
  std::vector<nlohmann::json> values;
  for (std::size_t p = 0; p < loaded.lazy->size(); ++p) {
    loaded.lazy->axis_values(p, values);
    visit(nlohmann::ordered_json(values));
  }
}

nlohmann::ordered_json scenario_entry(const RunSettings& run, const LoadedScenario& loaded,
                                      const std::string& placeholder) {
  nlohmann::ordered_json document = loaded.document;
  const std::string name = loaded.points.empty() ? "" : loaded.points.front().scenario.name;
  if (document.is_object() && !document.contains("name")) document["name"] = name;
  if (run.trials) document["trials"] = *run.trials;
  if (run.seed) document["seed"] = *run.seed;
  nlohmann::ordered_json axes = nlohmann::ordered_json::array();
  for (std::size_t a = 0; a < loaded.axes.size(); ++a) {
    const SweepAxis& axis = loaded.axes[a];
    axes.push_back({{"pointer", axis.pointer},
                    {"name", axis.name.empty() ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(axis.name)},
                    {"values", loaded.lazy ? loaded.lazy->axis_value_list(a) : axis.values}});
  }
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  if (placeholder.empty())
    for_each_point(loaded, [&](const nlohmann::ordered_json& values) { points.push_back(values); });
  else
    points = placeholder;
  return {{"file", loaded.file},
          {"name", name},
          {"document", std::move(document)},
          {"axes", std::move(axes)},
          {"points", std::move(points)}};
}

// hash_canonical of an entry whose "points" is a placeholder, as if it held the list: the
// canonical text has its keys in byte order, "points" written point by point.
void hash_streamed_entry(const nlohmann::ordered_json& entry, const LoadedScenario& loaded,
                         Fnv1a64& hash) {
  std::vector<std::string> keys;
  for (auto it = entry.begin(); it != entry.end(); ++it)
    if (it.key() != "file") keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  hash.add("{");
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k) hash.add(",");
    hash_canonical(nlohmann::ordered_json(keys[k]), hash);
    hash.add(":");
    if (keys[k] != "points") {
      hash_canonical(entry[keys[k]], hash);
      continue;
    }
    hash.add("[");
    bool first = true;
    for_each_point(loaded, [&](const nlohmann::ordered_json& values) {
      if (!first) hash.add(",");
      first = false;
      hash_canonical(values, hash);
    });
    hash.add("]");
  }
  hash.add("}");
}

}  // namespace

std::string lazy_points_placeholder(std::size_t scenario) {
  std::string text = "\x01byzsim-points-";  // appended, not +: GCC 12 warns (-Wrestrict)
  text += std::to_string(scenario);
  text += '\x01';
  return text;
}

void write_points(std::ostream& out, const LoadedScenario& loaded, std::size_t indent) {
  const std::string inner(indent + 2, ' ');
  out << "[";
  bool first = true;
  for_each_point(loaded, [&](const nlohmann::ordered_json& values) {
    out << (first ? "\n" : ",\n") << inner;
    first = false;
    const std::string text = values.dump(2);
    for (const char c : text) {
      out << c;
      if (c == '\n') out << inner;
    }
  });
  if (!first) out << '\n' << std::string(indent, ' ');
  out << ']';
}

nlohmann::ordered_json sidecar_json(const RunSettings& run,
                                    const std::vector<const LoadedScenario*>& scenarios,
                                    bool stream_points) {
  nlohmann::ordered_json out;
  out["byzsim_version"] = BYZSIM_VERSION;
  out["command_line"] = run.command_line;
  out["format"] = run.format;
  out["method"] = run.method;
  out["shards"] = {{"count", run.shard_count}, {"present", {run.shard_index}}};
  out["scenario_hash"] = "";  // placed here, computed below from the scenarios
  out["scenarios"] = nlohmann::ordered_json::array();
  Fnv1a64 hash;
  hash.add("[");
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const LoadedScenario& loaded = *scenarios[i];
    const bool streamed = stream_points && loaded.lazy;
    out["scenarios"].push_back(
        scenario_entry(run, loaded, streamed ? lazy_points_placeholder(i) : ""));
    if (i) hash.add(",");
    // The path of the scenario file differs between machines, not what the rows measured.
    if (streamed)
      hash_streamed_entry(out["scenarios"].back(), loaded, hash);
    else
      hash_canonical(out["scenarios"].back(), hash, {"file"});
  }
  hash.add("]");
  out["scenario_hash"] = "fnv1a64:" + hash.hex();
  return out;
}

std::string scenario_hash(const nlohmann::ordered_json& sidecar) {
  Fnv1a64 hash;
  hash.add("[");
  if (sidecar.is_object() && sidecar.contains("scenarios") && sidecar["scenarios"].is_array()) {
    bool first = true;
    for (const auto& entry : sidecar["scenarios"]) {
      if (!first) hash.add(",");
      first = false;
      // The path of the scenario file differs between machines, not what the rows measured.
      hash_canonical(entry, hash, {"file"});
    }
  }
  hash.add("]");
  return "fnv1a64:" + hash.hex();
}

nlohmann::ordered_json sidecar_settings(const nlohmann::ordered_json& sidecar) {
  nlohmann::ordered_json settings;
  settings["byzsim_version"] = sidecar.value("byzsim_version", "");
  settings["scenarios"] = nlohmann::ordered_json::array();
  if (sidecar.contains("scenarios") && sidecar["scenarios"].is_array())
    for (const auto& entry : sidecar["scenarios"]) {
      nlohmann::ordered_json kept = entry;
      if (kept.is_object()) kept.erase("file");
      settings["scenarios"].push_back(std::move(kept));
    }
  return settings;
}

std::string rebuild_point_document(const nlohmann::ordered_json& entry, int point,
                                   nlohmann::ordered_json& document) {
  if (!entry.is_object() || !entry.contains("document") || !entry.contains("axes") ||
      !entry.contains("points"))
    return "not a sidecar scenario entry (needs document, axes, points)";
  const auto& points = entry["points"];
  if (point < 0 || static_cast<std::size_t>(point) >= points.size())
    return "no point " + std::to_string(point) + " (the sweep has " +
           std::to_string(points.size()) + ")";
  const auto& axes = entry["axes"];
  const auto& values = points[static_cast<std::size_t>(point)];
  if (!values.is_array() || values.size() != axes.size())
    return "point " + std::to_string(point) + " has not one value per axis";
  document = entry["document"];
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const PointerParse parsed = parse_pointer(axes[a].value("pointer", ""));
    std::string error = parsed.error;
    if (error.empty()) error = assign(document, parsed.tokens, values[a]);
    if (!error.empty()) return "axis " + std::to_string(a) + ": " + error;
  }
  return "";
}

}  // namespace byzsim
