// compute_exact: sums the trial model over the truth and the corruption draws; for each, the
// rounds are repeats of round 1 (nothing random within a round), i.i.d. (judgements redrawn or
// irrelevant), or i.i.d. given the judgements kept from round 1 (summed over those states).
#include "analysis/exact/exact.hpp"

#include <sstream>
#include <utility>
#include <vector>

#include "analysis/exact/agent_law.hpp"
#include "analysis/exact/corruption.hpp"
#include "analysis/exact/decision_rule.hpp"
#include "analysis/exact/latency.hpp"
#include "analysis/exact/round_chain.hpp"
#include "analysis/exact/round_evaluator.hpp"
#include "analysis/exact/support.hpp"
#include "sim/agents/strategy.hpp"

namespace byzsim {
namespace {

using namespace exact;

// About two seconds of arithmetic; beyond it the exact model declines and says why.
constexpr double kWorkLimit = 1.5e9;

struct Context {
  const Scenario& scenario;
  Timings timings;
  DecisionRules rules;
  RoundChain chain;
  WorkBudget budget{kWorkLimit};
  // The latency's extra arithmetic (rounds in which every vote is counted) has its own limit:
  // running out of it leaves the latency unknown, never the probabilities.
  WorkBudget latency_budget{kWorkLimit};
};

// What trials with one truth and one corruption draw give, per trial.
struct DrawResult {
  RoundsOutcome rounds;
  double messages = 0;
  std::optional<double> decided_ns;  // E[decision time x 1{decided}]; nullopt: not exact
};

// What the latency needs of one draw: the chance that all votes are counted in a round, the
// rule and laws given that, and how long such a round lasts.
struct LatencyPlan {
  bool known = false;
  AllCounted all;
  const DecisionRule* rule = nullptr;  // set when all.chance > 0
  double all_in_ns = 0;
  double timeout_ns = 0;

