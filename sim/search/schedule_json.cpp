#include "sim/search/schedule_json.hpp"

#include <algorithm>
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

std::string quoted(const std::string& text) {
  // Phase names are the protocols' own identifiers (letters and '-'): nothing to escape.
  return "\"" + text + "\"";
}

// One value, or the array of several.
template <class T, class Write>
std::string one_or_many(const std::vector<T>& items, Write write) {
  return items.size() == 1 ? write(items.front()) : json_array(items, write);
}

// The mutations of one sender in one round: to every listed agent, of every listed phase.
struct MutationGroup {
  int round = 0;
  int from = 0;
  std::vector<int> to;
  std::vector<std::string> phases;
};

std::string group_json(const MutationGroup& g) {
  return "{\"round\":" + std::to_string(g.round) + ",\"from\":" + std::to_string(g.from) +
         ",\"to\":" + one_or_many(g.to, [](int v) { return std::to_string(v); }) +
         ",\"phase\":" + one_or_many(g.phases, quoted) + "}";
}

// The loader's compact form where it fits: a run of consecutive mutations of one (round,
// sender) that is every pair of a list of recipients and a list of phases, recipient-major (a
// random process fault), prints as one entry with lists, which the loader expands back into
// the same run; any other mutation prints on its own.
std::vector<MutationGroup> group_mutations(const std::vector<ScheduleMutation>& mutations) {
  std::vector<MutationGroup> out;
  std::size_t i = 0;
  while (i < mutations.size()) {
    const ScheduleMutation& first = mutations[i];
    std::size_t end = i;
    MutationGroup g{first.round, first.from, {}, {}};
    while (end < mutations.size() && mutations[end].round == g.round &&
           mutations[end].from == g.from) {
      const ScheduleMutation& m = mutations[end++];
      if (std::find(g.to.begin(), g.to.end(), m.to) == g.to.end()) g.to.push_back(m.to);
      if (std::find(g.phases.begin(), g.phases.end(), m.phase) == g.phases.end())
        g.phases.push_back(m.phase);
    }
    bool product = end - i == g.to.size() * g.phases.size();
    for (std::size_t k = 0; product && k < end - i; ++k)
      product = mutations[i + k].to == g.to[k / g.phases.size()] &&
                mutations[i + k].phase == g.phases[k % g.phases.size()];
    if (product) {
      out.push_back(std::move(g));
    } else {
      for (std::size_t k = i; k < end; ++k)
        out.push_back(
            {mutations[k].round, mutations[k].from, {mutations[k].to}, {mutations[k].phase}});
    }
    i = end;
  }
  return out;
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
    parts.push_back("\"mutations\":" + json_array(group_mutations(schedule.mutations), group_json));
  if (schedule.cut_delay > 0) parts.push_back("\"cut_delay\":" + duration_json(schedule.cut_delay));
  std::string out = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ',';
    out += parts[i];
  }
  return out + "}";
}

}  // namespace byzsim::search
