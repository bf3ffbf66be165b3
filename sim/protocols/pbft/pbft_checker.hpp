// pbft's safety checker: checks every honest commit as it happens for agreement (no two honest
// commits differ) and validity (a genuine certificate of signed votes and a commit quorum back
// it), and records termination per honest agent. Owned by the Pbft protocol; reset per trial.
#pragma once

#include <cstdint>
#include <string>

#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::pbft {

// What the protocol knows about one honest commit when it happens.
struct CommitFacts {
  int agent = 0;
  Vote value = Vote::none;
  int view = 0;  // the view whose commit quorum decided it (also for forwarded decisions)
  SimTime at = 0;
  std::uint32_t signers = 0;     // agents that signed a vote for `value` so far
  int threshold = 1;             // the certificate threshold of `value`
  std::uint32_t committers = 0;  // distinct senders of COMMIT(view, value)
  int commit_quorum = 1;
  // Decided on f + 1 unsigned DECIDE claims: with more than f Byzantine agents these can all be
  // theirs, so no COMMIT quorum need stand behind them.
  bool unsigned_claims_beyond_f = false;
};

class SafetyChecker {
 public:
  // `provably_safe`: the configuration excludes disagreement and invalid decisions
  // (Config::provably_safe(b): signatures on and quorums that intersect in an honest agent).
  void start_trial(int honest, bool provably_safe);

  // Checks one honest commit; returns what it breaks that the configuration excludes (a bug),
  // or an empty string.
  std::string on_honest_commit(const CommitFacts& c);

  bool disagreement() const { return disagreement_; }
  Vote decision() const { return first_value_; }  // the first honest commit's value
  SimTime first_commit_at() const { return first_at_; }
  int honest() const { return honest_; }
  int honest_decided() const { return decided_; }
  SimTime latency_sum_ns() const { return latency_sum_ns_; }
  bool invalid_decision() const { return invalid_; }
  bool bug() const { return bug_; }
  // The kBroken* bits of what honest commits broke this trial, whatever the configuration
  // promises (byzsim check counts them).
  std::uint8_t broken() const {
    return static_cast<std::uint8_t>((disagreement_ ? kBrokenAgreement : 0) |
                                     (invalid_ ? kBrokenValidity : 0) |
                                     (no_quorum_ ? kBrokenQuorum : 0));
  }

 private:
  int honest_ = 0;
  bool provably_safe_ = true;
  Vote first_value_ = Vote::none;
  SimTime first_at_ = 0;
  int decided_ = 0;
  SimTime latency_sum_ns_ = 0;
  bool disagreement_ = false;
  bool invalid_ = false;
  bool no_quorum_ = false;
  bool bug_ = false;
};

}  // namespace byzsim::pbft