  TimedRound timed(const RoundChances& any, const RoundChances* all_counted) const {
    TimedRound out{any, {0, 0, 0}};
    if (rule != nullptr && all_counted != nullptr)
      out.all_in = joint_all_in(*all_counted, all.chance);
    return out;
  }
};

LatencyPlan plan_latency(Context& ctx, const std::vector<GroupLaws>& laws,
                         const CorruptionDraw& draw) {
  LatencyPlan plan;
  plan.timeout_ns = static_cast<double>(ctx.scenario.protocol.round_timeout_ns);
  std::optional<AllCounted> all = all_counted(laws);
  if (!all) return plan;
  plan.all = std::move(*all);
  if (plan.all.chance > 0) {
    const std::optional<double> arrived = all_arrived_ns(ctx.scenario, ctx.timings, draw);
    if (!arrived) return plan;
    plan.all_in_ns = *arrived;
    plan.rule = ctx.rules.rule_for(plan.all.laws, ctx.latency_budget);
    if (plan.rule == nullptr) return plan;
  }
  plan.known = true;
  return plan;
}

// P(round outcome, all votes counted) / chance, judgements drawn in the round.
std::optional<RoundChances> all_counted_round(Context& ctx, const LatencyPlan& plan) {
  if (!plan.known) return std::nullopt;
  if (plan.rule == nullptr) return RoundChances{0, 0, 0};
  return mixed_round(plan.all.laws, *plan.rule, ctx.latency_budget);
}

bool any_judgement_matters(const std::vector<GroupLaws>& groups) {
  for (const auto& g : groups) {
    if (g.judgement_matters()) return true;
  }
  return false;
}

RoundsOutcome kept_judgement_outcome(Context& ctx, const std::vector<GroupLaws>& laws,
                                     const DecisionRule& rule, const LatencyPlan& plan,
                                     std::optional<double>& decided_ns) {
  RoundsOutcome sum;
  const int max_rounds = ctx.scenario.protocol.max_rounds;
  const bool counting = plan.known && plan.rule != nullptr;
  decided_ns.reset();
  if (plan.known) decided_ns = 0.0;
  const RoundChances none_counted{0, 0, 0};
  const auto add = [&](const WeightedChances& state, const RoundChances* all_counted) {
    const RoundsOutcome o = ctx.chain.solve(state.chances);
    sum.approve += state.weight * o.approve;
    sum.reject += state.weight * o.reject;
    sum.none += state.weight * o.none;
    sum.expected_rounds += state.weight * o.expected_rounds;
    if (!decided_ns) return;
    if (counting && all_counted == nullptr) {
      decided_ns.reset();  // the latency's budget ran out
      return;
    }
    const TimedRound round = plan.timed(state.chances, counting ? all_counted : &none_counted);
    *decided_ns += state.weight * decided_time_ns(round, plan.all_in_ns, plan.timeout_ns,
                                                  max_rounds, false, ctx.latency_budget);
  };
  const CountedView view{plan.rule, &ctx.latency_budget};
  kept_judgement_rounds(laws, rule, add, ctx.budget, counting ? &view : nullptr);
  return sum;
}

std::optional<DrawResult> evaluate_draw(Context& ctx, bool truth_good, const CorruptionDraw& draw) {
  const Scenario& s = ctx.scenario;
  const auto laws = round_laws(s, ctx.timings, truth_good, draw);
  const DecisionRule* rule = ctx.rules.rule_for(laws, ctx.budget);
  if (rule == nullptr) return std::nullopt;
  const int max_rounds = s.protocol.max_rounds;
  const bool judging = any_judgement_matters(laws);
  const bool noise = has_round_noise(laws) || (s.protocol.rejudge && judging);
  DrawResult out;
  const LatencyPlan plan = plan_latency(ctx, laws, draw);
  const bool repeated = max_rounds == 1 || !noise;
  if (repeated || s.protocol.rejudge || !judging) {
    const RoundChances any = mixed_round(laws, *rule, ctx.budget);
    out.rounds = repeated ? repeated_rounds(any, max_rounds) : ctx.chain.solve(any);
    if (const auto all = all_counted_round(ctx, plan)) {
      out.decided_ns = decided_time_ns(plan.timed(any, &*all), plan.all_in_ns, plan.timeout_ns,
                                       max_rounds, repeated, ctx.latency_budget);
    }
  } else {
    out.rounds = kept_judgement_outcome(ctx, laws, *rule, plan, out.decided_ns);
  }
  if (ctx.latency_budget.exhausted()) out.decided_ns.reset();
  const double n = s.n();
  out.messages = out.rounds.expected_rounds * (n + expected_vote_messages(laws)) +
                 n * (out.rounds.approve + out.rounds.reject);
  return out;
}

// Why no 1-D statistic covers the rule: quorums that can both be met, and votes that are
// lost with different probabilities (omission).
std::string rule_problem(const Scenario& s) {
  const auto why = [](const AgentGroup& g) {
    return " (strategy " + std::string(strategy_of(g).name) +
           "): with approve_quorum + reject_quorum <= n the exact model needs every vote to be "
           "lost with the same probability";
  };
  const auto lossy = [](const AgentGroup& g) {
    const double loss = send_hooks(g).loss;
    return loss > 0 && loss < 1;
  };
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    if (s.agents[i].count > 0 && lossy(s.agents[i])) {
      return "agents[" + std::to_string(i) + "]" + why(s.agents[i]);
    }
  }
  return "corruption" + why(s.corruption.replacement);
}

std::string too_large(const Scenario& s, std::size_t draws) {
  std::ostringstream out;
  out << "the exact computation exceeds its work limit (n = " << s.n() << ", ";
  if (draws == 0) {
    out << "too many corruption draws to enumerate";
  } else {
    out << draws << " corruption draw(s)";
  }
  out << ", max_rounds = " << s.protocol.max_rounds
      << (s.protocol.rejudge ? "" : ", judgements kept across rounds") << ")";
  return out.str();
}

// Corruption with probability p in a one-round trial: each honest agent is a mixture of its
// two behaviours, no enumeration needed, provided the decision rule can still be expressed.
std::vector<WeightedDraw> draws_for(Context& ctx) {
  const Scenario& s = ctx.scenario;
  if (s.protocol.max_rounds == 1 && corruption_active(s) && s.corruption.by_probability) {
    const CorruptionDraw mixed{{}, s.corruption.p};
    if (ctx.rules.rule_for(round_laws(s, ctx.timings, true, mixed), ctx.budget) != nullptr) {
      return {WeightedDraw{1.0, mixed}};
    }
  }
  return corruption_draws(s, ctx.budget);
}

std::vector<std::pair<bool, double>> truths(const Truth& truth) {
  switch (truth.kind) {
    case Truth::Kind::good:
      return {{true, 1.0}};
    case Truth::Kind::bad:
      return {{false, 1.0}};
    case Truth::Kind::random:
      break;
  }
  std::vector<std::pair<bool, double>> out;
  if (truth.p_good > 0) out.emplace_back(true, truth.p_good);
  if (truth.p_good < 1) out.emplace_back(false, 1 - truth.p_good);
  return out;
}

}  // namespace

ExactReport compute_exact(const Scenario& s, ExactRule rule) {
  SupportCheck support = check_support(s);
  if (!support.reason.empty()) return ExactReport{std::nullopt, support.reason};
  Context ctx{s, std::move(support.timings), DecisionRules(s, rule),
              RoundChain(s.protocol.max_rounds)};
  const std::vector<WeightedDraw> draws = draws_for(ctx);
  ExactOutcome total;
  double decided_ns = 0;
  bool latency_known = true;
  for (const auto& [good, truth_weight] : truths(s.truth)) {
    for (const WeightedDraw& d : draws) {
      const std::optional<DrawResult> r = evaluate_draw(ctx, good, d.draw);
      if (!r) return ExactReport{std::nullopt, rule_problem(s)};
      if (ctx.budget.exhausted()) break;
      const double w = truth_weight * d.weight;
      total.p_correct += w * (good ? r->rounds.approve : r->rounds.reject);
      total.p_wrong += w * (good ? r->rounds.reject : r->rounds.approve);
      total.p_no_consensus += w * r->rounds.none;
      total.mean_rounds += w * r->rounds.expected_rounds;
      total.mean_messages += w * r->messages;
      if (r->decided_ns) {
        decided_ns += w * *r->decided_ns;
      } else {
        latency_known = false;
      }
    }
  }
  if (ctx.budget.exhausted() || draws.empty()) {
    return ExactReport{std::nullopt, too_large(s, draws.size())};
  }
  total.mean_corrupted = expected_corrupted(s);
  const double decided = total.p_correct + total.p_wrong;
  if (latency_known && decided > 0) total.mean_latency_s = decided_ns / decided / 1e9;
  return ExactReport{total, ""};
}

}  // namespace byzsim
