// The "agents" array and the strategy rules shared with "corruption": which role takes which
// strategy, and which strategy takes which parameter.
#include <array>

#include "sim/protocols/registry.hpp"
#include "sim/scenario/convert.hpp"
#include "sim/scenario/suggest.hpp"

namespace byzsim::convert {

namespace {

struct StrategyInfo {
  std::string_view name;
  Strategy strategy;
  bool honest, malicious, faulty;
  bool judges;  // forms its own judgement (so takes accuracy and correlation)
};

constexpr std::array<StrategyInfo, 14> kStrategies{{
    {"judge", Strategy::judge, true, false, false, true},
    {"oppose-truth", Strategy::oppose_truth, false, true, false, false},
    {"always-approve", Strategy::always_approve, false, true, false, false},
    {"always-reject", Strategy::always_reject, false, true, false, false},
    {"random", Strategy::random, false, true, true, false},
    {"withhold", Strategy::withhold, false, true, false, false},
    {"fixed", Strategy::fixed, false, true, true, false},
    {"equivocate", Strategy::equivocate, false, true, false, false},
    {"collude", Strategy::collude, false, true, false, false},
    {"crash", Strategy::crash, false, false, true, true},
    {"flip", Strategy::flip, false, false, true, true},
    {"omission", Strategy::omission, false, false, true, true},
    {"slow", Strategy::slow, false, false, true, true},
    {"late", Strategy::late, false, true, false, false},
}};

constexpr std::array<std::string_view, 3> kRoleNames{"honest", "malicious", "faulty"};

constexpr std::array<std::string_view, 12> kGroupKeys{
    "role", "count", "strategy", "accuracy",    "think_time", "vote",
    "at",   "p",     "factor",   "correlation", "name",       "delay"};

bool takes_role(const StrategyInfo& s, Role role) {
  return (role == Role::honest && s.honest) || (role == Role::malicious && s.malicious) ||
         (role == Role::faulty && s.faulty);
}

const StrategyInfo& info(Strategy strategy) {
  for (const auto& s : kStrategies)
    if (s.strategy == strategy) return s;
  return kStrategies[0];
}

std::vector<std::string_view> names_for(Role role) {
  std::vector<std::string_view> names;
  for (const auto& s : kStrategies)
    if (takes_role(s, role)) names.push_back(s.name);
  return names;
}

std::string roles_taking(const StrategyInfo& s) {
  std::vector<std::string_view> roles;
  for (Role r : {Role::honest, Role::malicious, Role::faulty})
    if (takes_role(s, r)) roles.push_back(kRoleNames[static_cast<std::size_t>(r)]);
  return roles.size() == 2 ? std::string(roles[0]) + " or " + std::string(roles[1])
                           : std::string(roles[0]);
}

Strategy default_strategy(Role role) {
  if (role == Role::malicious) return Strategy::oppose_truth;
  if (role == Role::faulty) return Strategy::random;
  return Strategy::judge;
}

// `p_key` is the name the flip/omission probability has where `key` is read.
bool takes_parameter(std::string_view key, std::string_view p_key, Strategy s) {
  if (key == "accuracy" || key == "correlation") return info(s).judges;
  if (key == "vote") return s == Strategy::fixed;
  if (key == "at") return s == Strategy::crash;
  if (key == "factor") return s == Strategy::slow;
  if (key == "delay") return s == Strategy::late;
  if (key == p_key) return s == Strategy::flip || s == Strategy::omission;
  return true;
}

// Reports `key` when present but meaningless for `strategy`; returns whether it is usable.
bool check_applies(const Json& object, std::string_view pointer, std::string_view key,
                   std::string_view p_key, Strategy strategy, Problems& problems) {
  const Field f = field(object, pointer, key);
  if (!f.present()) return false;
  if (takes_parameter(key, p_key, strategy)) return true;
  std::vector<std::string_view> takers;
  for (const auto& s : kStrategies)
    if (takes_parameter(key, p_key, s.strategy)) takers.push_back(s.name);
  add_problem(
      problems, f.pointer,
      "'" + f.name + "' does not apply to strategy '" + std::string(info(strategy).name) + "'",
      "accepted: '" + f.name + "' is taken by " +
          (takers.size() == 1 ? "strategy " : "strategies ") + join_names(takers),
      Anchor::key);
  return false;
}

struct GroupResult {
  AgentGroup group;
  bool count_ok = false;
};

GroupResult convert_group(const Json& object, const std::string& pointer, Problems& problems) {
  check_keys(object, pointer, kGroupKeys, problems);
  GroupResult out;
  AgentGroup& g = out.group;
  const Field role_field = field(object, pointer, "role");
  std::optional<std::size_t> role;
  if (require(role_field, problems, "accepted: " + join_names(kRoleNames)))
    role = read_choice(role_field, problems, "role", kRoleNames);
  const Field count = field(object, pointer, "count");
  if (require(count, problems, "accepted: an integer from 0 to 1000000")) {
    auto value = read_integer(count, problems, 0, kMaxAgents);
    out.count_ok = value.has_value();
    g.count = static_cast<int>(value.value_or(0));
  }
  read_string(field(object, pointer, "name"), problems, "accepted: a string (a free label)");
  if (auto think = read_distribution(field(object, pointer, "think_time"), problems))
    g.think_time = *think;
  const auto accuracy = read_probability(field(object, pointer, "accuracy"), problems);
  const auto correlation = read_probability(field(object, pointer, "correlation"), problems);
  if (!role) return out;
  g.role = static_cast<Role>(*role);
  auto strategy = read_strategy(field(object, pointer, "strategy"), g.role, problems);
  if (!strategy) return out;
  g.strategy = *strategy;
  if (check_applies(object, pointer, "accuracy", "p", g.strategy, problems) && accuracy) {
    g.accuracy = *accuracy;
    g.accuracy_given = true;
  }
  if (check_applies(object, pointer, "correlation", "p", g.strategy, problems) && correlation)
    g.correlation = *correlation;
  read_strategy_parameters(object, pointer, g.strategy, "p", g, problems);
  return out;
}

}  // namespace

std::string strategy_hint(Role role) {
  const std::string role_name(kRoleNames[static_cast<std::size_t>(role)]);
  return "accepted for " + role_name + " agents: " + join_names(names_for(role));
}

std::optional<Strategy> read_strategy(const Field& f, Role role, Problems& problems) {
  if (!f.present()) return default_strategy(role);
  const auto accepted = names_for(role);
  const std::string role_name(kRoleNames[static_cast<std::size_t>(role)]);
  const std::string hint = strategy_hint(role);
  auto name = read_string(f, problems, hint);
  if (!name) return std::nullopt;
  const StrategyInfo* found = nullptr;
  for (const auto& s : kStrategies)
    if (s.name == *name) found = &s;
  if (!found) {
    std::vector<std::string_view> all;
    for (const auto& s : kStrategies) all.push_back(s.name);
    auto near = nearest_name(*name, accepted);
    if (!near) near = nearest_name(*name, all);
    add_problem(problems, f.pointer, "unknown strategy '" + *name + "'",
                hint + (near ? "; did you mean '" + *near + "'?" : ""));
    return std::nullopt;
  }
  if (!takes_role(*found, role)) {
    add_problem(problems, f.pointer,
                "strategy '" + *name + "' is for " + roles_taking(*found) + " agents, not " +
                    role_name + " ones",
                hint);
    return std::nullopt;
  }
  return found->strategy;
}

void read_strategy_parameters(const Json& object, std::string_view pointer, Strategy strategy,
                              std::string_view p_key, AgentGroup& group, Problems& problems) {
  const std::string where(pointer);
  for (std::string_view key : {std::string_view("vote"), std::string_view("at"),
                               std::string_view("factor"), std::string_view("delay"), p_key})
    check_applies(object, pointer, key, p_key, strategy, problems);
  if (strategy == Strategy::fixed) {
    constexpr std::array<std::string_view, 2> kVotes{"approve", "reject"};
    const Field vote = field(object, where, "vote");
    if (require(vote, problems, "accepted: \"approve\" or \"reject\" (strategy 'fixed' needs it)"))
      if (auto v = read_choice(vote, problems, "vote", kVotes))
        group.fixed_vote = *v == 0 ? Vote::approve : Vote::reject;
  } else if (strategy == Strategy::crash) {
    group.crash_at =
        read_distribution(field(object, where, "at"), problems).value_or(Distribution::constant(0));
  } else if (strategy == Strategy::flip || strategy == Strategy::omission) {
    const Field p = field(object, where, p_key);
    if (require(p, problems,
                "accepted: a probability from 0 to 1 (strategy '" +
                    std::string(info(strategy).name) + "' needs it)"))
      group.p = read_probability(p, problems).value_or(0);
  } else if (strategy == Strategy::late) {
    const Field delay = field(object, where, "delay");
    if (require(delay, problems,
                "accepted: a duration or a distribution such as {\"dist\": \"uniform\", "
                "\"min\": \"1s\", \"max\": \"5s\"} (strategy 'late' needs it)"))
      if (auto d = read_distribution(delay, problems)) group.delay = *d;
  } else if (strategy == Strategy::slow) {
    const Field factor = field(object, where, "factor");
    group.factor = 2;
    if (auto value = read_number(factor, problems, 0, 1e6)) {
      if (*value > 0) {
        group.factor = *value;
      } else {
        add_problem(problems, factor.pointer, "'factor' is 0",
                    "accepted: a latency multiplier more than 0 (default 2)");
      }
    }
  }
}

AgentsResult convert_agents(const Field& f, Problems& problems) {
  constexpr std::string_view kHint =
      "accepted: a non-empty array of agent groups, e.g. [{\"role\": \"honest\", \"count\": 5}]";
  AgentsResult out;
  if (!require(f, problems, kHint)) return out;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of agent groups", kHint);
    return out;
  }
  if (f.value->empty()) add_problem(problems, f.pointer, "'agents' is empty", std::string(kHint));
  long long total = 0;
  bool counts_ok = true;
  for (std::size_t i = 0; i < f.value->size(); ++i) {
    const Json& element = (*f.value)[i];
    const std::string pointer = f.pointer + "/" + std::to_string(i);
    if (!element.is_object()) {
      add_problem(
          problems, pointer,
          "agent group " + std::to_string(i) + " must be an object, not " + describe(element),
          "accepted: {\"role\": ..., \"count\": ..., ...}");
      counts_ok = false;
      continue;
    }
    GroupResult group = convert_group(element, pointer, problems);
    counts_ok = counts_ok && group.count_ok;
    total += group.group.count;
    out.groups.push_back(group.group);
  }
  if (!counts_ok || f.value->empty()) return out;
  if (total < 1 || total > kMaxAgents) {
    add_problem(problems, f.pointer, "the agents' counts add up to n = " + std::to_string(total),
                "accepted: n from 1 to " + std::to_string(kMaxAgents));
    return out;
  }
  out.n = static_cast<int>(total);
  return out;
}

