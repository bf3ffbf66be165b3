// StateGrid: a group's judgement draw is a mixture of "all right", "all wrong" and independent
// binomials per class, applied to the table as a shift, a copy and per-axis convolutions.
#include "analysis/exact/state_grid.hpp"

#include <algorithm>
#include <cassert>

#include "analysis/exact/binomial.hpp"

namespace byzsim::exact {

StateGrid::StateGrid(const std::vector<int>& class_sizes, WorkBudget& budget) {
  std::size_t cells = 1;
  for (int size : class_sizes) {
    extent_.push_back(size + 1);
    stride_.push_back(cells);
    cells *= static_cast<std::size_t>(size + 1);
    budget.spend(static_cast<double>(cells));
    if (budget.exhausted()) return;  // never allocate a table the budget cannot pay for
  }
  mass_.assign(cells, 0.0);
  mass_[0] = 1.0;
}

void StateGrid::add_group(const std::vector<int>& counts, double accuracy, double correlation,
                          WorkBudget& budget) {
  if (mass_.empty()) return;  // the budget could not pay for the table
  assert(counts.size() == extent_.size());
  // Independent judgements: convolve along each axis with Bin(counts[c], accuracy).
  std::vector<double>& independent = independent_;
  independent = mass_;
  for (std::size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] == 0) continue;
    const Pmf kernel = binomial(counts[c], accuracy);
    const auto occupied =
        std::count_if(independent.begin(), independent.end(), [](double v) { return v != 0.0; });
    budget.spend(static_cast<double>(independent.size()) +
                 static_cast<double>(occupied) * static_cast<double>(kernel.mass.size()));
    if (budget.exhausted()) return;
    std::vector<double>& next = next_;
    next.assign(independent.size(), 0.0);
    for (std::size_t cell = 0; cell < independent.size(); ++cell) {
      const double v = independent[cell];
      if (v == 0.0) continue;
      for (int k = kernel.lo(); k <= kernel.hi(); ++k) {
        assert(coordinate(cell, c) + k < extent_[c]);
        next[cell + static_cast<std::size_t>(k) * stride_[c]] += v * kernel.at(k);
      }
    }
    independent.swap(next);
  }
  // Shared judgement: everyone right (shift by counts) or everyone wrong (no shift).
  std::size_t shift = 0;
  for (std::size_t c = 0; c < counts.size(); ++c) shift += counts[c] * stride_[c];
  const double all_right = correlation * accuracy, all_wrong = correlation * (1 - accuracy);
  std::vector<double>& next = next_;
  next.assign(mass_.size(), 0.0);
  for (std::size_t cell = 0; cell < mass_.size(); ++cell) {
    const double v = mass_[cell];
    next[cell] += (1 - correlation) * independent[cell] + all_wrong * v;
    if (v != 0.0 && all_right != 0.0) next[cell + shift] += all_right * v;
  }
  mass_.swap(next);
}

}  // namespace byzsim::exact
