// The "agents" array and the strategy reading shared with "corruption": names, roles and
// parameters come from the strategy table (sim/agents/strategy.hpp).
#include <algorithm>
#include <array>
#include <sstream>

#include "sim/json/suggest.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 3> kRoleNames{"honest", "malicious", "faulty"};

constexpr std::array<std::string_view, 17> kGroupKeys{
    "role",   "count",   "strategy", "accuracy",    "think_time", "vote",
    "at",     "p",       "factor",   "correlation", "name",       "delay",
    "phases", "targets", "rounds",   "mutations",   "then"};

std::vector<std::string_view> names_for(const StrategyTable& table, Role role) {
  std::vector<std::string_view> names;
  for (const StrategySpec* s : table.all())
    if (s->takes_role(role)) names.push_back(s->name);
  return names;
}

std::string roles_taking(const StrategySpec& s) {
  std::vector<std::string_view> roles;
  for (Role r : {Role::honest, Role::malicious, Role::faulty})
    if (s.takes_role(r)) roles.push_back(kRoleNames[static_cast<std::size_t>(r)]);
  std::string out;
  for (std::size_t i = 0; i < roles.size(); ++i)
    out += (i == 0 ? "" : i + 1 == roles.size() ? " or " : ", ") + std::string(roles[i]);
  return out;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// `p_key` is the name the probability parameter has where `key` is read.
bool takes_parameter(std::string_view key, std::string_view p_key, const StrategySpec& s) {
  if (key == "accuracy" || key == "correlation") return s.judges;
  if (key == p_key) return s.takes(ParameterKey::p);
  for (std::size_t k = 0; k < kParameterKeys.size(); ++k)
    if (key == kParameterKeys[k] && static_cast<ParameterKey>(k) != ParameterKey::p)
      return s.takes(static_cast<ParameterKey>(k));
  return true;
}

// Reports `key` when present but meaningless for `strategy`; returns whether it is usable.
bool check_applies(const StrategyTable& table, const Json& object, std::string_view pointer,
                   std::string_view key, std::string_view p_key, const StrategySpec& strategy,
                   Problems& problems) {
  const Field f = field(object, pointer, key);
  if (!f.present()) return false;
  if (takes_parameter(key, p_key, strategy)) return true;
  std::vector<std::string_view> takers;
  for (const StrategySpec* s : table.all())
    if (takes_parameter(key, p_key, *s)) takers.push_back(s->name);
  add_problem(problems, f.pointer,
              "'" + f.name + "' does not apply to strategy '" + std::string(strategy.name) + "'",
              "accepted: '" + f.name + "' is taken by " +
                  (takers.size() == 1 ? "strategy " : "strategies ") + join_names(takers),
              Anchor::key);
  return false;
}

// A non-empty JSON array, or a problem saying what is accepted.
bool read_array(const Field& f, Problems& problems, std::string_view hint) {
  if (!f.present()) return false;
  if (!f.value->is_array() || f.value->empty()) {
    if (f.value->is_array())
      add_problem(problems, f.pointer, "'" + f.name + "' is empty", std::string(hint));
    else
      report_wrong_type(f, problems, "an array", hint);
    return false;
  }
  return true;
}

Field element(const Field& f, std::size_t i) {
  return Field{&(*f.value)[i], f.pointer + "/" + std::to_string(i), f.name};
}

// The adversary's list options (docs/adversary.md). Phase names and agent indices are checked
// against the protocol and n later (check_strategies_for_protocol), where both are known.
void read_list_option(const Field& f, ParameterKey key, AgentGroup& group, Problems& problems) {
  switch (key) {
    case ParameterKey::phases: {
      constexpr std::string_view kHint =
          "accepted: a non-empty array of the protocol's phase names, e.g. [\"commit\"]";
      if (!read_array(f, problems, kHint)) return;
      for (std::size_t i = 0; i < f.value->size(); ++i)
        if (auto name = read_string(element(f, i), problems, kHint)) group.phases.push_back(*name);
      return;
    }
    case ParameterKey::targets:
    case ParameterKey::rounds: {
      const bool targets = key == ParameterKey::targets;
      const std::string hint = targets ? "accepted: a non-empty array of agent indices (0 to n-1)"
                                       : "accepted: a non-empty array of view/round numbers "
                                         "(0 to 65535)";
      if (!read_array(f, problems, hint)) return;
      std::vector<int>& out = targets ? group.targets : group.rounds;
      for (std::size_t i = 0; i < f.value->size(); ++i)
        if (auto v = read_integer(element(f, i), problems, 0, targets ? kMaxAgents : 65535, hint))
          out.push_back(static_cast<int>(*v));
      return;
    }
    case ParameterKey::mutations: {
      constexpr std::array<std::string_view, 2> kMutations{"value", "round"};
      if (!read_array(f, problems, "accepted: a non-empty array of \"value\" and \"round\""))
        return;
      group.mutations = 0;
      for (std::size_t i = 0; i < f.value->size(); ++i)
        if (auto m = read_choice(element(f, i), problems, "mutation", kMutations))
          group.mutations |= static_cast<std::uint8_t>(1u << *m);
      return;
    }
    default:
      return;
  }
}

// turn-at's "then": a strategy with a message rule the group's role may use, not turn-at itself.
void read_then(const StrategyTable& table, const Field& f, const StrategySpec& spec,
               AgentGroup& group, Problems& problems) {
  std::vector<std::string_view> accepted;
  for (const StrategySpec* s : table.all())
    if (s != &spec && s->on_message != nullptr && s->takes_role(group.role))
      accepted.push_back(s->name);
  const std::string hint = "accepted: a strategy that acts on messages: " + join_names(accepted);
  auto name = read_string(f, problems, hint);
  if (!name) return;
  const StrategySpec* then = table.find(*name);
  if (then == &spec) {
    add_problem(problems, f.pointer,
                "strategy '" + std::string(spec.name) + "' cannot turn into itself", hint);
    return;
  }
  if (then == nullptr || then->on_message == nullptr || !then->takes_role(group.role)) {
    std::string what = then == nullptr ? "unknown strategy '" + *name + "'"
                       : !then->takes_role(group.role)
                           ? "strategy '" + *name + "' is not for " +
                                 std::string(kRoleNames[static_cast<std::size_t>(group.role)]) +
                                 " agents"
                           : "strategy '" + *name + "' does not act on messages";
    const auto near = nearest_name(*name, accepted);
    add_problem(problems, f.pointer, what, hint + (near ? "; did you mean '" + *near + "'?" : ""));
    return;
  }
  group.then = then;
}

// One parameter of a strategy, read as its key's kind says (StrategyParameter).
void read_parameter(const StrategyTable& table, const Json& object, const std::string& where,
                    const StrategySpec& spec, const StrategyParameter& param,
                    std::string_view p_key, AgentGroup& group, Problems& problems) {
  const Field f = field(object, where, param.key == ParameterKey::p ? p_key : key_name(param.key));
  const std::string needs = " (strategy '" + std::string(spec.name) + "' needs it)";
  switch (param.key) {
    case ParameterKey::phases:
    case ParameterKey::targets:
    case ParameterKey::rounds:
    case ParameterKey::mutations:
      if (param.required && !require(f, problems, "accepted: a non-empty array" + needs)) return;
      read_list_option(f, param.key, group, problems);
      return;
    case ParameterKey::then:
      if (param.required &&
          !require(f, problems, "accepted: the name of a strategy that acts on messages" + needs))
        return;
      if (f.present()) read_then(table, f, spec, group, problems);
      return;
    case ParameterKey::vote: {
      constexpr std::array<std::string_view, 2> kVotes{"approve", "reject"};
      if (param.required && !require(f, problems, "accepted: \"approve\" or \"reject\"" + needs))
        return;
      if (!f.present()) return;
      if (auto v = read_choice(f, problems, "vote", kVotes))
        group.fixed_vote = *v == 0 ? Vote::approve : Vote::reject;
      return;
    }
    case ParameterKey::at:
    case ParameterKey::delay: {
      if (param.required && !require(f, problems,
                                     "accepted: a duration or a distribution such as {\"dist\": "
                                     "\"uniform\", \"min\": \"1s\", \"max\": \"5s\"}" +
                                         needs))
        return;
      Distribution& target = param.key == ParameterKey::at ? group.crash_at : group.delay;
      target = read_distribution(f, problems).value_or(param.default_distribution);
      return;
    }
    case ParameterKey::p:
      if (param.required && !require(f, problems, "accepted: a probability from 0 to 1" + needs))
        return;
      group.p = read_probability(f, problems).value_or(param.default_number);
      return;
    case ParameterKey::factor: {
      const std::string range = std::string(param.what) +
                                (param.min_exclusive ? " more than " : " from ") +
                                number_text(param.min);
      if (param.required && !require(f, problems, "accepted: " + range + needs)) return;
      group.factor = param.default_number;
      if (auto value = read_number(f, problems, param.min, param.max)) {
        if (!param.min_exclusive || *value > param.min) {
          group.factor = *value;
        } else {
          add_problem(
              problems, f.pointer, "'" + f.name + "' is " + number_text(param.min),
              "accepted: " + range + " (default " + number_text(param.default_number) + ")");
        }
      }
      return;
    }
  }
}

struct GroupResult {
  AgentGroup group;
  bool count_ok = false;
};

GroupResult convert_group(const StrategyTable& table, const Json& object,
                          const std::string& pointer, Problems& problems) {
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
  const StrategySpec* strategy =
      read_strategy(table, field(object, pointer, "strategy"), g.role, problems);
  if (strategy == nullptr) return out;
  g.strategy = strategy;
  if (check_applies(table, object, pointer, "accuracy", "p", *strategy, problems) && accuracy) {
    g.accuracy = *accuracy;
    g.accuracy_given = true;
  }
  if (check_applies(table, object, pointer, "correlation", "p", *strategy, problems) && correlation)
    g.correlation = *correlation;
  read_strategy_parameters(table, object, pointer, *strategy, "p", g, problems);
  return out;
}

}  // namespace

