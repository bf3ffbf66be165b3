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
#include "analysis/exact/round_chain.hpp"
#include "analysis/exact/round_evaluator.hpp"
#include "analysis/exact/support.hpp"

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
};

// What trials with one truth and one corruption draw give, per trial.
struct DrawResult {
  RoundsOutcome rounds;
  double messages = 0;
};

bool any_judgement_matters(const std::vector<GroupLaws>& groups) {
  for (const auto& g : groups) {
    if (g.judgement_matters()) return true;
  }
  return false;
}

RoundsOutcome kept_judgement_outcome(Context& ctx, const std::vector<GroupLaws>& laws,
                                     const DecisionRule& rule) {
  RoundsOutcome sum;
  const auto add = [&](const WeightedChances& state) {
    const RoundsOutcome o = ctx.chain.solve(state.chances);
    sum.approve += state.weight * o.approve;
    sum.reject += state.weight * o.reject;
    sum.none += state.weight * o.none;
    sum.expected_rounds += state.weight * o.expected_rounds;
  };
  kept_judgement_rounds(laws, rule, add, ctx.budget);
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
  if (max_rounds == 1 || !noise) {
    out.rounds = repeated_rounds(mixed_round(laws, *rule, ctx.budget), max_rounds);
  } else if (s.protocol.rejudge || !judging) {
    out.rounds = ctx.chain.solve(mixed_round(laws, *rule, ctx.budget));
  } else {
    out.rounds = kept_judgement_outcome(ctx, laws, *rule);
  }
  const double n = s.n();
  out.messages = out.rounds.expected_rounds * (n + expected_vote_messages(laws)) +
                 n * (out.rounds.approve + out.rounds.reject);
  return out;
}

// Why no 1-D statistic covers the rule: quorums that can both be met, and votes that are
// lost with different probabilities (omission).
std::string rule_problem(const Scenario& s) {
  const std::string why =
      " (strategy omission): with approve_quorum + reject_quorum <= n the exact model needs "
      "every vote to be lost with the same probability";
  const auto lossy = [](const AgentGroup& g) {
    return g.strategy == Strategy::omission && g.p > 0 && g.p < 1;
  };
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    if (s.agents[i].count > 0 && lossy(s.agents[i])) {
      return "agents[" + std::to_string(i) + "]" + why;
    }
  }
  return "corruption" + why;
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

ExactReport compute_exact(const Scenario& s) {
  SupportCheck support = check_support(s);
  if (!support.reason.empty()) return ExactReport{std::nullopt, support.reason};
  Context ctx{s, std::move(support.timings), DecisionRules(s), RoundChain(s.protocol.max_rounds)};
  const std::vector<WeightedDraw> draws = draws_for(ctx);
  ExactOutcome total;
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
    }
  }
  if (ctx.budget.exhausted() || draws.empty()) {
    return ExactReport{std::nullopt, too_large(s, draws.size())};
  }
  total.mean_corrupted = expected_corrupted(s);
  return ExactReport{total, ""};
}

}  // namespace byzsim
