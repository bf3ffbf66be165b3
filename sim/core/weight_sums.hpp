// What an importance-sampling run adds to a point's tally (docs/rare-events.md): per outcome
// the sum of the trials' likelihood ratios and of their squares, exactly (ExactSum), and what
// the pilot stage found. Zero in plain runs. Merged and encoded through Tally::for_each_field.
#pragma once

#include <cmath>
#include <cstdint>

#include "sim/core/exact_sum.hpp"
#include "sim/core/outcome.hpp"

namespace byzsim {

struct WeightSums {
  ExactSum weight[kOutcomeCount];   // sum over trials with the outcome of w
  ExactSum squared[kOutcomeCount];  // sum over the same trials of w^2
  // Wrong trials in the pilot's last stage (the same on every process, so merged by min);
  // UINT64_MAX in plain tallies and in tallies that ran no trial of the point.
  std::uint64_t pilot_events = UINT64_MAX;

  // One trial of outcome `o` whose likelihood ratio is exp(log_weight).
  void add(Outcome o, double log_weight) {
    const double w = std::exp(log_weight);
    weight[static_cast<int>(o)].add(w);
    squared[static_cast<int>(o)].add(w * w);
  }
};

}  // namespace byzsim
