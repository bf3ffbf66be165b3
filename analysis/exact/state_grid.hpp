// The joint distribution of kept judgements: how many agents of each behaviour class judged
// right in round 1. Used by the round evaluator when judgements are kept across rounds.
#pragma once

#include <cstddef>
#include <vector>

#include "analysis/exact/pmf.hpp"

namespace byzsim::exact {

// A dense table over (J_0, ..., J_{k-1}), J_c in [0, class_size[c]], of probabilities.
class StateGrid {
 public:
  // Starts with all mass on J = 0; `budget` is charged for the table's size.
  StateGrid(const std::vector<int>& class_sizes, WorkBudget& budget);

  // Folds in one group whose judging members number counts[c] in class c: with probability
  // `correlation` they share one draw (all right with probability `accuracy`), else each
  // judges independently.
  void add_group(const std::vector<int>& counts, double accuracy, double correlation,
                 WorkBudget& budget);

  std::size_t cells() const { return mass_.size(); }
  double mass(std::size_t cell) const { return mass_[cell]; }
  // The right-judgement count of class c in this cell.
  int coordinate(std::size_t cell, std::size_t c) const {
    return static_cast<int>((cell / stride_[c]) % static_cast<std::size_t>(extent_[c]));
  }

 private:
  std::vector<int> extent_;
  std::vector<std::size_t> stride_;
  std::vector<double> mass_;
  std::vector<double> independent_, next_;  // scratch tables, kept to avoid reallocation
};

}  // namespace byzsim::exact
