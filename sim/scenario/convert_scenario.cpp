// The top level of a scenario document, and its small sections: truth, costs, limits.
#include <algorithm>
#include <array>
#include <limits>

#include "sim/json/suggest.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 14> kTopKeys{
    "name",    "description", "seed",       "trials", "truth",  "protocol", "agents",
    "network", "sweep",       "corruption", "costs",  "limits", "schedule", "estimator"};

constexpr std::string_view kTruthHint =
    "accepted: {\"p_good\": p} with p from 0 to 1, or \"good\", or \"bad\"";

// A section object (a copy: they are small), or an empty one when it is absent or wrong.
Json section(const Field& f, std::span<const std::string_view> keys, Problems& problems) {
  if (!f.present()) return Json::object();
  if (!read_object(f, problems, "accepted: an object with keys " + join_names(keys)))
    return Json::object();
  check_keys(*f.value, f.pointer, keys, problems);
  return *f.value;
}

Truth read_truth(const Field& f, Problems& problems) {
  Truth truth;
  if (!f.present()) return truth;
  const Json& value = *f.value;
  if (value.is_string()) {
    const std::string name = value.get<std::string>();
    if (name == "good" || name == "bad") {
      truth.kind = name == "good" ? Truth::Kind::good : Truth::Kind::bad;
    } else {
      constexpr std::array<std::string_view, 2> kNames{"good", "bad"};
      auto near = nearest_name(name, kNames);
      add_problem(problems, f.pointer, "unknown truth '" + name + "'",
                  std::string(kTruthHint) + (near ? "; did you mean '" + *near + "'?" : ""));
    }
    return truth;
  }
  if (!value.is_object()) {
    report_wrong_type(f, problems, "an object or a string", kTruthHint);
    return truth;
  }
  constexpr std::array<std::string_view, 1> kKeys{"p_good"};
  check_keys(value, f.pointer, kKeys, problems);
  truth.p_good = read_probability(field(value, f.pointer, "p_good"), problems).value_or(0.5);
  return truth;
}

Costs read_costs(const Field& f, Problems& problems) {
  constexpr std::array<std::string_view, 4> kKeys{"wrong", "no_consensus", "per_agent",
                                                  "per_minute"};
  const Json object = section(f, kKeys, problems);
  Costs costs;
  costs.enabled = f.present();
  double* targets[] = {&costs.wrong, &costs.no_consensus, &costs.per_agent, &costs.per_minute};
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    const Field cost = field(object, f.pointer, kKeys[i]);
    *targets[i] = read_number(cost, problems, 0, std::numeric_limits<double>::max(),
                              "accepted: a number of 0 or more")
                      .value_or(0);
  }
  return costs;
}

Limits read_limits(const Field& f, Problems& problems) {
  constexpr std::array<std::string_view, 2> kKeys{"time", "events"};
  const Json object = section(f, kKeys, problems);
  Limits limits;
  limits.time_ns = read_sim_time(field(object, f.pointer, "time"), problems).value_or(0);
  limits.events = read_unsigned(field(object, f.pointer, "events"), problems, 1, 1000000000000000,
                                "accepted: an integer from 1 to 1e15")
                      .value_or(0);
  return limits;
}

}  // namespace

namespace {

// The sections of a scenario in reading order; `changed(key)` says which to read from
// `document`, the others are kept from `s`. Sections that depend on others are read again
// with them: protocol and network need n from the agents, the strategy check needs the
// agents, the protocol and the corruption.
template <class Changed>
Scenario convert_parts(const Json& document, Scenario s, Changed changed, Problems& problems,
                       const Context& context) {
  auto top = [&](std::string_view key) { return field(document, "", key); };
  if (changed("name"))
    s.name = read_string(top("name"), problems, "accepted: a string")
                 .value_or(std::string(context.default_name));
  if (changed("description"))
    s.description = read_string(top("description"), problems, "accepted: a string").value_or("");
  if (changed("seed"))
    s.seed = read_unsigned(top("seed"), problems, 0, std::numeric_limits<std::uint64_t>::max(),
                           "accepted: an integer from 0 to 18446744073709551615")
                 .value_or(1);
  if (changed("trials"))
    s.trials =
        read_unsigned(top("trials"), problems, 1, kMaxTrials, "accepted: an integer from 1 to 1e12")
            .value_or(10000);
  if (changed("truth")) s.truth = read_truth(top("truth"), problems);
  const bool agents = changed("agents");
  std::optional<int> n = s.n();  // kept agents came from a conversion without problems
  if (agents) {
    AgentsResult converted = convert_agents(context.strategies, top("agents"), problems);
    s.agents = std::move(converted.groups);
    n = converted.n;
  }
  if (agents || changed("protocol"))
    s.protocol =
        convert_protocol(top("protocol"), n, context.memory_budget, context.protocols, problems);
  if (agents || changed("network")) s.network = convert_network(top("network"), n, problems);
  if (changed("corruption"))
    s.corruption = convert_corruption(context.strategies, top("corruption"), problems);
  if (agents || changed("protocol") || changed("corruption"))
    check_strategies_for_protocol(s, context, problems);
  if (changed("costs")) s.costs = read_costs(top("costs"), problems);
  if (changed("limits")) s.limits = read_limits(top("limits"), problems);
  if (agents || changed("protocol") || changed("schedule"))
    s.schedule = convert_schedule(top("schedule"), s, context, problems);
  if (changed("estimator")) s.estimator = convert_estimator(top("estimator"), problems);
  if (agents || changed("estimator") || changed("corruption") || changed("network"))
    check_estimator(s, problems);
  return s;
}

}  // namespace

Scenario convert_scenario(const Json& document, const Context& context, Problems& problems) {
  if (!document.is_object()) {
    add_problem(problems, "", "a scenario must be a JSON object, not " + describe(document),
                "accepted: {\"agents\": [...], ...} with keys " + join_names(kTopKeys));
    return Scenario{};
  }
  check_keys(document, "", kTopKeys, problems);
  return convert_parts(
      document, Scenario{}, [](std::string_view) { return true; }, problems, context);
}

Scenario convert_sections(const Json& document, const Scenario& base,
                          const std::vector<std::string>& sections, const Context& context,
                          Problems& problems) {
  auto changed = [&](std::string_view key) {
    return std::find(sections.begin(), sections.end(), key) != sections.end();
  };
  return convert_parts(document, base, changed, problems, context);
}

Scenario convert_sections_into(const Json& document, Scenario&& base,
                               const std::vector<std::string>& sections, const Context& context,
                               Problems& problems) {
  auto changed = [&](std::string_view key) {
    return std::find(sections.begin(), sections.end(), key) != sections.end();
  };
  return convert_parts(document, std::move(base), changed, problems, context);
}

}  // namespace byzsim::convert