void check_strategies_for_protocol(const Scenario& s, const ProtocolRegistry& protocols,
                                   Problems& problems) {
  const ProtocolSpec& spec = spec_of(s.protocol);
  const std::string name(spec.name);
  // Strategies that act on agent-to-agent messages need a protocol that has them.
  auto needs_peers = [](Strategy strategy) {
    return strategy == Strategy::equivocate || strategy == Strategy::late;
  };
  auto accepted = [&](Strategy strategy) {
    return (spec.peer_messages || !needs_peers(strategy)) &&
           (spec.accepts == nullptr || spec.accepts(to_string(strategy)));
  };
  std::vector<std::string_view> peer_protocols;
  for (const ProtocolSpec* other : protocols.all())
    if (other->peer_messages) peer_protocols.push_back(other->name);
  auto check = [&](const AgentGroup& g, Role role, const std::string& pointer) {
    if (accepted(g.strategy)) return;
    std::vector<std::string_view> here;
    for (const auto& info : kStrategies)
      if (takes_role(info, role) && accepted(info.strategy)) here.push_back(info.name);
    const std::string strategy = to_string(g.strategy);
    if (!needs_peers(g.strategy) || spec.peer_messages || peer_protocols.empty()) {
      add_problem(problems, pointer,
                  "strategy '" + strategy + "' is not accepted by protocol " + name,
                  "accepted with " + name + ": " + join_names(here));
      return;
    }
    const std::string why = g.strategy == Strategy::equivocate
                                ? " (conflicting messages to different recipients mean nothing "
                                  "to a trusted coordinator)"
                                : "";
    add_problem(problems, pointer,
                "strategy '" + strategy + "' needs protocol " + join_names(peer_protocols) +
                    ", not " + name + why,
                "accepted with " + name + ": " + join_names(here) +
                    "; or set \"protocol\": {\"type\": \"" + std::string(peer_protocols[0]) +
                    "\"}");
  };
  for (std::size_t i = 0; i < s.agents.size(); ++i)
    check(s.agents[i], s.agents[i].role, "/agents/" + std::to_string(i) + "/strategy");
  if (s.corruption.enabled)
    check(s.corruption.replacement, s.corruption.replacement.role, "/corruption/strategy");
}

}  // namespace byzsim::convert