std::string strategy_hint(const StrategyTable& table, Role role) {
  const std::string role_name(kRoleNames[static_cast<std::size_t>(role)]);
  return "accepted for " + role_name + " agents: " + join_names(names_for(table, role));
}

const StrategySpec* read_strategy(const StrategyTable& table, const Field& f, Role role,
                                  Problems& problems) {
  const std::string hint = strategy_hint(table, role);
  if (!f.present()) {
    if (const StrategySpec* fallback = table.default_for(role)) return fallback;
    require(f, problems, hint);
    return nullptr;
  }
  const auto accepted = names_for(table, role);
  const std::string role_name(kRoleNames[static_cast<std::size_t>(role)]);
  auto name = read_string(f, problems, hint);
  if (!name) return nullptr;
  const StrategySpec* found = table.find(*name);
  if (found == nullptr) {
    std::vector<std::string_view> all;
    for (const StrategySpec* s : table.all()) all.push_back(s->name);
    auto near = nearest_name(*name, accepted);
    if (!near) near = nearest_name(*name, all);
    add_problem(problems, f.pointer, "unknown strategy '" + *name + "'",
                hint + (near ? "; did you mean '" + *near + "'?" : ""));
    return nullptr;
  }
  if (!found->takes_role(role)) {
    add_problem(problems, f.pointer,
                "strategy '" + *name + "' is for " + roles_taking(*found) + " agents, not " +
                    role_name + " ones",
                hint);
    return nullptr;
  }
  return found;
}

