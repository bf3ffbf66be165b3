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
// Per-trial measurements a protocol defines for its own output columns (its ProtocolSpec's
// result columns say what each counter holds); summed over trials like every other field.
inline constexpr int kProtocolCounters = 16;

struct TrialResult {
  Outcome outcome = Outcome::no_consensus;
  std::uint16_t rounds = 0;     // rounds (or views) started
  SimTime latency_ns = 0;       // proposal to decision; meaningful when decided
  std::uint32_t messages = 0;   // messages sent, lost ones included
  std::uint32_t corrupted = 0;  // agents replaced by the corruption block this trial
  // Agents that behaved as honest, malicious and faulty this trial (Role order), after
  // corruption: the configured groups with the corrupted agents moved to their new role.
  std::uint32_t behaved[3] = {};
  std::uint64_t trial = 0;  // the trial's index in its point (set by the TrialRunner)
  // Safety checks (protocols with a checker, e.g. pbft). invalid_decision: an honest agent
  // committed a decision without a genuine certificate of signed votes (possible only with
  // signatures off). safety_violation: agreement or validity broken where the configuration
  // provably excludes it (signatures on, quorums intersecting in an honest agent, e.g. b <= f with
  // the default quorums): a bug in byzsim, to be reported with (point, trial) so that `byzsim
  // trace` replays it.
  bool invalid_decision = false;
  bool safety_violation = false;
  // Safety properties broken among honest agents this trial, whatever the configuration
  // promises (`byzsim check` counts them, docs/check.md): bits of kBroken* below. Set by
  // protocols with a safety checker (pbft, hotstuff, tendermint, bracha); 0 elsewhere.
  std::uint8_t broken = 0;
  // The protocol's own measurements (e.g. pbft: honest agents that committed, messages by kind).
  std::uint64_t counters[kProtocolCounters] = {};
};

// TrialResult::broken: two honest decisions differ; an honest decision on a value without the
// genuine certificate of signed votes the protocol requires (validity); an honest decision
// without the quorum of messages its rule requires (no quorum).
inline constexpr std::uint8_t kBrokenAgreement = 1;
inline constexpr std::uint8_t kBrokenValidity = 2;
inline constexpr std::uint8_t kBrokenQuorum = 4;

// A trial decided when its outcome is correct or wrong (latencies are over these trials).
inline constexpr bool is_decided(const TrialResult& r) {
  return r.outcome == Outcome::correct || r.outcome == Outcome::wrong;
}

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
