// tilt_layout: the slots in a fixed order (groups in file order, then drops), so that a tilt
// printed or given lines up with the same choices on every run.
#include "sim/agents/tilt_layout.hpp"

#include <algorithm>
#include <cmath>

#include "sim/agents/strategy.hpp"

namespace byzsim {

const char* to_string(TiltKind kind) {
  switch (kind) {
    case TiltKind::judgement:
      return "judgement";
    case TiltKind::shared_judgement:
      return "shared judgement";
    case TiltKind::correlation:
      return "correlation";
    case TiltKind::corruption:
      return "corruption";
    case TiltKind::drop:
      return "drop";
  }
  return "?";
}

namespace {

bool strictly_random(double p) {
  return p > 0 && p < 1;
}

int add_slot(TiltLayout& layout, TiltKind kind, int group, double p) {
  if (!strictly_random(p)) return -1;  // a certain choice draws nothing: nothing to tilt
  layout.slots.push_back(TiltSlotInfo{kind, group, p});
  return static_cast<int>(layout.slots.size()) - 1;
}

}  // namespace

std::vector<double> TiltLayout::nominal() const {
  std::vector<double> p;
  for (const TiltSlotInfo& slot : slots) p.push_back(slot.p);
  return p;
}

TiltLayout tilt_layout(const Scenario& scenario) {
  TiltLayout layout;
  const std::size_t groups = scenario.agents.size();
  layout.judgement.assign(groups, -1);
  layout.shared.assign(groups, -1);
  layout.correlation.assign(groups, -1);
  layout.corruption.assign(groups, -1);
  int honest = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    const AgentGroup& group = scenario.agents[g];
    const int gi = static_cast<int>(g);
    if (group.role == Role::honest) honest += group.count;
    if (group.count == 0) continue;
    if (strategy_of(group).judges) {
      const double wrong = 1 - group.accuracy;
      if (group.correlation < 1)
        layout.judgement[g] = add_slot(layout, TiltKind::judgement, gi, wrong);
      if (group.correlation > 0)
        layout.shared[g] = add_slot(layout, TiltKind::shared_judgement, gi, wrong);
      // The coin matters only when the judgement is random at all.
      if (strictly_random(wrong))
        layout.correlation[g] = add_slot(layout, TiltKind::correlation, gi, group.correlation);
    }
    const Corruption& c = scenario.corruption;
    if (c.enabled && c.by_probability && group.role == Role::honest)
      layout.corruption[g] = add_slot(layout, TiltKind::corruption, gi, c.p);
  }
  const Corruption& c = scenario.corruption;
  if (c.enabled && !c.by_probability) {
    const int lo = std::min(c.count_min, honest), hi = std::min(c.count_max, honest);
    if (hi > lo) {
      layout.count_lo = lo;
      layout.count_p.assign(static_cast<std::size_t>(hi - lo + 1), 1.0 / (hi - lo + 1));
    }
  }
  layout.drop = add_slot(layout, TiltKind::drop, -1, scenario.network.drop);
  return layout;
}

TiltParams nominal_tilt(const TiltLayout& layout) {
  return TiltParams{layout.nominal(), layout.count_p, UINT64_MAX, 0};
}

TiltParams given_tilt(const TiltLayout& layout, const GivenTilt& given) {
  TiltParams tilt = nominal_tilt(layout);
  for (std::size_t i = 0; i < layout.slots.size(); ++i) {
    const TiltKind kind = layout.slots[i].kind;
    const std::optional<double>& value =
        kind == TiltKind::judgement || kind == TiltKind::shared_judgement ? given.judgement
        : kind == TiltKind::correlation                                   ? given.correlation
        : kind == TiltKind::corruption                                    ? given.corruption
                                                                          : given.drop;
    if (value) tilt.q[i] = *value;
  }
  if (given.corruption && !layout.count_p.empty()) {
    // Binomial(span, t) over the range: a single tilt value moves the count up or down.
    const int span = static_cast<int>(layout.count_p.size()) - 1;
    const double t = *given.corruption;
    for (int c = 0; c <= span; ++c)
      tilt.count_q[static_cast<std::size_t>(c)] =
          std::exp(std::lgamma(span + 1.0) - std::lgamma(c + 1.0) - std::lgamma(span - c + 1.0) +
                   c * std::log(t) + (span - c) * std::log1p(-t));
  }
  return tilt;
}

std::string untiltable_reason(const Scenario& scenario) {
  if (!tilt_layout(scenario).empty()) return "";
  std::string reason =
      "nothing in it is drawn at random that importance sampling tilts (judgements of agents "
      "with accuracy strictly between 0 and 1, random corruption, message drops)";
  for (const AgentGroup& group : scenario.agents) {
    const std::string_view name = strategy_of(group).name;
    if (group.count > 0 && (name == "random" || name == "flip"))
      return reason + "; the votes strategy '" + std::string(name) +
             "' draws at random are not tilted";
  }
  return reason;
}

}  // namespace byzsim
