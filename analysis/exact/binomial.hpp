// Binomial and "trinomial difference" distributions, accurate to a few ulps far into the tails.
// Used by the exact analysis to build the per-round vote counts of groups of identical agents.
#pragma once

#include <utility>
#include <vector>

#include "analysis/exact/pmf.hpp"

namespace byzsim::exact {

// P(Bin(n, p) = k), by Loader's saddle-point method (as R's dbinom): relative error of a
// few ulps for every n, k, with no underflow before the true value underflows.
double binomial_pmf(int n, int k, double p);

// The whole distribution of Bin(n, p), negligible tails dropped.
Pmf binomial(int n, double p);

// The range [lo, hi] that binomial(n, p) keeps, found by bisection without building the row.
std::pair<int, int> binomial_support(int n, double p);

// at_least[m] = P(Bin(m, p) >= t) and below[m] = P(Bin(m, p) < t) for m = 0..max_m, by
// recurrences in m that only ever add positive terms (so small tails stay accurate):
// P(Bin(m+1) >= t) = P(Bin(m) >= t) + p P(Bin(m) = t-1), and the same step backwards for below.
void binomial_tails(int max_m, double p, int t, std::vector<double>& at_least,
                    std::vector<double>& below);

// The distribution of the sum of n independent agents that each add +1 with probability
// `plus`, -1 with probability `minus` and 0 otherwise (approvals minus rejections).
Pmf trinomial_difference(int n, double plus, double minus, WorkBudget& budget);

}  // namespace byzsim::exact
