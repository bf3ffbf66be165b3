// Decision-rule weights. With a common counting probability q the rule is a weight on the
// number i of intended approvals among the V voters:
//   coordinator-vote: w_approve(i) = P(Bin(i,q) >= qa),
//                     w_reject(i)  = P(Bin(i,q) < qa) P(Bin(V-i,q) >= qr);
//   majority:         w_approve(i) = P(Bin(i,q) > Bin(V-i,q)), w_reject(i) likewise with <.
#include "analysis/exact/decision_rule.hpp"

#include <cassert>
#include <cmath>

#include "analysis/exact/binomial.hpp"

namespace byzsim::exact {
namespace {

struct Race {
  double greater = 0, smaller = 0, equal = 0;
};

// P(X > Y), P(X < Y) and P(X = Y) for independent X ~ Bin(x, q), Y ~ Bin(y, q).
Race binomial_race(int x, int y, double q, WorkBudget& budget) {
  // Far apart, the other order has probability below exp(-700) (Hoeffding's inequality for
  // X - Y, a sum of x + y independent terms of range 1): negligible, like the pmf tails.
  const double gap = std::abs(x - y) * q;
  if (gap * gap > 350.0 * (x + y)) return x > y ? Race{1, 0, 0} : Race{0, 1, 0};
  budget.spend(kCostPerLoaderMass * 4 * std::log2(x + y + 2.0));  // the two bisections
  // Rows that cannot overlap need no arithmetic.
  const auto [x_lo, x_hi] = binomial_support(x, q);
  const auto [y_lo, y_hi] = binomial_support(y, q);
  if (x_lo > y_hi) return Race{1, 0, 0};
  if (x_hi < y_lo) return Race{0, 1, 0};
  const Pmf px = binomial(x, q);
  const Pmf py = binomial(y, q);
  budget.spend(kCostPerRowMass * static_cast<double>(px.mass.size() + py.mass.size()));
  // above[i] = P(X >= px.lo + i), below[i] = P(X <= px.lo + i), each summed from its tail.
  const std::size_t size = px.mass.size();
  std::vector<double> above(size + 1, 0.0), below(size, 0.0);
  for (std::size_t i = size; i-- > 0;) above[i] = above[i + 1] + px.mass[i];
  double running = 0;
  for (std::size_t i = 0; i < size; ++i) below[i] = running += px.mass[i];
  Race race;
  for (int v = py.lo(); v <= py.hi(); ++v) {
    const double pv = py.at(v);
    race.equal += pv * px.at(v);
    const int over = v + 1 - px.lo();   // index of the first X value above v
    const int under = v - 1 - px.lo();  // index of the last X value below v
    race.greater += pv * (over <= 0                        ? above[0]
                          : over >= static_cast<int>(size) ? 0.0
                                                           : above[over]);
    race.smaller += pv * (under < 0                         ? 0.0
                          : under >= static_cast<int>(size) ? below[size - 1]
                                                            : below[under]);
  }
  return race;
}

// 1 where `holds(x)`, for x in [lo, hi].
template <class Predicate>
Weights indicator(int lo, int hi, Predicate holds) {
  Weights w{lo, std::vector<double>(static_cast<std::size_t>(hi - lo + 1), 0.0)};
  for (int x = lo; x <= hi; ++x) w.value[static_cast<std::size_t>(x - lo)] = holds(x) ? 1 : 0;
  return w;
}

// Whether every agent either surely votes with one common counting probability, or surely
// never counts; then returns that probability and the number V of such voters.
bool common_keep(const std::vector<GroupLaws>& groups, int& voters, double& keep) {
  voters = 0;
  keep = -1;
  for (const auto& g : groups) {
    for (const auto& part : g.parts) {
      for (const AgentLaw* law : {&part.if_right, &part.if_wrong}) {
        if (law->silent) continue;
        if (!law->voter || (keep >= 0 && law->keep != keep)) return false;
        keep = law->keep;
      }
      if (part.if_right.voter) voters += part.count;
    }
  }
  if (keep < 0) keep = 1;
  return true;
}

}  // namespace

Pmf statistic_pmf(Statistic statistic, int count, const AgentLaw& law, WorkBudget& budget) {
  const auto charged = [&budget](Pmf pmf) {
    budget.spend(kCostPerRowMass * static_cast<double>(pmf.mass.size()));
    return pmf;
  };
  switch (statistic) {
    case Statistic::intended_approvals:
      assert(law.voter || law.silent);
      return law.voter ? charged(binomial(count, law.approve)) : Pmf::point(0);
    case Statistic::approvals:
      return charged(binomial(count, law.counted_approve));
    case Statistic::rejections:
      return charged(binomial(count, law.counted_reject));
    case Statistic::difference:
      return trinomial_difference(count, law.counted_approve, law.counted_reject, budget);
  }
  return Pmf::point(0);
}

bool point_contribution(Statistic statistic, const AgentLaw& law, int& value) {
  const auto sure = [](double p) { return p == 0.0 || p == 1.0; };
  switch (statistic) {
    case Statistic::intended_approvals:
      value = law.voter ? static_cast<int>(law.approve) : 0;
      return law.silent || (law.voter && sure(law.approve));
    case Statistic::approvals:
      value = static_cast<int>(law.counted_approve);
      return sure(law.counted_approve);
    case Statistic::rejections:
      value = static_cast<int>(law.counted_reject);
      return sure(law.counted_reject);
    case Statistic::difference:
      value = static_cast<int>(law.counted_approve) - static_cast<int>(law.counted_reject);
      return sure(law.counted_approve) && sure(law.counted_reject);
  }
  return false;
}

DecisionRules::DecisionRules(const Scenario& s, ExactRule rule)
    : majority_(rule == ExactRule::majority),
      n_(s.n()),
      approve_quorum_(s.protocol.approve_quorum),
      reject_quorum_(s.protocol.reject_quorum) {}

const DecisionRule* DecisionRules::rule_for(const std::vector<GroupLaws>& groups,
                                            WorkBudget& budget) {
  int voters = 0;
  double keep = 1;
  if (common_keep(groups, voters, keep)) return &thinned(voters, keep, budget);
  const bool quorums_exclusive = approve_quorum_ + reject_quorum_ > n_;
  if (!majority_ && !quorums_exclusive) return nullptr;
  if (counted_) return &*counted_;
  auto& probes = counted_.emplace().probes;
  if (majority_) {
    const auto positive = [](int d) { return d > 0; };
    const auto negative = [](int d) { return d < 0; };
    const auto zero = [](int d) { return d == 0; };
    probes.push_back({Statistic::difference, Target::approve, indicator(-n_, n_, positive)});
    probes.push_back({Statistic::difference, Target::reject, indicator(-n_, n_, negative)});
    probes.push_back({Statistic::difference, Target::none, indicator(-n_, n_, zero)});
  } else {
    // The quorums cannot both be met, so P(REJECT) = P(rejections >= reject_quorum).
    const int qa = approve_quorum_, qr = reject_quorum_;
    probes.push_back(
        {Statistic::approvals, Target::approve, indicator(0, n_, [qa](int a) { return a >= qa; })});
    probes.push_back(
        {Statistic::rejections, Target::reject, indicator(0, n_, [qr](int r) { return r >= qr; })});
  }
  return &*counted_;
}

const DecisionRule& DecisionRules::thinned(int voters, double keep, WorkBudget& budget) {
  auto [it, fresh] = thinned_cache_.try_emplace({voters, keep});
  if (!fresh) return it->second;
  const std::size_t size = static_cast<std::size_t>(voters + 1);
  Weights approve{0, std::vector<double>(size, 0.0)};
  Weights reject = approve, none = approve;
  if (majority_) {
    for (int i = 0; i <= voters; ++i) {
      const Race race = binomial_race(i, voters - i, keep, budget);
      approve.value[static_cast<std::size_t>(i)] = race.greater;
      reject.value[static_cast<std::size_t>(i)] = race.smaller;
      none.value[static_cast<std::size_t>(i)] = race.equal;
    }
  } else {
    std::vector<double> a_up, a_low, r_up, r_low;
    budget.spend(kCostPerLoaderMass * 4.0 * voters);
    binomial_tails(voters, keep, approve_quorum_, a_up, a_low);
    binomial_tails(voters, keep, reject_quorum_, r_up, r_low);
    for (int i = 0; i <= voters; ++i) {
      const auto at = static_cast<std::size_t>(i);
      approve.value[at] = a_up[at];
      reject.value[at] = a_low[at] * r_up[static_cast<std::size_t>(voters - i)];
      none.value[at] = a_low[at] * r_low[static_cast<std::size_t>(voters - i)];
    }
  }
  it->second.probes = {{Statistic::intended_approvals, Target::approve, std::move(approve)},
                       {Statistic::intended_approvals, Target::reject, std::move(reject)},
                       {Statistic::intended_approvals, Target::none, std::move(none)}};
  return it->second;
}

}  // namespace byzsim::exact
