// The exact model's coverage checks. Each failure names where it comes from, e.g.
// "agents[2] (strategy collude): ...", so a user can see which part to simulate instead.
#include "analysis/exact/support.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "sim/agents/strategy.hpp"

namespace byzsim::exact {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Interval {
  double lo = 0, hi = 0;  // nanoseconds; hi may be infinite
};

const char* kind_name(Distribution::Kind kind) {
  switch (kind) {
    case Distribution::Kind::constant:
      return "constant";
    case Distribution::Kind::uniform:
      return "uniform";
    case Distribution::Kind::exponential:
      return "exponential";
    case Distribution::Kind::lognormal:
      return "lognormal";
  }
  return "?";
}

Interval bounds(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::constant:
      return {d.value_ns, d.value_ns};
    case Distribution::Kind::uniform:
      return {d.min_ns, d.max_ns};
    case Distribution::Kind::exponential:
      return {0, d.mean_ns == 0 ? 0 : kInfinity};
    case Distribution::Kind::lognormal:
      if (d.median_ns == 0) return {0, 0};
      if (d.sigma == 0) return {d.median_ns, d.median_ns};
      return {0, kInfinity};
  }
  return {0, kInfinity};
}

std::string seconds(double ns) {
  std::ostringstream out;
  out << ns / 1e9 << " s";
  return out.str();
}

// Whether the group ever has a vote to send: its law gives one for some judgement.
bool sends_votes(const AgentGroup& g) {
  const ExactLaw& law = *strategy_of(g).exact_law;
  for (bool right : {true, false}) {
    const VoteLaw v = law.intent(g, right);
    if (v.right + v.wrong + v.approve + v.reject > 0) return true;
  }
  return false;
}

// Why this behaviour is outside the model, or "" when it is inside: a strategy without an exact
// law in the strategy table, or parameters its law does not cover.
std::string strategy_problem(const AgentGroup& g, const std::string& who) {
  const StrategySpec& spec = strategy_of(g);
  const std::string name = who + " (strategy " + std::string(spec.name) + ")";
  if (spec.exact_law == nullptr) return name + ": " + std::string(spec.no_exact_law_why);
  if (spec.exact_law->unsupported == nullptr) return "";
  const std::string why = spec.exact_law->unsupported(g);
  return why.empty() ? "" : name + ": " + why;
}

// Whether votes with this think time and slow factor surely count or surely arrive late. A late
// vote is sent at proposal arrival + think unless the round has closed (at its timeout) by then.
std::string classify_timing(const Scenario& s, const std::string& who, const Distribution& think,
                            double factor, VoteTiming& timing) {
  const Interval latency = bounds(s.network.latency);
  const Interval thinking = bounds(think);
  const double timeout = static_cast<double>(s.protocol.round_timeout_ns);
  const double earliest = latency.lo * (1 + factor) + thinking.lo;
  const double latest = latency.hi * (1 + factor) + thinking.hi;
  timing = VoteTiming{};
  if (latest + kTimingMarginNs < timeout) return "";
  if (earliest > timeout + kTimingMarginNs) {
    timing.counted = false;
    const double first_send = latency.lo + thinking.lo, last_send = latency.hi + thinking.hi;
    if (last_send + kTimingMarginNs < timeout) return "";
    if (first_send > timeout + kTimingMarginNs) {
      timing.sent = false;
      return "";
    }
    return who + ": its late votes are sent between " + seconds(first_send) + " and " +
           seconds(last_send) + ", so the round may close before or after they are sent";
  }
  if (latency.hi == kInfinity) {
    return std::string("network.latency (") + kind_name(s.network.latency.kind) +
           "): unbounded, so a vote may or may not arrive before round_timeout";
  }
  if (thinking.hi == kInfinity) {
    return who + " (think_time " + kind_name(think.kind) +
           "): unbounded, so a vote may or may not arrive before round_timeout";
  }
  return who + ": votes arrive between " + seconds(earliest) + " and " + seconds(latest) +
         ", which straddles round_timeout " + seconds(timeout);
}

