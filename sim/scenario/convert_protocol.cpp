// The "protocol" object: type, f, quorums (counts or exact percentages of n), rounds, timeout,
// and pbft's views, timeouts, prepare/commit quorums and signature switch.
#include <algorithm>
#include <array>

#include "sim/scenario/convert.hpp"
#include "sim/scenario/suggest.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 13> kProtocolKeys{"type",           "f",
                                                         "approve_quorum", "reject_quorum",
                                                         "max_rounds",     "round_timeout",
                                                         "rejudge",        "max_views",
                                                         "view_timeout",   "view_timeout_growth",
                                                         "prepare_quorum", "commit_quorum",
                                                         "signatures"};

// The keys only pbft takes.
constexpr std::array<std::string_view, 6> kPbftKeys{"max_views",           "view_timeout",
                                                    "view_timeout_growth", "prepare_quorum",
                                                    "commit_quorum",       "signatures"};

// Indexed like ProtocolConfig::Type; the first kImplementedProtocols are implemented.
constexpr std::array<std::string_view, 5> kProtocolNames{"coordinator-vote", "majority", "pbft",
                                                         "om", "sm"};
constexpr std::size_t kImplementedProtocols = 3;

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

// Reports each pbft key given for another protocol.
void refuse_pbft_keys(const Json& object, std::string_view pointer, ProtocolConfig::Type type,
                      Problems& problems) {
  for (std::string_view key : kPbftKeys) {
    const Field f = field(object, pointer, key);
    if (!f.present()) continue;
    add_problem(problems, f.pointer,
                "'" + f.name + "' applies to protocol pbft only, not " + to_string(type),
                "accepted: remove it, or set \"type\": \"pbft\"", Anchor::key);
  }
}

// max_views (or max_rounds, its coordinator spelling), timeouts, quorums, signatures.
void read_pbft(const Json& object, std::string_view pointer, std::optional<int> n,
               ProtocolConfig& config, Problems& problems) {
  const Field views = field(object, pointer, "max_views");
  const Field rounds = field(object, pointer, "max_rounds");
  if (views.present() && rounds.present())
    add_problem(problems, rounds.pointer, "both 'max_rounds' and 'max_views' are given",
                "accepted: one of them; for pbft 'max_rounds' is read as 'max_views'", Anchor::key);
  const int fallback = std::min(config.f + 2, kMaxRounds);
  config.max_views = rounds.present() ? config.max_rounds : fallback;
  const std::string views_hint = "accepted: an integer from 1 to " + std::to_string(kMaxRounds) +
                                 " (the default is f + 2 = " + std::to_string(config.f + 2) + ")";
  if (auto value = read_integer(views, problems, 1, kMaxRounds, views_hint))
    config.max_views = static_cast<int>(*value);
  config.view_timeout_ns =
      config.round_timeout_ns > kTimeNever / 2 ? kTimeNever / 2 : 2 * config.round_timeout_ns;
  if (auto timeout = read_sim_time(field(object, pointer, "view_timeout"), problems))
    config.view_timeout_ns = *timeout;
  config.view_timeout_growth =
      read_number(field(object, pointer, "view_timeout_growth"), problems, 1, 1000,
                  "accepted: a factor from 1 (constant timeouts) to 1000 (the default is 2)")
          .value_or(2);
  const auto prepare = read_quorum(field(object, pointer, "prepare_quorum"), n, problems);
  const auto commit = read_quorum(field(object, pointer, "commit_quorum"), n, problems);
  if (n) {
    const int safe = (*n + config.f + 2) / 2;  // ceil((n + f + 1) / 2): 2f+1 when n = 3f+1
    config.prepare_quorum = prepare.value_or(std::min(safe, *n));
    config.commit_quorum = commit.value_or(std::min(safe, *n));
  }
  config.signatures = read_bool(field(object, pointer, "signatures"), problems).value_or(true);
  const Field rejudge = field(object, pointer, "rejudge");
  if (config.rejudge)
    add_problem(problems, rejudge.pointer, "'rejudge' does not apply to pbft",
                "accepted: false (in pbft an agent signs one vote per trial and carries it "
                "through view changes)");
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
  if (config.type == ProtocolConfig::Type::pbft)
    read_pbft(object, f.pointer, n, config, problems);
  else
    refuse_pbft_keys(object, f.pointer, config.type, problems);
  return config;
}

}  // namespace byzsim::convert
