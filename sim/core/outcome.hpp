// The shared vocabulary of decisions and trial outcomes (contract section 4), and what one
// trial reports. Produced by protocols, tallied by run/ and report/.
#pragma once

#include <cstdint>

#include "sim/core/time.hpp"

namespace byzsim {

enum class Decision : std::uint8_t { none = 0, approve = 1, reject = 2 };

// In the contract's order of precedence: disagreement beats no_consensus beats the rest.
enum class Outcome : std::uint8_t { correct = 0, wrong = 1, no_consensus = 2, disagreement = 3 };
inline constexpr int kOutcomeCount = 4;

struct TrialResult {
  Outcome outcome = Outcome::no_consensus;
  std::uint16_t rounds = 0;     // rounds (or views) started
  SimTime latency_ns = 0;       // proposal to decision; meaningful when decided
  std::uint32_t messages = 0;   // messages sent, lost ones included
  std::uint32_t corrupted = 0;  // agents replaced by the corruption block this trial
};

inline const char* to_string(Decision d) {
  return d == Decision::approve ? "APPROVE" : d == Decision::reject ? "REJECT" : "NO CONSENSUS";
}
inline const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::correct:
      return "correct";
    case Outcome::wrong:
      return "wrong";
    case Outcome::no_consensus:
      return "no_consensus";
    case Outcome::disagreement:
      return "disagreement";
  }
  return "?";
}

}  // namespace byzsim
