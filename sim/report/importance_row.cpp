// importance_stats: the weighted estimator p = (1/N) sum w_i 1[outcome_i], its sample variance
// from sum w^2, and the checks on the weights (docs/rare-events.md, "Reading the columns").
#include "sim/report/importance_row.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/row.hpp"

namespace byzsim {

ImportanceStats importance_stats(const Tally& tally, const Estimator& estimator, Interval* rates) {
  ImportanceStats stats;
  const auto n = static_cast<double>(tally.trials);
  for (int o = 0; o < kOutcomeCount; ++o) {
    const double sum = tally.weights.weight[o].value();
    const double squares = tally.weights.squared[o].value();
    const double p = n > 0 ? sum / n : 0;
    const double variance = n > 1 ? std::max(0.0, (squares - n * p * p) / (n - 1)) : 0;
    ImportanceRate& rate = stats.rates[o];
    rate.se = n > 0 ? std::sqrt(variance / n) : 0;
    if (p > 0) rate.rel_err = rate.se / p;
    rate.ess = squares > 0 ? sum * sum / squares : 0;
    // A weighted estimate may pass 1 (p_correct when the tilt aims at wrong outcomes); a
    // probability is printed clamped, its se and ess say how good it is.
    rates[o] = Interval{std::min(p, 1.0), std::clamp(p - 1.96 * rate.se, 0.0, 1.0),
                        std::clamp(p + 1.96 * rate.se, 0.0, 1.0)};
  }
  constexpr int kWrong = static_cast<int>(Outcome::wrong);
  if (!estimator.tilt_given && tally.weights.pilot_events == 0)
    stats.status = kImportancePilotNoEvent;
  else if (tally.count(Outcome::wrong) == 0)
    stats.status = kImportanceNoEvent;
  else if (stats.rates[kWrong].ess < estimator.min_ess)
    stats.status = kImportanceLowEss;
  return stats;
}

}  // namespace byzsim
