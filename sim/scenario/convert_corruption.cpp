// The "corruption" object: per trial, some honest agents behave as another role and strategy.
#include <array>
#include <charconv>

#include "sim/json/suggest.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 14> kCorruptionKeys{
    "count",      "p",     "role",   "strategy", "vote",   "at",        "factor",
    "strategy_p", "delay", "phases", "targets",  "rounds", "mutations", "then"};

constexpr std::string_view kCountHint =
    "accepted: an integer k, or a range \"min:max\" such as \"0:2\" (uniform over it)";

std::optional<int> parse_count(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > kMaxAgents)
    return std::nullopt;
  return value;
}

// "count": k or "min:max".
void read_count(const Field& f, Corruption& c, Problems& problems) {
  const Json& value = *f.value;
  if (!value.is_string()) {
    if (auto k = read_integer(f, problems, 0, kMaxAgents, kCountHint))
      c.count_min = c.count_max = static_cast<int>(*k);
    return;
  }
  const std::string text = value.get<std::string>();
  const std::size_t colon = text.find(':');
  auto low = parse_count(std::string_view(text).substr(0, colon));
  auto high =
      colon == std::string::npos ? low : parse_count(std::string_view(text).substr(colon + 1));
  if (!low || !high || *low > *high) {
    add_problem(
        problems, f.pointer,
        "'count' is " + json_text(value) + ", not a count or a range min:max with min <= max",
        std::string(kCountHint));
    return;
  }
  c.count_min = *low;
  c.count_max = *high;
}

// "role": malicious or faulty (replacing an honest agent by an honest one means nothing).
std::optional<Role> read_role(const Field& f, Problems& problems) {
  constexpr std::array<std::string_view, 3> kRoles{"honest", "malicious", "faulty"};
  constexpr std::array<std::string_view, 2> kAccepted{"malicious", "faulty"};
  if (!require(f, problems, "accepted: " + join_names(kAccepted))) return std::nullopt;
  auto role = read_choice(f, problems, "role", kRoles);
  if (!role) return std::nullopt;
  if (*role == 0) {
    add_problem(problems, f.pointer,
                "corruption replaces honest agents, so its role cannot be honest",
                "accepted: " + join_names(kAccepted));
    return std::nullopt;
  }
  return static_cast<Role>(*role);
}

}  // namespace

Corruption convert_corruption(const StrategyTable& table, const Field& f, Problems& problems) {
  Corruption c;
  if (!f.present()) return c;
  if (!read_object(f, problems,
                   "accepted: {\"count\": \"0:2\", \"role\": \"faulty\", "
                   "\"strategy\": \"random\"} or {\"p\": 0.1, ...}"))
    return c;
  const Json& object = *f.value;
  c.enabled = true;
  check_keys(object, f.pointer, kCorruptionKeys, problems);
  const Field count = field(object, f.pointer, "count");
  const Field p = field(object, f.pointer, "p");
  if (count.present() && p.present()) {
    add_problem(problems, p.pointer, "corruption has both 'count' and 'p'",
                "accepted: either 'count' (how many agents) or 'p' (each agent's probability)",
                Anchor::key);
  } else if (!count.present() && !p.present()) {
    add_problem(problems, f.pointer, "corruption needs 'count' or 'p'",
                "accepted: 'count' (an integer or \"min:max\") or 'p' (a probability)");
  } else if (count.present()) {
    read_count(count, c, problems);
  } else {
    c.by_probability = true;
    c.p = read_probability(p, problems).value_or(0);
  }
  auto role = read_role(field(object, f.pointer, "role"), problems);
  if (!role) return c;
  c.replacement.role = *role;
  const Field strategy = field(object, f.pointer, "strategy");
  if (!require(strategy, problems, strategy_hint(table, *role))) return c;
  const StrategySpec* spec = read_strategy(table, strategy, *role, problems);
  if (spec == nullptr) return c;
  c.replacement.strategy = spec;
  read_strategy_parameters(table, object, f.pointer, *spec, "strategy_p", c.replacement, problems);
  return c;
}

}  // namespace byzsim::convert
