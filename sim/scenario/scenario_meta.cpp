// Sidecar content: built from the loaded scenarios, so it records exactly what the rows used.
#include "sim/scenario/scenario_meta.hpp"

#include <algorithm>
#include <functional>

#include "sim/json/canonical_hash.hpp"
#include "sim/json/json_pointer.hpp"

namespace byzsim {

namespace {

// Each point's axis values, as the sidecar lists them, one at a time.
void for_each_point(const LoadedScenario& loaded, const StreamedList::Visit& visit) {
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

// Placeholders are strings no scenario holds by chance (control characters); run_meta checks
// that each occurs once in the text before replacing it.
std::string placeholder(std::size_t scenario, const std::string& list) {
  // \001 in octal: a hex escape would swallow the 'b' after it. Appended, not +: GCC 12
  // warns (-Wrestrict).
  std::string text = "\001byzsim-";
  text += std::to_string(scenario);
  text += '-';
  text += list;
  text += '\x01';
  return text;
}

// The sidecar's entry for `loaded`; with `streamed`, a lazy sweep's lists are placeholders
// added there.
nlohmann::ordered_json scenario_entry(const RunSettings& run, const LoadedScenario& loaded,
                                      std::size_t index, std::vector<StreamedList>* streamed) {
  nlohmann::ordered_json document = loaded.document;
  const std::string name = loaded.points.empty() ? "" : loaded.points.front().scenario.name;
  if (document.is_object() && !document.contains("name")) document["name"] = name;
  if (run.trials) document["trials"] = *run.trials;
  if (run.seed) document["seed"] = *run.seed;
  const auto list =
      [&](const std::string& what,
          std::function<void(const StreamedList::Visit&)> for_each) -> nlohmann::ordered_json {
    if (streamed == nullptr) {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for_each([&](const nlohmann::ordered_json& element) { all.push_back(element); });
      return all;
    }
    streamed->push_back({placeholder(index, what), std::move(for_each)});
    return streamed->back().placeholder;
  };
  nlohmann::ordered_json axes = nlohmann::ordered_json::array();
  for (std::size_t a = 0; a < loaded.axes.size(); ++a) {
    const SweepAxis& axis = loaded.axes[a];
    nlohmann::ordered_json values = axis.values;
    if (loaded.lazy)
      values = list("values-" + std::to_string(a), [&loaded, a](const StreamedList::Visit& visit) {
        loaded.lazy->for_each_axis_value(
            a, [&](const nlohmann::json& value) { visit(nlohmann::ordered_json(value)); });
      });
    axes.push_back({{"pointer", axis.pointer},
                    {"name", axis.name.empty() ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(axis.name)},
                    {"values", std::move(values)}});
  }
  nlohmann::ordered_json points = list(
      "points", [&loaded](const StreamedList::Visit& visit) { for_each_point(loaded, visit); });
  return {{"file", loaded.file},
          {"name", name},
          {"document", std::move(document)},
          {"axes", std::move(axes)},
          {"points", std::move(points)}};
}

// Feeds a streamed list's elements where `value` is its placeholder (hash_canonical's
// substitute): the canonical text of the list, one element at a time.
bool hash_streamed_list(const nlohmann::ordered_json& value, const std::vector<StreamedList>& lists,
                        Fnv1a64& hash) {
  if (!value.is_string()) return false;
  for (const StreamedList& list : lists) {
    if (value.get_ref<const std::string&>() != list.placeholder) continue;
    hash.add("[");
    bool first = true;
    list.for_each([&](const nlohmann::ordered_json& element) {
      if (!first) hash.add(",");
      first = false;
      hash_canonical(element, hash);
    });
    hash.add("]");
    return true;
  }
  return false;
}

}  // namespace

void write_list(std::ostream& out, const StreamedList& list, std::size_t indent) {
  const std::string inner(indent + 2, ' ');
  out << "[";
  bool first = true;
  list.for_each([&](const nlohmann::ordered_json& element) {
    out << (first ? "\n" : ",\n") << inner;
    first = false;
    const std::string text = element.dump(2);
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
                                    std::vector<StreamedList>* streamed) {
  nlohmann::ordered_json out;
  out["byzsim_version"] = BYZSIM_VERSION;
  out["command_line"] = run.command_line;
  out["format"] = run.format;
  out["method"] = run.method;
  out["shards"] = {{"count", run.shard_count}, {"present", {run.shard_index}}};
  out["scenario_hash"] = "";  // placed here, computed below from the scenarios
  out["scenarios"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    out["scenarios"].push_back(scenario_entry(run, *scenarios[i], i, streamed));
  if (streamed == nullptr || streamed->empty()) {
    out["scenario_hash"] = scenario_hash(out);
    return out;
  }
  Fnv1a64 hash;
  hash.add("[");
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (i) hash.add(",");
    // The path of the scenario file differs between machines, not what the rows measured.
    hash_canonical(out["scenarios"][i], hash, {"file"}, [&](const Json& value, Fnv1a64& h) {
      return hash_streamed_list(value, *streamed, h);
    });
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
