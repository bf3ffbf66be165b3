// The coordinator's decision rule as expectations of one vote-count statistic, so one round's
// P(approve) and P(reject) are E[w(X)] for a 1-D X. Used by the round evaluator.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "analysis/exact/agent_law.hpp"
#include "analysis/exact/pmf.hpp"
#include "sim/model/exact_rule.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::exact {

// The statistics a round can be summarised by (all sums over agents):
// - intended_approvals: agents whose intended vote is approve, when every voter's vote is
//   counted with one common probability q. Given that count i, approvals ~ Bin(i, q) and
//   rejections ~ Bin(V - i, q) independently (drops thin each vote on its own), so every
//   rule is a weight on i: the 2-D vote table is never built.
// - approvals, rejections: counted votes of each kind (coordinator-vote whose quorums cannot
//   both be met, approve_quorum + reject_quorum > n).
// - difference: approvals minus rejections (majority).
enum class Statistic : std::uint8_t { intended_approvals, approvals, rejections, difference };

// What a probe measures: P(APPROVE), P(REJECT) or P(NO CONSENSUS) of one round.
enum class Target : std::uint8_t { approve, reject, none };

// The probability of `target` in one round is E[weights(X)] for X the statistic. A rule has
// probes for approve and reject, and one for none where it can be had without cancellation.
struct Probe {
  Statistic statistic = Statistic::approvals;
  Target target = Target::approve;
  Weights weights;
};

struct DecisionRule {
  std::vector<Probe> probes;
};

// The statistic of `count` agents that each follow `law`.
Pmf statistic_pmf(Statistic statistic, int count, const AgentLaw& law, WorkBudget& budget);

// The value one agent adds to the statistic, when it is not random.
bool point_contribution(Statistic statistic, const AgentLaw& law, int& value);

// Chooses the statistic for a trial's laws and builds (and caches) the weights.
class DecisionRules {
 public:
  // `rule`: the protocol's (its spec's ExactRule, passed in by the caller of compute_exact).
  DecisionRules(const Scenario& scenario, ExactRule rule);

  // nullptr when no 1-D statistic expresses the rule for these laws (coordinator-vote with
  // quorums that can both be met, and votes lost with different probabilities).
  const DecisionRule* rule_for(const std::vector<GroupLaws>& groups, WorkBudget& budget);

 private:
  const DecisionRule& thinned(int voters, double keep, WorkBudget& budget);

  bool majority_;
  int n_;
  int approve_quorum_;
  int reject_quorum_;
  std::map<std::pair<int, double>, DecisionRule> thinned_cache_;
  std::optional<DecisionRule> counted_;
};

}  // namespace byzsim::exact
