// hotstuff's safety checker: checks every honest commit as it happens for agreement (no two
// honest commits differ), validity (the first block's value had a certificate of signed review
// votes) and certification (a three-chain of quorum certificates backs it), and records
// termination per honest agent. Owned by the HotStuff protocol; reset per trial.
#pragma once

#include <cstdint>
#include <string>

#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::hotstuff {

// What the protocol knows about one honest commit when it happens.
struct CommitFacts {
  int agent = 0;
  Vote value = Vote::none;
  int view = 0;  // the view of the committed block (for forwarded decisions: the sender's)
  SimTime at = 0;
  std::uint32_t signers = 0;  // agents that signed a review vote for `value` so far
  int threshold = 1;          // the certificate threshold of `value`
  // A three-chain of blocks of `value`, each voted for by a quorum of distinct senders, exists.
  bool certified = false;
  // Decided on f + 1 unsigned DECIDE claims: with more than f Byzantine agents these can all be
  // theirs, so no certificate need stand behind them.
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
  int first_commit_view() const { return first_view_; }
  int honest() const { return honest_; }
  int honest_decided() const { return decided_; }
  SimTime latency_sum_ns() const { return latency_sum_ns_; }
  bool invalid_decision() const { return invalid_; }
  bool uncertified() const { return uncertified_; }
  bool bug() const { return bug_; }
  // TrialResult::broken: what honest commits broke this trial, whatever the configuration
  // promises (agreement, validity, a commit without its three-chain of quorum certificates).
  std::uint8_t broken() const {
    return static_cast<std::uint8_t>((disagreement_ ? kBrokenAgreement : 0) |
                                     (invalid_ ? kBrokenValidity : 0) |
                                     (uncertified_ ? kBrokenQuorum : 0));
  }

 private:
  int honest_ = 0;
  bool provably_safe_ = true;
  Vote first_value_ = Vote::none;
  SimTime first_at_ = 0;
  int first_view_ = 0;
  int decided_ = 0;
  SimTime latency_sum_ns_ = 0;
  bool disagreement_ = false;
  bool invalid_ = false;
  bool uncertified_ = false;
  bool bug_ = false;
};

}  // namespace byzsim::hotstuff