// Which protocols the model covers is not decided here, since analysis/exact is built below the
// protocols and sees no spec: a protocol's spec names its ExactRule, and the callers only call
// compute_exact with one (byzsim exact refuses the others, naming those covered; plan
// simulates them). Here only the settings every covered rule needs.
std::string protocol_problem(const Scenario& s) {
  if (s.protocol.max_rounds < 1) return "protocol.max_rounds: must be at least 1";
  const double rounds_ns =
      static_cast<double>(s.protocol.max_rounds) * static_cast<double>(s.protocol.round_timeout_ns);
  if (s.limits.time_ns != 0 && static_cast<double>(s.limits.time_ns) <= rounds_ns) {
    return "limits.time: a trial may be cut before its last round ends";
  }
  // A generous bound on one trial's events: per round a proposal, a think timer and a vote per
  // agent plus the timeout, then the decision broadcast.
  const double n = s.n();
  const double events = s.protocol.max_rounds * (4 * n + 8) + 2 * n + 16;
  if (s.limits.events != 0 && static_cast<double>(s.limits.events) < events) {
    return "limits.events: a trial may be cut before its last round ends";
  }
  return "";
}

// The network settings the exact model covers: latency (when bounded, see classify_timing)
// and independent drops. Everything else is refused by its JSON pointer, so a setting added to
// the network later is refused until the model learns it (an allow-list, never a deny-list).
std::string network_problem(const NetworkConfig& network) {
  NetworkConfig modelled;
  modelled.latency = network.latency;
  modelled.drop = network.drop;
  if (network == modelled) return "";
  if (network.gst.enabled)
    return "/network/gst: partial synchrony delays messages sent before GST, which the exact "
           "model does not cover";
  if (!network.partitions.empty())
    return "/network/partitions: partitions hold or drop messages by time and place, which the "
           "exact model does not cover";
  if (!network.links.empty())
    return "/network/links: slow links change latencies per pair of agents, which the exact "
           "model does not cover";
  return "/network: a setting the exact model does not cover (it models latency and drop)";
}

// Checks one kind of agent (a group, or the corrupted members of a group) end to end. Think
// time is always the group's own (the simulator keeps it for corrupted members too).
std::string check_agent(const Scenario& s, const AgentGroup& conduct, const std::string& who,
                        const Distribution& think, VoteTiming& timing) {
  timing = VoteTiming{};
  if (auto problem = strategy_problem(conduct, who); !problem.empty()) return problem;
  if (!sends_votes(conduct)) return "";
  // A strategy that slows its messages is named in timing problems.
  const double factor = send_hooks(conduct).latency_factor;
  const std::string name = strategy_of(conduct).takes(ParameterKey::factor)
                               ? who + " (strategy " + std::string(strategy_of(conduct).name) + ")"
                               : who;
  return classify_timing(s, name, think, factor, timing);
}

}  // namespace

bool corruption_active(const Scenario& s) {
  if (!s.corruption.enabled || s.count_of(Role::honest) == 0) return false;
  return s.corruption.by_probability ? s.corruption.p > 0 : s.corruption.count_max > 0;
}

SupportCheck check_support(const Scenario& s) {
  SupportCheck out;
  out.reason = protocol_problem(s);
  if (out.reason.empty()) out.reason = network_problem(s.network);
  if (!out.reason.empty()) return out;
  const std::size_t groups = s.agents.size();
  out.timings.own.assign(groups, VoteTiming{});
  out.timings.corrupted.assign(groups, VoteTiming{});
  const bool corrupting = corruption_active(s);
  for (std::size_t i = 0; i < groups; ++i) {
    const AgentGroup& g = s.agents[i];
    if (g.count == 0) continue;
    const std::string who = "agents[" + std::to_string(i) + "]";
    out.reason = check_agent(s, g, who, g.think_time, out.timings.own[i]);
    if (!out.reason.empty()) return out;
    if (!corrupting || g.role != Role::honest) continue;
    out.reason = check_agent(s, s.corruption.replacement, "corruption", g.think_time,
                             out.timings.corrupted[i]);
    if (!out.reason.empty()) return out;
  }
  return out;
}

}  // namespace byzsim::exact
