// Dominance by a sweep in lexicographic order: any dominator of a design sorts before it, and
// a design dominated by a dominated one is dominated by a frontier member, so only the frontier
// found so far needs checking.
#include "sim/plan/plan_frontier.hpp"

#include <algorithm>
#include <tuple>

namespace byzsim {

namespace {

auto objectives(const PlanDesign& d) {
  return std::make_tuple(d.cost, d.p_wrong, d.p_no_consensus);
}

// Among equals the simpler rule first: simple majority, then the seed's quorums, then other
// quorums (and simulated protocols).
int rule_rank(const PlanDesign& d) {
  return d.exact_rule == ExactRule::majority ? 0 : d.rule == "seed" ? 1 : 2;
}

auto order_key(const PlanDesign& d) {
  return std::make_tuple(d.cost, d.p_wrong, d.p_no_consensus, d.n, rule_rank(d), d.max_rounds,
                         d.approve_quorum.value_or(0), d.reject_quorum.value_or(0));
}

}  // namespace

bool dominates(const PlanDesign& a, const PlanDesign& b) {
  return a.cost <= b.cost && a.p_wrong <= b.p_wrong && a.p_no_consensus <= b.p_no_consensus &&
         objectives(a) != objectives(b);
}

std::optional<std::size_t> rank_designs(std::vector<PlanDesign>& designs) {
  std::sort(designs.begin(), designs.end(),
            [](const PlanDesign& a, const PlanDesign& b) { return order_key(a) < order_key(b); });
  std::vector<const PlanDesign*> frontier;
  for (PlanDesign& d : designs) {
    d.dominated = std::any_of(frontier.begin(), frontier.end(),
                              [&](const PlanDesign* f) { return dominates(*f, d); });
    if (!d.dominated) frontier.push_back(&d);
  }
  std::stable_partition(designs.begin(), designs.end(),
                        [](const PlanDesign& d) { return d.feasible; });
  if (designs.empty() || !designs.front().feasible) return std::nullopt;
  designs.front().chosen = true;
  return 0;
}

}  // namespace byzsim