void read_strategy_parameters(const StrategyTable& table, const Json& object,
                              std::string_view pointer, const StrategySpec& strategy,
                              std::string_view p_key, AgentGroup& group, Problems& problems) {
  const std::string where(pointer);
  for (std::size_t k = 0; k < kParameterKeys.size(); ++k)
    check_applies(table, object, pointer,
                  static_cast<ParameterKey>(k) == ParameterKey::p ? p_key : kParameterKeys[k],
                  p_key, strategy, problems);
  for (const StrategyParameter& param : strategy.parameters)
    read_parameter(table, object, where, strategy, param, p_key, group, problems);
  // turn-at: beside "at" and "then", exactly the options its "then" strategy takes; those it
  // requires must be given.
  if (group.then == nullptr) return;
  for (const StrategyParameter& own : strategy.parameters) {
    if (own.key == ParameterKey::at || own.key == ParameterKey::then) continue;
    if (group.then->takes(own.key)) continue;
    const std::string_view key = own.key == ParameterKey::p ? p_key : key_name(own.key);
    const Field f = field(object, pointer, key);
    if (!f.present()) continue;
    std::vector<std::string_view> taken;
    for (const StrategyParameter& param : group.then->parameters)
      taken.push_back(param.key == ParameterKey::p ? p_key : key_name(param.key));
    add_problem(problems, f.pointer,
                "'" + f.name + "' does not apply to strategy '" + std::string(group.then->name) +
                    "', which '" + std::string(strategy.name) + "' turns into",
                "accepted beside \"at\" and \"then\": " +
                    (taken.empty() ? std::string("no other option") : join_names(taken)),
                Anchor::key);
  }
  for (const StrategyParameter& param : group.then->parameters) {
    const std::string_view key = param.key == ParameterKey::p ? p_key : key_name(param.key);
    if (param.required && !field(object, pointer, key).present())
      add_problem(
          problems, where + "/then",
          "strategy '" + std::string(group.then->name) + "' needs '" + std::string(key) + "'",
          "accepted: give '" + std::string(key) + "' beside \"then\"");
  }
}

