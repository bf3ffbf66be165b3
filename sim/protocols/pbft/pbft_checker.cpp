// SafetyChecker: agreement, validity and termination of one trial (docs/pbft.md, "Checker").
#include "sim/protocols/pbft/pbft_checker.hpp"

namespace byzsim::pbft {

void SafetyChecker::start_trial(int honest, bool provably_safe) {
  honest_ = honest;
  provably_safe_ = provably_safe;
  first_value_ = Vote::none;
  first_at_ = 0;
  decided_ = 0;
  latency_sum_ns_ = 0;
  disagreement_ = false;
  invalid_ = false;
  no_quorum_ = false;
  bug_ = false;
}

std::string SafetyChecker::on_honest_commit(const CommitFacts& c) {
  ++decided_;
  latency_sum_ns_ += c.at;
  std::string broken;
  auto add = [&](const std::string& what) {
    broken += (broken.empty() ? "" : "; ") + what;
    bug_ = true;
  };
  if (first_value_ == Vote::none) {
    first_value_ = c.value;
    first_at_ = c.at;
  } else if (c.value != first_value_ && !disagreement_) {
    disagreement_ = true;
    if (provably_safe_) add("agreement: honest agents committed both APPROVE and REJECT");
  }
  // Validity: at least `threshold` agents signed a vote for the value. An honest agent commits
  // on a commit quorum of COMMITs without checking the certificate behind them (PBFT's rule:
  // some sender is honest and prepared it), which holds only when quorums intersect in an
  // honest agent. Without signatures a Byzantine leader can forge the certificate, and with
  // b beyond the quorums' tolerance a quorum of Byzantine COMMITs can decide anything: both
  // are results (invalid_decisions), a bug only in a provably safe configuration.
  if (static_cast<int>(c.signers) < c.threshold) {
    invalid_ = true;
    if (provably_safe_)
      add("validity: agent " + std::to_string(c.agent) + " committed with " +
          std::to_string(c.signers) + " signed votes, below the threshold " +
          std::to_string(c.threshold));
  }
  // A commit quorum must really have sent COMMIT for it: true by construction, always checked,
  // except behind f + 1 unsigned DECIDE claims when b > f (they may all be Byzantine: a result).
  if (static_cast<int>(c.committers) < c.commit_quorum && !c.unsigned_claims_beyond_f) {
    no_quorum_ = true;
    add("commit quorum: agent " + std::to_string(c.agent) + " committed in view " +
        std::to_string(c.view) + " with " + std::to_string(c.committers) +
        " COMMIT senders, below " + std::to_string(c.commit_quorum));
  }
  return broken;
}

}  // namespace byzsim::pbft
