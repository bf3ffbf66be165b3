// Round evaluation with judgements drawn in the round: convolve the groups' statistic
// distributions (each a mixture over the group's judgement mode) and take the rule's
// expectations.
#include "analysis/exact/round_evaluator.hpp"

#include <algorithm>
#include <map>

namespace byzsim::exact {
namespace {

template <class LawOf>
Pmf parts_pmf(Statistic s, const std::vector<PartLaws>& parts, LawOf law_of, WorkBudget& budget) {
  Pmf out = Pmf::point(0);
  for (const auto& part : parts) {
    out = convolve(out, statistic_pmf(s, part.count, law_of(part), budget), budget);
  }
  return out;
}

// A group's statistic with its judgement drawn in the round: with probability `correlation`
// one shared draw (right with probability `accuracy`), else independent draws.
Pmf group_pmf(Statistic s, const GroupLaws& g, WorkBudget& budget) {
  const auto averaged = [&g](const PartLaws& p) { return p.averaged(g.accuracy); };
  if (!g.judgement_matters() || g.correlation <= 0) return parts_pmf(s, g.parts, averaged, budget);
  const auto right = [](const PartLaws& p) { return p.if_right; };
  const auto wrong = [](const PartLaws& p) { return p.if_wrong; };
  Pmf out;
  add_scaled(out, parts_pmf(s, g.parts, right, budget), g.correlation * g.accuracy);
  add_scaled(out, parts_pmf(s, g.parts, wrong, budget), g.correlation * (1 - g.accuracy));
  add_scaled(out, parts_pmf(s, g.parts, averaged, budget), 1 - g.correlation);
  return out;
}

}  // namespace

Pmf groups_pmf(Statistic s, const std::vector<GroupLaws>& groups, WorkBudget& budget) {
  Pmf out = Pmf::point(0);
  for (const auto& g : groups) {
    out = convolve(out, group_pmf(s, g, budget), budget);
    if (budget.exhausted()) break;
  }
  return out;
}

void add_chance(RoundChances& chances, Target target, double p) {
  switch (target) {
    case Target::approve:
      chances.approve += p;
      break;
    case Target::reject:
      chances.reject += p;
      break;
    case Target::none:
      chances.none = std::max(chances.none, 0.0) + p;
      break;
  }
}

double RoundChances::fail() const {
  return none >= 0 ? none : std::max(0.0, 1.0 - approve - reject);
}

RoundChances mixed_round(const std::vector<GroupLaws>& groups, const DecisionRule& rule,
                         WorkBudget& budget) {
  RoundChances out;
  std::map<Statistic, Pmf> pmfs;
  for (const Probe& probe : rule.probes) {
    auto it = pmfs.find(probe.statistic);
    if (it == pmfs.end()) {
      it = pmfs.emplace(probe.statistic, groups_pmf(probe.statistic, groups, budget)).first;
    }
    add_chance(out, probe.target, expect(it->second, probe.weights));
  }
  return out;
}

}  // namespace byzsim::exact