AgentsResult convert_agents(const StrategyTable& table, const Field& f, Problems& problems) {
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
    GroupResult group = convert_group(table, element, pointer, problems);
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

// Phase names against the protocol's table, target agents against n.
static void check_adversary_options(const Scenario& s, const ProtocolSpec& spec,
                                    const AgentGroup& g, const std::string& pointer,
                                    Problems& problems) {
  for (std::size_t k = 0; k < g.phases.size(); ++k) {
    if (std::find(spec.phases.begin(), spec.phases.end(), g.phases[k]) != spec.phases.end())
      continue;
    std::vector<std::string_view> names(spec.phases.begin(), spec.phases.end());
    add_problem(problems, pointer + "/phases/" + std::to_string(k),
                "unknown phase '" + g.phases[k] + "' of protocol " + std::string(spec.name),
                names.empty()
                    ? "accepted: none (protocol " + std::string(spec.name) + " names no phases)"
                    : accepted_hint(g.phases[k], names));
  }
  for (std::size_t k = 0; k < g.targets.size(); ++k)
    if (g.targets[k] >= s.n())
      add_problem(problems, pointer + "/targets/" + std::to_string(k),
                  "target agent " + std::to_string(g.targets[k]) +
                      " is out of range: n = " + std::to_string(s.n()),
                  "accepted: agent indices from 0 to " + std::to_string(s.n() - 1));
}

void check_strategies_for_protocol(const Scenario& s, const Context& context, Problems& problems) {
  const ProtocolSpec& spec = spec_of(s.protocol);
  const std::string name(spec.name);
  // Strategies that act on agent-to-agent messages need a protocol that has them; a spec may
  // refuse more by name.
  auto accepted = [&](const StrategySpec& strategy) {
    return (spec.peer_messages || !strategy.needs_peer_messages) &&
           (spec.accepts == nullptr || spec.accepts(strategy.name));
  };
  std::vector<std::string_view> peer_protocols;
  for (const ProtocolSpec* other : context.protocols.all())
    if (other->peer_messages) peer_protocols.push_back(other->name);
  auto check = [&](const AgentGroup& g, const std::string& pointer) {
    const StrategySpec& strategy = strategy_of(g);
    if (accepted(strategy)) return;
    std::vector<std::string_view> here;
    for (const StrategySpec* other : context.strategies.all())
      if (other->takes_role(g.role) && accepted(*other)) here.push_back(other->name);
    const std::string strategy_name(strategy.name);
    if (!strategy.needs_peer_messages || spec.peer_messages || peer_protocols.empty()) {
      add_problem(problems, pointer,
                  "strategy '" + strategy_name + "' is not accepted by protocol " + name,
                  "accepted with " + name + ": " + join_names(here));
      return;
    }
    add_problem(problems, pointer,
                "strategy '" + strategy_name + "' needs protocol " + join_names(peer_protocols) +
                    ", not " + name + std::string(strategy.needs_peer_messages_why),
                "accepted with " + name + ": " + join_names(here) +
                    "; or set \"protocol\": {\"type\": \"" + std::string(peer_protocols[0]) +
                    "\"}");
  };
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    check(s.agents[i], "/agents/" + std::to_string(i) + "/strategy");
    check_adversary_options(s, spec, s.agents[i], "/agents/" + std::to_string(i), problems);
  }
  if (s.corruption.enabled) {
    check(s.corruption.replacement, "/corruption/strategy");
    check_adversary_options(s, spec, s.corruption.replacement, "/corruption", problems);
  }
}

}  // namespace byzsim::convert
