// The "protocol" object: type, f, quorums (counts or exact percentages of n), rounds, timeout
// (common to every protocol), then the protocol's own keys as its ProtocolSpec lists them.
#include <algorithm>
#include <array>

#include "sim/json/suggest.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim::convert {

namespace {

// The keys every protocol takes; each spec adds its own.
constexpr std::array<std::string_view, 8> kCommonKeys{
    "type",          "f",       "approve_quorum", "reject_quorum", "max_rounds",
    "round_timeout", "rejudge", "unsafe"};

// The common keys, then every registered protocol's own keys (first owner's order).
std::vector<std::string_view> accepted_keys(const ProtocolRegistry& protocols) {
  std::vector<std::string_view> keys(kCommonKeys.begin(), kCommonKeys.end());
  for (const ProtocolSpec* spec : protocols.all())
    for (const ParamSpec& param : spec->params)
      if (std::find(keys.begin(), keys.end(), param.key) == keys.end()) keys.push_back(param.key);
  return keys;
}

// The protocol a scenario without "type" runs: the model's default, if registered.
const ProtocolSpec* default_spec(const ProtocolRegistry& protocols) {
  const ProtocolSpec* spec = protocols.find(ProtocolConfig{}.name());
  return spec != nullptr || protocols.all().empty() ? spec : protocols.all().front();
}

const ProtocolSpec* read_type(const Field& f, const ProtocolRegistry& protocols,
                              Problems& problems) {
  if (!f.present()) return default_spec(protocols);
  std::vector<std::string_view> implemented;
  for (const ProtocolSpec* spec : protocols.all()) implemented.push_back(spec->name);
  const std::string hint = "accepted: " + join_names(implemented);
  auto name = read_string(f, problems, hint);
  if (!name) return nullptr;
  if (const ProtocolSpec* spec = protocols.find(*name)) return spec;
  const auto reserved = ProtocolRegistry::reserved_names();
  if (std::find(reserved.begin(), reserved.end(), *name) != reserved.end()) {
    add_problem(problems, f.pointer, "protocol '" + *name + "' is not implemented in this version",
                hint);
    return nullptr;
  }
  std::vector<std::string_view> known = implemented;
  known.insert(known.end(), reserved.begin(), reserved.end());
  auto near = nearest_name(*name, known);
  add_problem(problems, f.pointer, "unknown protocol '" + *name + "'",
              hint + (near ? "; did you mean '" + *near + "'?" : ""));
  return nullptr;
}

struct Percentage {
  std::uint64_t numerator;    // percent * 10^k
  std::uint64_t denominator;  // 100 * 10^k
};

// "70%", "66.7%", "100 %" -> an exact fraction in (0, 1]; nullopt when malformed or out of range.
std::optional<Percentage> parse_percentage(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.back() != '%') return std::nullopt;
  text.remove_suffix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 6 || fraction.size() > 9) return std::nullopt;
  if (dot != std::string_view::npos && fraction.empty()) return std::nullopt;
  Percentage p{0, 100};
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    p.numerator = p.numerator * 10 + static_cast<std::uint64_t>(c - '0');
  }
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    p.numerator = p.numerator * 10 + static_cast<std::uint64_t>(c - '0');
    p.denominator *= 10;
  }
  if (p.numerator == 0 || p.numerator > p.denominator) return std::nullopt;
  return p;
}

// A quorum: a count in 1..n or a percentage of n, resolved as ceil(pct/100 * n) exactly.
std::optional<int> read_quorum(const Field& f, std::optional<int> n, Problems& problems) {
  if (!f.present()) return std::nullopt;
  const std::string range = n ? "from 1 to n = " + std::to_string(*n) : "from 1 to n";
  const std::string hint =
      "accepted: an integer count " + range + ", or a percentage of n such as \"70%\" (rounded up)";
  const Json& value = *f.value;
  if (value.is_string()) {
    auto pct = parse_percentage(value.get<std::string>());
    if (!pct) {
      add_problem(
          problems, f.pointer,
          "'" + f.name + "' is " + json_text(value) + ", not a percentage above 0% and up to 100%",
          hint);
      return std::nullopt;
    }
    if (!n) return std::nullopt;
    const auto scaled = pct->numerator * static_cast<std::uint64_t>(*n);
    return static_cast<int>((scaled + pct->denominator - 1) / pct->denominator);
  }
  auto count = read_integer(f, problems, 1, kMaxAgents, hint);
  if (!count) return std::nullopt;
  if (n && *count > *n) {
    add_problem(
        problems, f.pointer,
        "'" + f.name + "' is " + std::to_string(*count) + ", more than n = " + std::to_string(*n),
        hint);
    return std::nullopt;
  }
  return static_cast<int>(*count);
}

