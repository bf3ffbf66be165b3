// SafetyChecker: agreement, validity, quorums and broadcast consistency of one trial
// (docs/bracha.md, "Checker").
#include "sim/protocols/bracha/bracha_checker.hpp"

#include <algorithm>

namespace byzsim::bracha {

void SafetyChecker::start_trial(int honest, const int honest_inputs[2], bool provably_safe) {
  honest_ = honest;
  inputs_[0] = honest_inputs[0];
  inputs_[1] = honest_inputs[1];
  provably_safe_ = provably_safe;
  first_bit_ = -1;
  first_at_ = 0;
  decided_ = 0;
  last_round_ = 0;
  round_sum_ = 0;
  latency_sum_ns_ = 0;
  disagreement_ = false;
  invalid_ = false;
  bug_ = false;
  std::fill(delivered_.begin(), delivered_.end(), std::uint8_t{0});
}

std::string SafetyChecker::on_honest_decision(const DecisionFacts& d) {
  ++decided_;
  latency_sum_ns_ += d.at;
  round_sum_ += static_cast<std::uint64_t>(d.round);
  last_round_ = std::max(last_round_, d.round);
  std::string broken;
  auto add = [&](const std::string& what) {
    broken += (broken.empty() ? "" : "; ") + what;
    bug_ = true;
  };
  if (first_bit_ < 0) {
    first_bit_ = d.bit;
    first_at_ = d.at;
  } else if (d.bit != first_bit_ && !disagreement_) {
    disagreement_ = true;
    if (provably_safe_) add("agreement: honest agents decided both APPROVE and REJECT");
  }
  // Validity: every honest agent started from the other value, yet this one was decided.
  if (inputs_[d.bit] == 0 && inputs_[1 - d.bit] > 0) {
    invalid_ = true;
    if (provably_safe_)
      add("validity: agent " + std::to_string(d.agent) + " decided " +
          (d.bit ? "APPROVE" : "REJECT") + " although every honest input was the other value");
  }
  // The decision rule itself: true by construction, always checked.
  if (d.proposals < d.quorum)
    add("quorum: agent " + std::to_string(d.agent) + " decided in round " +
        std::to_string(d.round) + " on " + std::to_string(d.proposals) +
        " decision proposals, below " + std::to_string(d.quorum));
  return broken;
}

std::string SafetyChecker::on_honest_delivery(int origin, int round, int step, int value, int n) {
  const std::size_t index = static_cast<std::size_t>(round - 1) * 3 * static_cast<std::size_t>(n) +
                            static_cast<std::size_t>(step) * static_cast<std::size_t>(n) +
                            static_cast<std::size_t>(origin);
  if (index >= delivered_.size()) delivered_.resize(index + 1 + 3 * static_cast<std::size_t>(n), 0);
  std::uint8_t& first = delivered_[index];
  if (first == 0) {
    first = static_cast<std::uint8_t>(value + 1);
    return {};
  }
  if (first == value + 1 || !provably_safe_) return {};
  bug_ = true;
  return "reliable broadcast: honest agents delivered different values of agent " +
         std::to_string(origin) + "'s step " + std::to_string(step + 1) + " in round " +
         std::to_string(round);
}

}  // namespace byzsim::bracha
