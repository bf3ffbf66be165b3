// The rounds of one trial as an absorbing Markov chain (Eigen): from the per-round chances to
// the trial's outcome probabilities and expected rounds started. Used by compute_exact.
#pragma once

#include <Eigen/Sparse>

#include "analysis/exact/round_evaluator.hpp"

namespace byzsim::exact {

struct RoundsOutcome {
  double approve = 0;
  double reject = 0;
  double none = 0;
  double expected_rounds = 0;  // rounds started: 1 + failed rounds, at most max_rounds
};

// Transient state r (0-based) = round r + 1 is running. From it the round decides APPROVE or
// REJECT (absorbing), or fails: to round r + 2, or to NO CONSENSUS after the last round.
// Solves (I - Q) t = 1 for the expected rounds and (I - Q) B = R for the absorption
// probabilities. The matrix is built once; solve() only refills the failure entries.
class RoundChain {
 public:
  explicit RoundChain(int max_rounds);

  // Rounds that are independent and identically distributed.
  RoundsOutcome solve(const RoundChances& per_round);

 private:
  int max_rounds_;
  Eigen::SparseMatrix<double> i_minus_q_;  // upper bidiagonal
  Eigen::MatrixXd rhs_;  // columns: 1, R(approve), R(reject), R(none); then the solution
};

// Rounds that repeat the first one exactly (nothing in a round is random once the trial's
// draws are known): a failed first round means every round fails.
RoundsOutcome repeated_rounds(const RoundChances& first, int max_rounds);

}  // namespace byzsim::exact
