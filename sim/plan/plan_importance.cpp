// simulate_importance: the stopping rule of stopping_rule.hpp, judged on estimate +- z se.
#include "sim/plan/plan_importance.hpp"

#include <algorithm>

#include "sim/agents/tilt_layout.hpp"
#include "sim/run/importance.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {

bool plain_cannot_separate(const PlanTargets& targets, const StoppingRule& rule) {
  return targets.max_p_wrong < wilson_bounds(0, rule.max_trials, rule.z).hi;
}

namespace {

Verdict judge_weighted(double p, double se, double target, double z) {
  if (target >= 1) return Verdict::meets;
  if (p + z * se <= target) return Verdict::meets;
  if (p - z * se > target) return Verdict::misses;
  return Verdict::undecided;
}

}  // namespace

std::optional<ImportanceOutcome> simulate_importance(const Scenario& plain,
                                                     const PlanTargets& targets,
                                                     const StoppingRule& rule) {
  Scenario s = plain;
  s.estimator.kind = Estimator::Kind::importance;
  if (!untiltable_reason(s).empty()) return std::nullopt;
  const TiltParams tilt = choose_tilt(s, 0);
  TrialRunner runner;
  runner.prepare(s, 0, &tilt);
  Tally tally;
  ImportanceOutcome out;
  ImportanceStats stats;
  bool decided = false;
  while (!decided && tally.trials < rule.max_trials) {
    const std::uint64_t end = std::min(rule.max_trials, tally.trials + rule.block_trials);
    run_weighted_trials(runner, tally.trials, end - tally.trials, tilt, tally);
    stats = importance_stats(tally, s.estimator, out.rates);
    constexpr int kWrong = static_cast<int>(Outcome::wrong);
    constexpr int kNone = static_cast<int>(Outcome::no_consensus);
    const Verdict wrong =
        judge_weighted(out.rates[kWrong].p, stats.rates[kWrong].se, targets.max_p_wrong, rule.z);
    const Verdict none = judge_weighted(out.rates[kNone].p, stats.rates[kNone].se,
                                        targets.max_p_no_consensus, rule.z);
    // A degenerate tilt decides nothing: its standard errors are not to be trusted.
    decided = !stats.degenerate() && wrong != Verdict::undecided && none != Verdict::undecided;
  }
  out.trials = tally.trials;
  out.undecided = !decided;
  return out;
}

}  // namespace byzsim