// f: 0 <= f < n, default floor((n-1)/3).
int read_f(const Field& f, std::optional<int> n, ProtocolConfig& config, Problems& problems) {
  const int fallback = n ? (*n - 1) / 3 : 0;
  if (!f.present()) return fallback;
  config.f_given = true;
  const std::string hint = n ? "accepted: an integer from 0 to n-1 = " + std::to_string(*n - 1) +
                                   " (the default is floor((n-1)/3) = " + std::to_string(fallback) +
                                   ")"
                             : "accepted: an integer from 0 to n-1 (the default is floor((n-1)/3))";
  auto value = read_integer(f, problems, 0, kMaxAgents - 1, hint);
  if (!value) return fallback;
  if (n && *value >= *n) {
    add_problem(problems, f.pointer,
                "'f' is " + std::to_string(*value) + ", not less than n = " + std::to_string(*n),
                hint);
    return fallback;
  }
  return static_cast<int>(*value);
}

// A common setting's resolved value, for a protocol key spelled as it (ParamSpec::alias).
std::optional<ParamValue> common_value(const ProtocolConfig& config, std::string_view key) {
  if (key == "f") return std::int64_t{config.f};
  if (key == "approve_quorum") return std::int64_t{config.approve_quorum};
  if (key == "reject_quorum") return std::int64_t{config.reject_quorum};
  if (key == "max_rounds") return std::int64_t{config.max_rounds};
  if (key == "round_timeout") return std::int64_t{config.round_timeout_ns};
  if (key == "rejudge") return config.rejudge;
  return std::nullopt;
}

// One of the protocol's own keys: its default (or its alias's value), replaced by a valid value.
ParamValue read_param(const ParamSpec& param, const ProtocolSpec& spec, const Json& object,
                      std::string_view pointer, std::optional<int> n, const ProtocolConfig& config,
                      Problems& problems) {
  const Field f = field(object, pointer, param.key);
  ParamValue value = param.fallback(config, n.value_or(0));
  if (!param.alias.empty()) {
    const Field alias = field(object, pointer, param.alias);
    if (alias.present() && f.present())
      add_problem(problems, alias.pointer,
                  "both '" + alias.name + "' and '" + f.name + "' are given",
                  "accepted: one of them; for " + std::string(spec.name) + " '" + alias.name +
                      "' is read as '" + f.name + "'",
                  Anchor::key);
    if (alias.present())
      if (auto given = common_value(config, param.alias)) value = *given;
  }
  const std::string hint = param.hint ? param.hint(config) : std::string();
  switch (param.kind) {
    case ParamKind::integer:
      if (auto v = read_integer(f, problems, static_cast<std::int64_t>(param.min),
                                static_cast<std::int64_t>(param.max), hint))
        value = *v;
      break;
    case ParamKind::number:
      if (auto v = read_number(f, problems, param.min, param.max, hint)) value = *v;
      break;
    case ParamKind::duration:
      if (auto v = read_sim_time(f, problems)) value = std::int64_t{*v};
      break;
    case ParamKind::boolean:
      if (auto v = read_bool(f, problems)) value = *v;
      break;
    case ParamKind::quorum:
      if (auto v = read_quorum(f, n, problems)) value = std::int64_t{*v};
      break;
  }
  return value;
}

// Reports each key that belongs to other registered protocols only.
void refuse_foreign_keys(const Json& object, std::string_view pointer, const ProtocolSpec& spec,
                         const ProtocolRegistry& protocols, std::span<const std::string_view> keys,
                         Problems& problems) {
  auto takes = [](const ProtocolSpec& s, std::string_view key) {
    return std::any_of(s.params.begin(), s.params.end(),
                       [&](const ParamSpec& p) { return p.key == key; });
  };
  for (std::string_view key : keys) {
    if (!object.contains(key)) continue;  // the usual case, without building a pointer
    const Field f = field(object, pointer, key);
    if (!f.present() || takes(spec, key) ||
        std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end())
      continue;
    std::vector<std::string_view> owners;
    for (const ProtocolSpec* other : protocols.all())
      if (takes(*other, key)) owners.push_back(other->name);
    add_problem(problems, f.pointer,
                "'" + f.name + "' applies to protocol " + join_names(owners) + " only, not " +
                    std::string(spec.name),
                "accepted: remove it, or set \"type\": \"" + std::string(owners.front()) + "\"",
                Anchor::key);
  }
}

