// Decision latency: the chance that all votes arrive, their arrival time, and the expected
// decision time summed over the rounds.
#include "analysis/exact/latency.hpp"

#include <algorithm>
#include <cmath>

#include "sim/agents/strategy.hpp"

namespace byzsim::exact {
namespace {

double counted(const AgentLaw& law) {
  return law.counted_approve + law.counted_reject;
}

// A constant duration as Distribution's sampler rounds it to integer nanoseconds.
std::optional<SimTime> constant_ns(const Distribution& d) {
  if (d.kind == Distribution::Kind::constant) {
    return d.value_ns > 0 ? static_cast<SimTime>(d.value_ns + 0.5) : 0;
  }
  if (d.kind == Distribution::Kind::lognormal && d.sigma == 0) {
    return d.median_ns > 0 ? static_cast<SimTime>(d.median_ns + 0.5) : 0;
  }
  if (d.kind == Distribution::Kind::exponential && d.mean_ns == 0) return 0;
  if (d.kind == Distribution::Kind::uniform && d.min_ns == d.max_ns) {
    return d.min_ns > 0 ? static_cast<SimTime>(d.min_ns + 0.5) : 0;
  }
  return std::nullopt;
}

// Proposal latency, think time, vote latency (times the slow factor, truncated as
// Network::send does).
SimTime arrival_ns(SimTime latency, SimTime think, const AgentGroup& conduct) {
  const double factor = send_hooks(conduct).latency_factor;
  const SimTime vote =
      factor != 1.0 ? static_cast<SimTime>(static_cast<double>(latency) * factor) : latency;
  return latency + think + vote;
}

}  // namespace

std::optional<AllCounted> all_counted(const std::vector<GroupLaws>& groups) {
  AllCounted out;
  out.chance = 1;
  for (const auto& g : groups) {
    for (const auto& part : g.parts) {
      // Equal up to rounding for the mixtures of corruption by probability.
      const double c = counted(part.if_right);
      if (std::abs(c - counted(part.if_wrong)) > 1e-12 * c) return std::nullopt;
      out.chance *= std::pow(c, part.count);
    }
  }
  if (!(out.chance > 0)) return AllCounted{};
  out.laws = groups;
  for (auto& g : out.laws) {
    for (auto& part : g.parts) {
      part.if_right = given_counted(part.if_right);
      part.if_wrong = given_counted(part.if_wrong);
    }
  }
  return out;
}

std::optional<double> all_arrived_ns(const Scenario& s, const Timings& timings,
                                     const CorruptionDraw& draw) {
  const NetworkConfig& net = s.network;
  if (!net.partitions.empty() || net.gst.enabled || !net.links.empty()) return std::nullopt;
  const std::optional<SimTime> latency = constant_ns(net.latency);
  if (!latency) return std::nullopt;
  const AgentGroup& replacement = s.corruption.replacement;
  SimTime latest = 0;
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    const AgentGroup& g = s.agents[i];
    if (g.count == 0) continue;
    const std::optional<SimTime> think = constant_ns(g.think_time);
    if (!think) return std::nullopt;
    const SimTime own = arrival_ns(*latency, *think, g);
    const SimTime corrupted = arrival_ns(*latency, *think, replacement);
    int own_count = g.count, corrupted_count = 0;
    if (draw.mix_p >= 0 && g.role == Role::honest) {
      // Each member corrupted with probability mix_p. When all votes are counted, only members
      // whose votes can be counted are there; their arrival must not depend on the draw.
      const bool corrupted_counted = timings.corrupted[i].counted;
      if (draw.mix_p >= 1) own_count = 0;
      if (draw.mix_p > 0 && corrupted_counted) corrupted_count = g.count;
      if (own_count > 0 && corrupted_count > 0 && own != corrupted) return std::nullopt;
    } else if (!draw.per_group.empty()) {
      corrupted_count = draw.per_group[i];
      own_count = g.count - corrupted_count;
    }
    if (own_count > 0) latest = std::max(latest, own);
    if (corrupted_count > 0) latest = std::max(latest, corrupted);
  }
  return static_cast<double>(latest);
}

RoundChances joint_all_in(const RoundChances& c, double chance) {
  return RoundChances{chance * c.approve, chance * c.reject, chance * c.fail()};
}

double decided_time_ns(const TimedRound& round, double all_in_ns, double timeout_ns, int max_rounds,
                       bool repeated, WorkBudget& budget) {
  const double decide_all = round.all_in.approve + round.all_in.reject;
  const double fail_all = round.all_in.fail();
  const double decide = round.any.approve + round.any.reject;
  const double fail = round.any.fail();
  const double decide_late = std::max(0.0, decide - decide_all);
  const double fail_late = std::max(0.0, fail - fail_all);
  // E[duration x 1{the round decides}] and E[duration x 1{it fails}] of one round.
  const double decide_time = decide_all * all_in_ns + decide_late * timeout_ns;
  const double fail_time = fail_all * all_in_ns + fail_late * timeout_ns;
  if (repeated || max_rounds == 1) return decide_time;
  // Deciding in round r: r - 1 failed rounds then a deciding one, so
  // E[T 1{decided}] = sum_r fail^(r-1) decide_time + (r-1) fail^(r-2) fail_time decide.
  double sum = 0, power = 1, previous = 0;
  for (int r = 1; r <= max_rounds; ++r) {
    sum += power * decide_time + (r - 1) * previous * fail_time * decide;
    previous = power;
    power *= fail;
    if (power == 0 && previous == 0) break;
  }
  budget.spend(max_rounds);
  return sum;
}

}  // namespace byzsim::exact
