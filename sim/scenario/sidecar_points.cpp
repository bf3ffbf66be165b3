// Sidecar entry -> points: the document patched with each point's axis values and converted by
// the loader's converters, so a row's expected identity comes from the code that made it.
#include "sim/scenario/sidecar_points.hpp"

#include <algorithm>

#include "sim/agents/strategy.hpp"
#include "sim/json/json_pointer.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim {

namespace {

// The sections converted again when axes point into `sections` (the loader's rule: protocol and
// network need n, so they follow the agents); empty when an axis replaces the whole document.
std::vector<std::string> swept_sections(const std::vector<std::vector<std::string>>& tokens) {
  std::vector<std::string> sections;
  for (const auto& axis : tokens) {
    if (axis.empty()) return {};
    if (std::find(sections.begin(), sections.end(), axis.front()) == sections.end())
      sections.push_back(axis.front());
  }
  if (std::find(sections.begin(), sections.end(), "agents") != sections.end())
    for (const char* dependent : {"protocol", "network"})
      if (std::find(sections.begin(), sections.end(), dependent) == sections.end())
        sections.push_back(dependent);
  return sections;
}

std::string describe(const convert::Problems& problems) {
  const convert::Problem& first = problems.front();
  return (first.pointer.empty() ? "" : "at " + first.pointer + ": ") + first.message;
}

}  // namespace

std::string SidecarScenario::open(const nlohmann::ordered_json& entry) {
  entry_ = &entry;
  if (!entry.is_object() || !entry.contains("document") || !entry["document"].is_object() ||
      !entry.contains("axes") || !entry["axes"].is_array() || !entry.contains("points") ||
      !entry["points"].is_array() || !entry.contains("name") || !entry["name"].is_string())
    return "a scenario entry needs name, document (an object), axes and points (arrays)";
  if (entry.contains("file") && entry["file"].is_string()) loaded_.file = entry["file"];
  for (const auto& axis : entry["axes"]) {
    if (!axis.is_object() || !axis.contains("pointer") || !axis["pointer"].is_string())
      return "an axis needs a pointer";
    const PointerParse parsed = parse_pointer(axis["pointer"].get<std::string>());
    if (!parsed.ok()) return "axis '" + axis["pointer"].get<std::string>() + "': " + parsed.error;
    tokens_.push_back(parsed.tokens);
    const auto& name = axis.contains("name") ? axis["name"] : nlohmann::ordered_json();
    loaded_.axes.push_back(
        SweepAxis{axis["pointer"], name.is_string() ? name.get<std::string>() : "", {}, ""});
  }
  point_count_ = entry["points"].size();
  if (point_count_ == 0) return "the scenario lists no points";
  if (const std::string error = convert(0, nullptr, base_); !error.empty())
    return "point 0: " + error;
  sections_ = swept_sections(tokens_);
  return "";
}

std::string SidecarScenario::convert(std::size_t index, const Scenario* base, Scenario& out) const {
  const auto& document = (*entry_)["document"];
  const auto& values = (*entry_)["points"][index];
  if (!values.is_array() || values.size() != tokens_.size())
    return "its axis values are not one per axis";
  Json patched = Json::object();
  if (base == nullptr)
    patched = document;
  else
    for (const std::string& key : sections_)
      if (const auto it = document.find(key); it != document.end()) patched[key] = *it;
  for (std::size_t a = 0; a < tokens_.size(); ++a)
    if (const std::string error = assign(patched, tokens_[a], values[a]); !error.empty())
      return "axis " + loaded_.axes[a].pointer + ": " + error;
  const convert::Context context{(*entry_)["name"].get_ref<const std::string&>(),
                                 ProtocolRegistry::builtin(), StrategyTable::builtin()};
  convert::Problems problems;
  out = base == nullptr ? convert::convert_scenario(patched, context, problems)
                        : convert::convert_sections(patched, *base, sections_, context, problems);
  return problems.empty() ? "" : "it does not load (" + describe(problems) + ")";
}

std::string SidecarScenario::point(std::size_t index, ScenarioPoint& out) const {
  out.index = static_cast<int>(index);
  const auto& values = (*entry_)["points"][index];
  out.axis_values.clear();
  if (values.is_array())
    for (const auto& value : values) out.axis_values.emplace_back(value);
  if (index == 0) {
    out.scenario = base_;
    return "";
  }
  return convert(index, sections_.empty() ? nullptr : &base_, out.scenario);
}

}  // namespace byzsim
