// SafetyChecker: agreement, validity and termination of one trial (docs/tendermint.md,
// "Checker").
#include "sim/protocols/tendermint/tm_checker.hpp"

namespace byzsim::tendermint {

void SafetyChecker::start_trial(int honest, bool provably_safe) {
  *this = SafetyChecker{};
  honest_ = honest;
  provably_safe_ = provably_safe;
}

std::string SafetyChecker::on_honest_decision(const DecisionFacts& d) {
  ++decided_;
  latency_sum_ns_ += d.at;
  std::string broken;
  auto add = [&](const std::string& what) {
    broken += (broken.empty() ? "" : "; ") + what;
    bug_ = true;
  };
  if (first_value_ == Vote::none) {
    first_value_ = d.value;
    first_at_ = d.at;
    first_round_ = d.round;
  } else if (d.value != first_value_ && !disagreement_) {
    disagreement_ = true;
    if (provably_safe_) add("agreement: honest agents decided both APPROVE and REJECT");
  }
  // Validity: at least `threshold` agents signed a vote for the value. Honest agents prevote
  // only certified proposals, but a quorum of Byzantine prevotes and precommits (b beyond the
  // quorums' tolerance) or a forged certificate (no signatures) can decide anything: a result
  // (invalid_decisions), a bug only in a provably safe configuration.
  if (static_cast<int>(d.signers) < d.threshold) {
    invalid_ = true;
    if (provably_safe_)
      add("validity: agent " + std::to_string(d.agent) + " decided with " +
          std::to_string(d.signers) + " signed votes, below the threshold " +
          std::to_string(d.threshold));
  }
  // A quorum must really have sent PRECOMMIT for it: true by construction, always checked,
  // except behind f + 1 unsigned DECIDE claims when b > f (they may all be Byzantine).
  if (static_cast<int>(d.precommitters) < d.quorum && !d.unsigned_claims_beyond_f) {
    without_quorum_ = true;
    add("precommit quorum: agent " + std::to_string(d.agent) + " decided in round " +
        std::to_string(d.round) + " with " + std::to_string(d.precommitters) +
        " PRECOMMIT senders, below " + std::to_string(d.quorum));
  }
  return broken;
}

}  // namespace byzsim::tendermint
