// The "schedule" object: the fixed adversarial schedule `byzsim check --twins` and `--random`
// run (docs/check.md): twins, a leader and a partition per view, and value mutations. Indices
// are checked against n (agents) and n + twins (instances); the protocol must honour it.
#include <algorithm>
#include <array>

#include "sim/json/suggest.hpp"
#include "sim/protocols/common/protocol_spec.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 4> kScheduleKeys{"twins", "views", "mutations", "cut_delay"};
constexpr std::array<std::string_view, 2> kViewKeys{"leader", "groups"};
constexpr std::array<std::string_view, 4> kMutationKeys{"round", "from", "to", "phase"};
constexpr std::string_view kViewsHint =
    "accepted: an array with one {\"leader\": i, \"groups\": [[0, 1, 2], [3, 4]]} per view "
    "(both keys optional)";
constexpr std::string_view kMutationsHint =
    "accepted: an array of {\"round\": r, \"from\": i, \"to\": j, \"phase\": \"prepare\"} "
    "(\"to\" may list agents and \"phase\" phases: every pair is mutated)";

std::string index_hint(const char* what, int count) {
  return std::string("accepted: ") + what + " index from 0 to " + std::to_string(count - 1);
}

std::optional<int> read_index(const Field& f, int count, const char* what, Problems& problems) {
  const std::string hint = index_hint(what, count);
  if (!require(f, problems, hint)) return std::nullopt;
  auto value = read_integer(f, problems, 0, count - 1, hint);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

// The agent groups' roles and strategies, per agent index.
const AgentGroup* group_of(const Scenario& s, int agent) {
  for (const AgentGroup& g : s.agents) {
    if (agent < g.count) return &g;
    agent -= g.count;
  }
  return nullptr;
}

// Twins and mutating senders are Byzantine agents that run the protocol's own code.
void check_byzantine_follower(const Field& f, const Scenario& s, int agent, const char* as,
                              Problems& problems) {
  const AgentGroup* g = group_of(s, agent);
  if (g == nullptr || g->strategy == nullptr) return;
  const std::string hint =
      "accepted: an agent of a malicious or faulty group whose strategy runs the protocol "
      "(e.g. oppose-truth, always-approve, fixed; not withhold, collude or equivocate)";
  if (g->role == Role::honest)
    add_problem(problems, f.pointer,
                "agent " + std::to_string(agent) + " is honest: " + as + " must be Byzantine",
                hint);
  else if (g->strategy->on_message != nullptr || g->strategy->scripted != nullptr ||
           g->strategy->coalition || g->strategy->crashes)
    add_problem(problems, f.pointer,
                "agent " + std::to_string(agent) + " follows '" + std::string(g->strategy->name) +
                    "', which does not run the protocol's code: " + as + " must",
                hint);
}

std::vector<int> read_twins(const Field& f, const Scenario& s, int n, Problems& problems) {
  std::vector<int> twins;
  if (!f.present()) return twins;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of agent indices", "accepted: e.g. [3]");
    return twins;
  }
  for (std::size_t i = 0; i < f.value->size(); ++i) {
    const Field entry = element(*f.value, f.pointer, i, "twins/" + std::to_string(i));
    auto agent = read_index(entry, n, "an agent", problems);
    if (!agent) continue;
    if (std::find(twins.begin(), twins.end(), *agent) != twins.end()) {
      add_problem(problems, entry.pointer, "agent " + std::to_string(*agent) + " is twinned twice",
                  "accepted: each agent at most once (one twin per agent)");
      continue;
    }
    check_byzantine_follower(entry, s, *agent, "a twin", problems);
    twins.push_back(*agent);
  }
  return twins;
}

std::vector<std::vector<int>> read_view_groups(const Field& f, int instances, Problems& problems) {
  constexpr std::string_view kHint =
      "accepted: an array of arrays of instance indices (agent i is instance i, the k-th twin "
      "is instance n + k), each instance in one group at most";
  std::vector<std::vector<int>> groups;
  if (!f.present()) return groups;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of arrays of instance indices", kHint);
    return groups;
  }
  std::vector<char> seen(static_cast<std::size_t>(instances), 0);
  for (std::size_t g = 0; g < f.value->size(); ++g) {
    const Field group = element(*f.value, f.pointer, g, "groups/" + std::to_string(g));
    if (!group.value->is_array()) {
      report_wrong_type(group, problems, "an array of instance indices", kHint);
      continue;
    }
    groups.emplace_back();
    for (std::size_t k = 0; k < group.value->size(); ++k) {
      const Field entry = element(*group.value, group.pointer, k, "instance");
      auto instance = read_index(entry, instances, "an instance", problems);
      if (!instance) continue;
      if (seen[static_cast<std::size_t>(*instance)]) {
        add_problem(problems, entry.pointer,
                    "instance " + std::to_string(*instance) + " is in two groups of this view",
                    std::string(kHint));
        continue;
      }
      seen[static_cast<std::size_t>(*instance)] = 1;
      groups.back().push_back(*instance);
    }
  }
  return groups;
}

// Reads each element of the array `f` as an object holding only `keys` (a Field named
// "NAME/i"); an element that is not an object is reported with `hint`.
template <class Read>
void for_each_object(const Field& f, std::string_view name, std::span<const std::string_view> keys,
                     std::string_view hint, Problems& problems, Read read) {
  for (std::size_t i = 0; i < f.value->size(); ++i) {
    const Field entry =
        element(*f.value, f.pointer, i, std::string(name) + "/" + std::to_string(i));
    if (!read_object(entry, problems, hint)) continue;
    check_keys(*entry.value, entry.pointer, keys, problems);
    read(entry);
  }
}

