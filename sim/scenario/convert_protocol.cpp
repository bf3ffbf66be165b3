// The "protocol" object: type, f, quorums (counts or exact percentages of n), rounds, timeout.
#include <array>

#include "sim/scenario/convert.hpp"
#include "sim/scenario/suggest.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 7> kProtocolKeys{
    "type", "f", "approve_quorum", "reject_quorum", "max_rounds", "round_timeout", "rejudge"};

// Indexed like ProtocolConfig::Type; the first kImplementedProtocols are implemented.
constexpr std::array<std::string_view, 5> kProtocolNames{"coordinator-vote", "majority", "pbft",
                                                         "om", "sm"};
constexpr std::size_t kImplementedProtocols = 2;

std::optional<ProtocolConfig::Type> read_type(const Field& f, Problems& problems) {
  if (!f.present()) return ProtocolConfig::Type::coordinator_vote;
  const std::span<const std::string_view> implemented(kProtocolNames.data(), kImplementedProtocols);
  const std::string hint = "accepted: " + join_names(implemented);
  auto name = read_string(f, problems, hint);
  if (!name) return std::nullopt;
  for (std::size_t i = 0; i < kProtocolNames.size(); ++i) {
    if (kProtocolNames[i] != *name) continue;
    if (i < kImplementedProtocols) return static_cast<ProtocolConfig::Type>(i);
    add_problem(problems, f.pointer, "protocol '" + *name + "' is not implemented in this version",
                hint);
    return std::nullopt;
  }
  auto near = nearest_name(*name, kProtocolNames);
  add_problem(problems, f.pointer, "unknown protocol '" + *name + "'",
              hint + (near ? "; did you mean '" + *near + "'?" : ""));
  return std::nullopt;
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

}  // namespace

ProtocolConfig convert_protocol(const Field& f, std::optional<int> n, Problems& problems) {
  ProtocolConfig config;
  if (f.present() &&
      !read_object(f, problems, "accepted: an object with keys " + join_names(kProtocolKeys)))
    return config;
  const Json empty = Json::object();
  const Json& object = f.present() ? *f.value : empty;
  check_keys(object, f.pointer, kProtocolKeys, problems);
  if (auto type = read_type(field(object, f.pointer, "type"), problems)) config.type = *type;
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
  return config;
}

}  // namespace byzsim::convert
