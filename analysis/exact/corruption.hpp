// The corruption draws of a trial, enumerated exactly: how many members of each honest group
// are corrupted, with probabilities. Used by compute_exact.
#pragma once

#include <vector>

#include "analysis/exact/agent_law.hpp"
#include "analysis/exact/pmf.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::exact {

struct WeightedDraw {
  double weight = 0;
  CorruptionDraw draw;
};

// By count: k uniform over [count_min, count_max] with both ends clamped to the number of
// honest agents (as the simulator draws it), then a uniform k-subset, so the per-group counts
// are multivariate hypergeometric. By probability: binomial per group. Draws of negligible
// probability are left out; an empty list means the budget ran out. Without corruption: one
// draw, nobody corrupted.
std::vector<WeightedDraw> corruption_draws(const Scenario& scenario, WorkBudget& budget);

// The expected number of corrupted agents in a trial.
double expected_corrupted(const Scenario& scenario);

}  // namespace byzsim::exact
