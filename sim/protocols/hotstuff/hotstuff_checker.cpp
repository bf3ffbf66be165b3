// SafetyChecker: agreement, validity, certification and termination of one trial
// (docs/hotstuff.md, "Checker").
#include "sim/protocols/hotstuff/hotstuff_checker.hpp"

namespace byzsim::hotstuff {

void SafetyChecker::start_trial(int honest, bool provably_safe) {
  honest_ = honest;
  provably_safe_ = provably_safe;
  first_value_ = Vote::none;
  first_at_ = 0;
  first_view_ = 0;
  decided_ = 0;
  latency_sum_ns_ = 0;
  disagreement_ = false;
  invalid_ = false;
  uncertified_ = false;
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
    first_view_ = c.view;
  } else if (c.value != first_value_ && !disagreement_) {
    disagreement_ = true;
    if (provably_safe_) add("agreement: honest agents committed both APPROVE and REJECT");
  }
  // Validity: the first block of the chain needed `threshold` signed review votes. Without
  // signatures a Byzantine leader forges that certificate: a result (invalid_decisions), a bug
  // only in a provably safe configuration.
  if (static_cast<int>(c.signers) < c.threshold) {
    invalid_ = true;
    if (provably_safe_)
      add("validity: agent " + std::to_string(c.agent) + " committed with " +
          std::to_string(c.signers) + " signed votes, below the threshold " +
          std::to_string(c.threshold));
  }
  // A three-chain of quorum certificates must stand behind every commit: true by construction,
  // always checked, except behind f + 1 unsigned DECIDE claims when b > f.
  if (!c.certified && !c.unsigned_claims_beyond_f) {
    uncertified_ = true;
    add("certificate: agent " + std::to_string(c.agent) + " committed view " +
        std::to_string(c.view) + " without a three-chain of quorum certificates");
  }
  return broken;
}

}  // namespace byzsim::hotstuff
