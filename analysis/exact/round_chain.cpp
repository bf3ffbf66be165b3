// RoundChain: an upper bidiagonal I - Q, solved by sparse back substitution (O(max_rounds)).
#include "analysis/exact/round_chain.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace byzsim::exact {

RoundChain::RoundChain(int max_rounds)
    : max_rounds_(max_rounds), i_minus_q_(max_rounds, max_rounds), rhs_(max_rounds, 4) {
  assert(max_rounds >= 1);
  std::vector<Eigen::Triplet<double>> entries;
  for (int r = 0; r < max_rounds; ++r) {
    entries.emplace_back(r, r, 1.0);
    // Stored even while zero so that solve() only rewrites values, never the pattern.
    if (r + 1 < max_rounds) entries.emplace_back(r, r + 1, 0.0);
  }
  i_minus_q_.setFromTriplets(entries.begin(), entries.end());
  i_minus_q_.makeCompressed();
}

RoundsOutcome RoundChain::solve(const RoundChances& per_round) {
  const double fail = per_round.fail();
  for (int r = 0; r + 1 < max_rounds_; ++r) i_minus_q_.coeffRef(r, r + 1) = -fail;
  rhs_.setZero();
  rhs_.col(0).setOnes();
  rhs_.col(1).setConstant(per_round.approve);
  rhs_.col(2).setConstant(per_round.reject);
  rhs_(max_rounds_ - 1, 3) = fail;
  // Solved in place: back substitution on the bidiagonal, no allocation per call.
  i_minus_q_.triangularView<Eigen::Upper>().solveInPlace(rhs_);
  return RoundsOutcome{rhs_(0, 1), rhs_(0, 2), rhs_(0, 3), rhs_(0, 0)};
}

RoundsOutcome repeated_rounds(const RoundChances& first, int max_rounds) {
  const double fail = first.fail();
  return RoundsOutcome{first.approve, first.reject, fail, 1.0 + (max_rounds - 1) * fail};
}

}  // namespace byzsim::exact
