// Rounds with judgements kept from round 1 (rejudge false). The agents whose vote depends on
// the kept judgement form classes of identical behaviour; a state is the number J_c of right
// judgements per class. Everything else is folded into the rule's weights once. The largest
// class is the grid's inner axis: for each state of the other (outer) classes their statistic
// is folded in too, so the inner loop is a lookup (or one short dot product) per state.
#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <utility>

#include "analysis/exact/round_evaluator.hpp"
#include "analysis/exact/state_grid.hpp"

namespace byzsim::exact {
namespace {

// Agents whose vote depends on a kept judgement, with identical laws.
struct JudgementClass {
  AgentLaw if_right, if_wrong;
  int size = 0;
};

// The model split into what depends on the judgement state and what does not.
struct Split {
  std::vector<GroupLaws> rest;                 // laws independent of the kept judgements
  std::vector<JudgementClass> classes;         // judging parts by behaviour, largest first
  std::vector<std::vector<int>> group_counts;  // per judging group: its members per class
  std::vector<const GroupLaws*> judging;       // those groups
};

std::size_t class_of(std::vector<JudgementClass>& classes, const PartLaws& part) {
  std::size_t c = 0;
  while (c < classes.size() &&
         !(classes[c].if_right == part.if_right && classes[c].if_wrong == part.if_wrong)) {
    ++c;
  }
  if (c == classes.size()) classes.push_back({part.if_right, part.if_wrong, 0});
  classes[c].size += part.count;
  return c;
}

Split split_by_judgement(const std::vector<GroupLaws>& groups) {
  Split split;
  std::vector<std::vector<std::pair<std::size_t, int>>> members;
  for (const auto& g : groups) {
    if (!g.judgement_matters()) {
      split.rest.push_back(g);
      continue;
    }
    GroupLaws fixed{g.index, g.accuracy, g.correlation, {}};
    auto& mine = members.emplace_back();
    for (const auto& part : g.parts) {
      if (part.depends_on_judgement()) {
        mine.emplace_back(class_of(split.classes, part), part.count);
      } else {
        fixed.parts.push_back(part);
      }
    }
    if (!fixed.parts.empty()) split.rest.push_back(std::move(fixed));
    split.judging.push_back(&g);
  }
  // Largest class first: it becomes the grid's inner axis.
  std::vector<std::size_t> order(split.classes.size()), rank(split.classes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return split.classes[a].size > split.classes[b].size;
  });
  std::vector<JudgementClass> sorted;
  for (std::size_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = i;
    sorted.push_back(split.classes[order[i]]);
  }
  split.classes = std::move(sorted);
  for (const auto& mine : members) {
    auto& counts = split.group_counts.emplace_back(split.classes.size(), 0);
    for (const auto& [c, count] : mine) counts[rank[c]] += count;
  }
  return split;
}

// The statistic of a class with `right` members judging right.
Pmf class_pmf(Statistic s, const JudgementClass& c, int right, WorkBudget& budget) {
  return convolve(statistic_pmf(s, right, c.if_right, budget),
                  statistic_pmf(s, c.size - right, c.if_wrong, budget), budget);
}

// The class's statistic when it is not random given `right`.
bool class_point(Statistic s, const JudgementClass& c, int right, int& value) {
  int r = 0, w = 0;
  if (!point_contribution(s, c.if_right, r) || !point_contribution(s, c.if_wrong, w)) return false;
  value = right * r + (c.size - right) * w;
  return true;
}

// The values the class's statistic can take while `right` is in [lo, hi].
std::pair<int, int> class_range(Statistic s, const JudgementClass& c, int lo, int hi) {
  int a = 0, b = 0;
  if (class_point(s, c, lo, a) && class_point(s, c, hi, b)) return {std::min(a, b), std::max(a, b)};
  return {s == Statistic::difference ? -c.size : 0, c.size};
}

double class_expectation(Statistic s, const JudgementClass& c, int right, const Weights& w,
                         WorkBudget& budget) {
  int value = 0;
  if (class_point(s, c, right, value)) return w.at(value);
  return expect(class_pmf(s, c, right, budget), w);
}

// The inner class's weights for one state of the outer classes (right[c], c >= 1).
Weights outer_folded(Statistic s, const Weights& folded, const Split& split,
                     const std::vector<int>& right, std::pair<int, int> inner, WorkBudget& budget) {
  Pmf outer = Pmf::point(0);
  for (std::size_t c = 1; c < split.classes.size(); ++c) {
    outer = convolve(outer, class_pmf(s, split.classes[c], right[c], budget), budget);
  }
  return fold(outer, folded, inner.first, inner.second, budget);
}

// The rest of the agents folded into each probe's weights, over the classes' joint values.
std::vector<Weights> fold_rest(const Split& split, const DecisionRule& rule, WorkBudget& budget) {
  int total = 0;
  for (const auto& c : split.classes) total += c.size;
  std::vector<Weights> out;
  std::map<Statistic, Pmf> rest;
  for (const Probe& probe : rule.probes) {
    auto it = rest.find(probe.statistic);
    if (it == rest.end()) {
      it = rest.emplace(probe.statistic, groups_pmf(probe.statistic, split.rest, budget)).first;
    }
    const int lo = probe.statistic == Statistic::difference ? -total : 0;
    out.push_back(fold(it->second, probe.weights, lo, total, budget));
  }
  return out;
}

// One way of evaluating the rounds: the split's laws under a rule, with its own budget.
struct View {
  Split split;
  const DecisionRule* rule = nullptr;
  WorkBudget* budget = nullptr;
  std::vector<Weights> folded;
  std::vector<Weights> inner_weights;