std::vector<ScheduleView> read_views(const Field& f, int n, int instances, Problems& problems) {
  std::vector<ScheduleView> views;
  if (!f.present()) return views;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of views", kViewsHint);
    return views;
  }
  if (f.value->size() > static_cast<std::size_t>(kMaxRounds)) {
    add_problem(problems, f.pointer,
                std::to_string(f.value->size()) + " views; at most " + std::to_string(kMaxRounds),
                std::string(kViewsHint));
    return views;
  }
  for_each_object(f, "views", kViewKeys, kViewsHint, problems, [&](const Field& entry) {
    ScheduleView view;
    const Field leader = field(*entry.value, entry.pointer, "leader");
    if (leader.present()) view.leader = read_index(leader, n, "an agent", problems).value_or(-1);
    view.groups =
        read_view_groups(field(*entry.value, entry.pointer, "groups"), instances, problems);
    views.push_back(std::move(view));
  });
  return views;
}

// One value or an array of them (non-empty, no repeats): `read` reads one element and returns
// it, or nullopt after reporting its problem.
template <class T, class Read>
std::vector<T> read_one_or_many(const Field& f, const std::string& what, const std::string& hint,
                                Problems& problems, Read read) {
  std::vector<T> out;
  if (!require(f, problems, hint)) return out;
  if (!f.value->is_array()) {
    if (auto one = read(f)) out.push_back(*one);
    return out;
  }
  if (f.value->empty()) {
    add_problem(problems, f.pointer, "an empty list of " + what, hint);
    return out;
  }
  for (std::size_t i = 0; i < f.value->size(); ++i) {
    const Field entry = element(*f.value, f.pointer, i, f.name + "/" + std::to_string(i));
    auto one = read(entry);
    if (!one) continue;
    if (std::find(out.begin(), out.end(), *one) != out.end()) {
      add_problem(problems, entry.pointer, "listed twice", hint);
      continue;
    }
    out.push_back(*one);
  }
  return out;
}

// Each element: a Byzantine sender's messages of one round, to one agent or a list, of one phase
// or a list; every (recipient, phase) pair becomes one ScheduleMutation, recipient-major.
std::vector<ScheduleMutation> read_mutations(const Field& f, const Scenario& s, int n,
                                             const ProtocolSpec& spec, Problems& problems) {
  std::vector<ScheduleMutation> mutations;
  if (!f.present()) return mutations;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of mutations", kMutationsHint);
    return mutations;
  }
  for_each_object(f, "mutations", kMutationKeys, kMutationsHint, problems, [&](const Field& entry) {
    ScheduleMutation m;
    const Field round = field(*entry.value, entry.pointer, "round");
    if (require(round, problems, "accepted: a view (round) from 0 to 999"))
      m.round = static_cast<int>(
          read_integer(round, problems, 0, kMaxRounds - 1, "accepted: a view from 0 to 999")
              .value_or(0));
    const Field from = field(*entry.value, entry.pointer, "from");
    if (auto agent = read_index(from, n, "an agent", problems)) {
      check_byzantine_follower(from, s, *agent, "a mutating sender", problems);
      m.from = *agent;
    }
    const std::vector<int> recipients = read_one_or_many<int>(
        field(*entry.value, entry.pointer, "to"), "agents",
        index_hint("an agent", n) + " or a list", problems,
        [&](const Field& to) { return read_index(to, n, "an agent", problems); });
    const std::string phase_hint = "accepted: " + join_names(spec.phases) + ", or a list of them";
    const std::vector<std::string> phases = read_one_or_many<std::string>(
        field(*entry.value, entry.pointer, "phase"), "phases", phase_hint, problems,
        [&](const Field& phase) -> std::optional<std::string> {
          if (auto which = read_choice(phase, problems, "phase", spec.phases))
            return std::string(spec.phases[*which]);
          return std::nullopt;
        });
    for (const int to : recipients)
      for (const std::string& phase : phases) {
        m.to = to;
        m.phase = phase;
        mutations.push_back(m);
      }
  });
  return mutations;
}

}  // namespace

Schedule convert_schedule(const Field& f, const Scenario& s, const Context& context,
                          Problems& problems) {
  Schedule schedule;
  if (!f.present()) return schedule;
  if (!read_object(
          f, problems,
          "accepted: an object with keys " + join_names(kScheduleKeys) + " (docs/check.md)"))
    return schedule;
  check_keys(*f.value, f.pointer, kScheduleKeys, problems);
  const ProtocolSpec* spec = s.protocol.spec;
  if (spec == nullptr) return schedule;  // the protocol's own problem is reported already
  if (!spec->schedulable) {
    std::string names;
    for (std::string_view name :
         context.protocols.names_where([](const ProtocolSpec& p) { return p.schedulable; }))
      names += (names.empty() ? "" : ", ") + std::string(name);
    add_problem(problems, f.pointer,
                "protocol '" + std::string(spec->name) +
                    "' has no leaders and views a schedule could choose",
                "accepted: a schedule with protocol " + names);
    return schedule;
  }
  const int n = s.n();
  if (n <= 0) return schedule;
  schedule.twins = read_twins(field(*f.value, f.pointer, "twins"), s, n, problems);
  const int instances = n + static_cast<int>(schedule.twins.size());
  schedule.views = read_views(field(*f.value, f.pointer, "views"), n, instances, problems);
  schedule.mutations =
      read_mutations(field(*f.value, f.pointer, "mutations"), s, n, *spec, problems);
  // Absent or 0: cut messages are lost. Longer: they arrive that much late (docs/check.md).
  if (auto delay = read_duration_ns(field(*f.value, f.pointer, "cut_delay"), problems, false))
    schedule.cut_delay = static_cast<SimTime>(*delay);
  return schedule;
}

}  // namespace byzsim::convert
