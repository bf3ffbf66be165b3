// Corruption draws. The hypergeometric weights are taken as ratios of binomial masses,
// prod_g Bin(k_g; h_g, pi) / Bin(k; H, pi) for any pi (here k/H), which Loader's method gives
// to a few ulps without forming huge binomial coefficients.
#include "analysis/exact/corruption.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include "analysis/exact/binomial.hpp"

namespace byzsim::exact {
namespace {

struct HonestGroup {
  std::size_t index = 0;
  int size = 0;
};

std::vector<HonestGroup> honest_groups(const Scenario& s) {
  std::vector<HonestGroup> out;
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    if (s.agents[i].role == Role::honest && s.agents[i].count > 0) {
      out.push_back({i, s.agents[i].count});
    }
  }
  return out;
}

// Calls visit(weight, counts) for every split of the corrupted agents over the honest groups,
// where mass(g, k) is the factor of group g having k corrupted and `total` fixes the sum
// (or is < 0 for no constraint). Each draw is charged `draw_cost`, what evaluating it will take
// at least, so that the list never outgrows what the budget can evaluate.
void enumerate_splits(const std::vector<HonestGroup>& groups, std::size_t agents, int total,
                      const std::function<double(std::size_t, int)>& mass,
                      const std::function<void(double, const std::vector<int>&)>& visit,
                      double draw_cost, WorkBudget& budget) {
  std::vector<int> counts(agents, 0);
  std::function<void(std::size_t, int, double)> walk = [&](std::size_t g, int left, double w) {
    if (budget.exhausted()) return;
    if (g == groups.size()) {
      budget.spend(draw_cost);
      if (total < 0 || left == 0) visit(w, counts);
      return;
    }
    int room_after = 0;  // how many the later groups can still take
    for (std::size_t h = g + 1; h < groups.size(); ++h) room_after += groups[h].size;
    const int lo = total < 0 ? 0 : std::max(0, left - room_after);
    const int hi = total < 0 ? groups[g].size : std::min(left, groups[g].size);
    budget.spend(kCostPerLoaderMass * (hi - lo + 1));
    for (int k = lo; k <= hi; ++k) {
      const double next = w * mass(g, k);
      if (next < kNegligible) continue;
      counts[groups[g].index] = k;
      walk(g + 1, left - k, next);
    }
    counts[groups[g].index] = 0;
  };
  walk(0, total, 1.0);
}

// The count is uniform over [count_min, count_max] with both ends clamped to the honest
// agents, as the simulator draws it.
std::pair<int, int> count_range(const Corruption& c, int honest) {
  return {std::clamp(c.count_min, 0, honest), std::clamp(c.count_max, 0, honest)};
}

}  // namespace

std::vector<WeightedDraw> corruption_draws(const Scenario& s, WorkBudget& budget) {
  const std::size_t agents = s.agents.size();
  if (!corruption_active(s)) return {WeightedDraw{1.0, CorruptionDraw{}}};
  const std::vector<HonestGroup> groups = honest_groups(s);
  const int honest = s.count_of(Role::honest);
  const double draw_cost = 1000.0 + 10.0 * s.n();
  std::vector<WeightedDraw> out;
  const auto keep = [&out](double weight, const std::vector<int>& counts) {
    out.push_back({weight, CorruptionDraw{counts, -1}});
  };
  const Corruption& c = s.corruption;
  if (c.by_probability) {
    const auto mass = [&](std::size_t g, int k) { return binomial_pmf(groups[g].size, k, c.p); };
    enumerate_splits(groups, agents, -1, mass, keep, draw_cost, budget);
  } else {
    const auto [lo, hi] = count_range(c, honest);
    for (int total = lo; total <= hi; ++total) {
      const double weight = 1.0 / (hi - lo + 1);
      const double pi = static_cast<double>(total) / honest;
      const double norm = binomial_pmf(honest, total, pi);
      const auto mass = [&](std::size_t g, int k) {
        return binomial_pmf(groups[g].size, k, pi) / (g == 0 ? norm : 1.0);
      };
      const auto scaled = [&](double w, const std::vector<int>& counts) {
        keep(weight * w, counts);
      };
      enumerate_splits(groups, agents, total, mass, scaled, draw_cost, budget);
    }
  }
  return budget.exhausted() ? std::vector<WeightedDraw>{} : out;
}

double expected_corrupted(const Scenario& s) {
  if (!corruption_active(s)) return 0.0;
  const int honest = s.count_of(Role::honest);
  const Corruption& c = s.corruption;
  if (c.by_probability) return c.p * honest;
  const auto [lo, hi] = count_range(c, honest);
  return 0.5 * (lo + hi);
}

}  // namespace byzsim::exact