  View(Split s, const DecisionRule& r, WorkBudget& b)
      : split(std::move(s)), rule(&r), budget(&b), inner_weights(r.probes.size()) {
    folded = fold_rest(split, *rule, *budget);
  }

  // The inner class's weights for one state of the outer classes, its span [lo, hi].
  void prepare_run(const std::vector<int>& right, int lo, int hi) {
    if (split.classes.size() <= 1) return;
    const JudgementClass& inner = split.classes.front();
    for (std::size_t p = 0; p < rule->probes.size(); ++p) {
      const Statistic s = rule->probes[p].statistic;
      inner_weights[p] =
          outer_folded(s, folded[p], split, right, class_range(s, inner, lo, hi), *budget);
    }
  }

  // The chances of one round with j members of the inner class judging right.
  RoundChances chances(int j) {
    RoundChances out;
    const JudgementClass& inner = split.classes.front();
    for (std::size_t p = 0; p < rule->probes.size(); ++p) {
      const Weights& w = split.classes.size() > 1 ? inner_weights[p] : folded[p];
      add_chance(out, rule->probes[p].target,
                 class_expectation(rule->probes[p].statistic, inner, j, w, *budget));
    }
    budget->spend(static_cast<double>(rule->probes.size()));
    return out;
  }
};

// The split with every law replaced by its given_counted law: the same classes and states.
Split counted_split(const Split& split) {
  Split out = split;
  for (auto& g : out.rest) {
    for (auto& part : g.parts) {
      part.if_right = given_counted(part.if_right);
      part.if_wrong = given_counted(part.if_wrong);
    }
  }
  for (auto& c : out.classes) {
    c.if_right = given_counted(c.if_right);
    c.if_wrong = given_counted(c.if_wrong);
  }
  return out;
}

}  // namespace

void kept_judgement_rounds(
    const std::vector<GroupLaws>& groups, const DecisionRule& rule,
    const std::function<void(const WeightedChances&, const RoundChances* all_counted)>& visit,
    WorkBudget& budget, const CountedView* counted) {
  View view(split_by_judgement(groups), rule, budget);
  const Split& split = view.split;
  std::vector<int> sizes;
  for (const auto& c : split.classes) sizes.push_back(c.size);
  StateGrid grid(sizes, budget);
  for (std::size_t i = 0; i < split.judging.size(); ++i) {
    const GroupLaws& g = *split.judging[i];
    grid.add_group(split.group_counts[i], g.accuracy, g.correlation, budget);
  }
  std::unique_ptr<View> all;
  if (counted != nullptr)
    all = std::make_unique<View>(counted_split(split), *counted->rule, *counted->budget);
  const JudgementClass& inner = split.classes.front();
  const auto run = static_cast<std::size_t>(inner.size + 1);
  std::vector<int> right(split.classes.size(), 0);
  for (std::size_t start = 0; start < grid.cells() && !budget.exhausted(); start += run) {
    // The run of cells that share the outer classes' state; its non-negligible span.
    int lo = inner.size + 1, hi = -1;
    for (int j = 0; j <= inner.size; ++j) {
      if (grid.mass(start + static_cast<std::size_t>(j)) >= kNegligible)
        lo = std::min(lo, j), hi = j;
    }
    if (hi < 0) continue;
    for (std::size_t c = 1; c < right.size(); ++c) right[c] = grid.coordinate(start, c);
    view.prepare_run(right, lo, hi);
    if (all && all->budget->exhausted()) all.reset();
    if (all) all->prepare_run(right, lo, hi);
    for (int j = lo; j <= hi; ++j) {
      const double weight = grid.mass(start + static_cast<std::size_t>(j));
      if (weight < kNegligible) continue;
      const WeightedChances state{weight, view.chances(j)};
      if (all && all->budget->exhausted()) all.reset();
      if (all) {
        const RoundChances all_counted = all->chances(j);
        visit(state, &all_counted);
      } else {
        visit(state, nullptr);
      }
    }
  }
}

}  // namespace byzsim::exact
