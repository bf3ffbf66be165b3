// tendermint's safety checker: checks every honest decision as it happens for agreement (no two
// honest decisions differ), validity (a genuine certificate of signed votes backs the value) and
// the precommit quorum behind it, and records termination per honest agent. Owned by the
// Tendermint protocol; reset per trial.
#pragma once

#include <cstdint>
#include <string>

#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::tendermint {

// What the protocol knows about one honest decision when it happens.
struct DecisionFacts {
  int agent = 0;
  Vote value = Vote::none;
  int round = 0;  // the round whose precommit quorum decided it (also for forwarded decisions)
  SimTime at = 0;
  std::uint32_t signers = 0;        // agents that signed a vote for `value` so far
  int threshold = 1;                // the vote certificate threshold of `value`
  std::uint32_t precommitters = 0;  // distinct senders of PRECOMMIT(round, value) to anyone
  int quorum = 1;
  // Decided on f + 1 unsigned DECIDE claims while more than f agents are Byzantine: the claims
  // may all be theirs, so no precommit quorum need stand behind them (a result, not a bug).
  bool unsigned_claims_beyond_f = false;
};

class SafetyChecker {
 public:
  // `provably_safe`: the configuration excludes disagreement and invalid decisions
  // (Config::provably_safe(b)).
  void start_trial(int honest, bool provably_safe);

  // Checks one honest decision; returns what it breaks that the configuration excludes (a
  // bug), or an empty string.
  std::string on_honest_decision(const DecisionFacts& d);

  bool disagreement() const { return disagreement_; }
  Vote decision() const { return first_value_; }  // the first honest decision's value
  SimTime first_decision_at() const { return first_at_; }
  int first_decision_round() const { return first_round_; }
  int honest() const { return honest_; }
  int honest_decided() const { return decided_; }
  SimTime latency_sum_ns() const { return latency_sum_ns_; }
  bool invalid_decision() const { return invalid_; }
  bool without_quorum() const { return without_quorum_; }
  bool bug() const { return bug_; }
  // The properties broken this trial, as TrialResult::broken bits, whatever the configuration
  // promises (`byzsim check` counts them).
  std::uint8_t broken() const {
    return static_cast<std::uint8_t>((disagreement_ ? kBrokenAgreement : 0) |
                                     (invalid_ ? kBrokenValidity : 0) |
                                     (without_quorum_ ? kBrokenQuorum : 0));
  }

 private:
  int honest_ = 0;
  bool provably_safe_ = true;
  Vote first_value_ = Vote::none;
  SimTime first_at_ = 0;
  int first_round_ = -1;
  int decided_ = 0;
  SimTime latency_sum_ns_ = 0;
  bool disagreement_ = false;
  bool invalid_ = false;
  bool without_quorum_ = false;
  bool bug_ = false;
};

}  // namespace byzsim::tendermint
