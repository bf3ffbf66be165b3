// What an importance-sampling row says beyond a plain one (docs/rare-events.md): per rate its
// standard error, relative error and effective sample size, the 95% interval computed from
// the weighted samples, and whether the weights can be trusted.
#pragma once

#include <optional>
#include <string_view>

#include "sim/core/tally.hpp"
#include "sim/model/estimator.hpp"

namespace byzsim {

struct Interval;

struct ImportanceRate {
  double se = 0;                  // standard error of the estimate
  std::optional<double> rel_err;  // se / estimate (empty when the estimate is 0)
  double ess = 0;                 // (sum w)^2 / sum w^2 over the trials with the outcome
};

// importance_status values: the tilt worked, or why the row's numbers are not to be trusted.
inline constexpr std::string_view kImportanceOk = "ok";
inline constexpr std::string_view kImportanceLowEss = "degenerate: low ess";
inline constexpr std::string_view kImportanceNoEvent = "degenerate: no wrong trial";
inline constexpr std::string_view kImportancePilotNoEvent =
    "degenerate: pilot found no wrong trial";

struct ImportanceStats {
  ImportanceRate rates[kOutcomeCount];
  std::string_view status = kImportanceOk;  // about p_wrong, the outcome the tilt aims at
  bool degenerate() const { return status != kImportanceOk; }
};

// The stats of an importance tally, and its rates with their 95% normal intervals (estimate
// +- 1.96 standard errors, clamped to [0, 1]) written into `rates` (kOutcomeCount of them).
ImportanceStats importance_stats(const Tally& tally, const Estimator& estimator, Interval* rates);

}  // namespace byzsim
