// bracha's safety checker: checks every honest decision as it happens for agreement (no two
// honest decisions differ), validity (when every honest input is v, only v is decided) and its
// quorum (2f + 1 decision proposals for the value among the n - f step-3 messages it used), and
// every honest reliable-broadcast delivery for consistency (no two honest agents deliver
// different values of one instance). Owned by the Bracha protocol; reset per trial.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::bracha {

// What the protocol knows about one honest decision when it happens.
struct DecisionFacts {
  int agent = 0;
  int bit = 0;  // 1 = APPROVE
  int round = 1;
  SimTime at = 0;
  int proposals = 0;  // step-3 "(d, bit)" messages among the n - f it decided on
  int quorum = 1;     // 2f + 1
};

class SafetyChecker {
 public:
  // `honest_inputs[b]`: honest agents whose input is bit b; `provably_safe`: b <= f (and
  // n > 3f), so that any violation is a bug in byzsim.
  void start_trial(int honest, const int honest_inputs[2], bool provably_safe);

  // Checks one honest decision; returns what it breaks that the configuration excludes (a bug),
  // or an empty string.
  std::string on_honest_decision(const DecisionFacts& d);
  // Checks one honest delivery of instance (origin, round, step) with `value`.
  std::string on_honest_delivery(int origin, int round, int step, int value, int n);

  bool disagreement() const { return disagreement_; }
  int decision_bit() const { return first_bit_; }  // -1 before any honest decision
  SimTime first_decision_at() const { return first_at_; }
  int honest() const { return honest_; }
  int honest_decided() const { return decided_; }
  int last_decision_round() const { return last_round_; }
  std::uint64_t decision_round_sum() const { return round_sum_; }
  SimTime latency_sum_ns() const { return latency_sum_ns_; }
  bool invalid_decision() const { return invalid_; }
  bool bug() const { return bug_; }

 private:
  int honest_ = 0;
  int inputs_[2] = {};
  bool provably_safe_ = true;
  int first_bit_ = -1;
  SimTime first_at_ = 0;
  int decided_ = 0;
  int last_round_ = 0;
  std::uint64_t round_sum_ = 0;
  SimTime latency_sum_ns_ = 0;
  bool disagreement_ = false;
  bool invalid_ = false;
  bool bug_ = false;
  // The first honest delivery per instance: value + 1 (0: none yet); index (round - 1) * 3n
  // + step * n + origin, grown on demand.
  std::vector<std::uint8_t> delivered_;
};

}  // namespace byzsim::bracha
