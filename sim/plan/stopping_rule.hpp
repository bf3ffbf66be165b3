// The sequential stopping rule of simulation-backed plan designs (pbft): simulate in blocks
// and stop once a rate's confidence interval lies wholly on one side of its target.
#pragma once

#include <cstdint>

namespace byzsim {

enum class Verdict : std::uint8_t { meets, misses, undecided };

// How long and how sure. The interval is Wilson's at `z`; the defaults give each look a
// two-sided error of 1e-4, so over at most max_trials / block_trials = 100 looks a wrong
// verdict has probability at most 1% (union bound over the looks).
struct StoppingRule {
  std::uint64_t block_trials = 2000;
  std::uint64_t max_trials = 200000;
  double z = 3.8906;  // two-sided 1e-4
};

// Whether `events` out of `trials` shows the rate at or below `target` (the whole interval is),
// above it (the whole interval is), or neither yet. A target of 1 is always met.
Verdict judge_rate(std::uint64_t events, std::uint64_t trials, double target, double z);

// Wilson's score interval at `z` (trials > 0).
struct RateBounds {
  double lo = 0, hi = 0;
};
RateBounds wilson_bounds(std::uint64_t events, std::uint64_t trials, double z);

}  // namespace byzsim