// "unsafe": a planted bug of the protocol (ProtocolSpec::unsafe_rules), for proving that
// `byzsim check` finds what it should (docs/check.md). Only ever on when given.
std::string_view read_unsafe(const Field& f, const ProtocolSpec& spec,
                             const ProtocolRegistry& protocols, Problems& problems) {
  if (!f.present()) return {};
  if (spec.unsafe_rules.empty()) {
    std::vector<std::string_view> owners =
        protocols.names_where([](const ProtocolSpec& p) { return !p.unsafe_rules.empty(); });
    add_problem(problems, f.pointer,
                "'unsafe' does not apply to " + std::string(spec.name) + ": it has no planted bugs",
                owners.empty()
                    ? std::string("accepted: remove it")
                    : "accepted: remove it; protocols with planted bugs: " + join_names(owners));
    return {};
  }
  auto which = read_choice(f, problems, "unsafe", spec.unsafe_rules);
  return which ? spec.unsafe_rules[*which] : std::string_view{};
}

}  // namespace

ProtocolConfig convert_protocol(const Field& f, std::optional<int> n, std::uint64_t memory_budget,
                                const ProtocolRegistry& protocols, Problems& problems) {
  ProtocolConfig config;
  if (const ProtocolSpec* fallback = default_spec(protocols)) use_protocol(config, *fallback);
  const std::vector<std::string_view> keys = accepted_keys(protocols);
  if (f.present() && !read_object(f, problems, "accepted: an object with keys " + join_names(keys)))
    return config;
  const Json empty = Json::object();
  const Json& object = f.present() ? *f.value : empty;
  check_keys(object, f.pointer, keys, problems);
  const ProtocolSpec* spec = read_type(field(object, f.pointer, "type"), protocols, problems);
  if (spec == nullptr)
    spec = config.spec;  // reported; go on with the default
  else
    use_protocol(config, *spec);
  config.f = read_f(field(object, f.pointer, "f"), n, config, problems);
  const auto approve = read_quorum(field(object, f.pointer, "approve_quorum"), n, problems);
  const auto reject = read_quorum(field(object, f.pointer, "reject_quorum"), n, problems);
  if (n) {
    config.approve_quorum = approve.value_or(*n - config.f);
    config.reject_quorum = reject.value_or(config.f + 1);
  }
  const Field rounds = field(object, f.pointer, "max_rounds");
  config.max_rounds = static_cast<int>(read_integer(rounds, problems, 1, kMaxRounds).value_or(1));
  if (auto timeout = read_sim_time(field(object, f.pointer, "round_timeout"), problems))
    config.round_timeout_ns = *timeout;
  config.rejudge = read_bool(field(object, f.pointer, "rejudge"), problems).value_or(false);
  if (spec == nullptr) return config;
  config.unsafe = read_unsafe(field(object, f.pointer, "unsafe"), *spec, protocols, problems);
  config.params.reserve(spec->params.size());
  for (const ParamSpec& param : spec->params)
    config.params.push_back(
        {param.key, read_param(param, *spec, object, f.pointer, n, config, problems)});
  for (const RefusedSetting& refused : spec->refuses) {
    if (!refused.refused(config)) continue;
    const Field setting = field(object, f.pointer, refused.key);
    std::string message = "'" + setting.name;  // appended piecewise: GCC 12 warns falsely
    message += "' does not apply to ";
    message += spec->name;
    add_problem(problems, setting.pointer, std::move(message), std::string(refused.hint));
  }
  refuse_foreign_keys(object, f.pointer, *spec, protocols, keys, problems);
  if (n && spec->refuse_size != nullptr) {
    SizeRefusal refusal = spec->refuse_size(config, *n, memory_budget);
    if (!refusal.message.empty())
      add_problem(problems,
                  refusal.key.empty() ? std::string("/agents")
                                      : field(object, f.pointer, refusal.key).pointer,
                  std::move(refusal.message), std::move(refusal.hint));
  }
  return config;
}

}  // namespace byzsim::convert
