#include "sim/search/schedule_json.hpp"

#include <vector>

namespace byzsim::search {

namespace {

// "[a,b,...]" with each element written by `write`.
template <class T, class Write>
std::string json_array(const std::vector<T>& items, Write write) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += write(items[i]);
  }
  return out + "]";
}

std::string int_list(const std::vector<int>& values) {
  return json_array(values, [](int v) { return std::to_string(v); });
}

std::string view_json(const ScheduleView& view) {
  std::string out = "{";
  if (view.leader >= 0) out += "\"leader\":" + std::to_string(view.leader);
  if (!view.groups.empty()) {
    if (view.leader >= 0) out += ',';
    out += "\"groups\":" + json_array(view.groups, int_list);
  }
  return out + "}";
}

std::string mutation_json(const ScheduleMutation& m) {
  // Phase names are the protocols' own identifiers (letters and '-'): nothing to escape.
  return "{\"round\":" + std::to_string(m.round) + ",\"from\":" + std::to_string(m.from) +
         ",\"to\":" + std::to_string(m.to) + ",\"phase\":\"" + m.phase + "\"}";
}

// A duration the loader reads back exactly: whole milliseconds, microseconds or nanoseconds.
std::string duration_json(SimTime ns) {
  // Appended piecewise: GCC 12 warns falsely (-Wrestrict) about "\"" + std::string.
  const char* unit = "ns";
  if (ns % kMillisecond == 0) {
    ns /= kMillisecond;
    unit = "ms";
  } else if (ns % kMicrosecond == 0) {
    ns /= kMicrosecond;
    unit = "us";
  }
  std::string out(1, '"');
  out += std::to_string(ns);
  out += unit;
  out += '"';
  return out;
}

}  // namespace

std::string schedule_json(const Schedule& schedule) {
  std::vector<std::string> parts;
  if (!schedule.twins.empty()) parts.push_back("\"twins\":" + int_list(schedule.twins));
  if (!schedule.views.empty())
    parts.push_back("\"views\":" + json_array(schedule.views, view_json));
  if (!schedule.mutations.empty())
    parts.push_back("\"mutations\":" + json_array(schedule.mutations, mutation_json));
  if (schedule.cut_delay > 0) parts.push_back("\"cut_delay\":" + duration_json(schedule.cut_delay));
  std::string out = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ',';
    out += parts[i];
  }
  return out + "}";
}

}  // namespace byzsim::search
