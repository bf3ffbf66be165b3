// tendermint's vocabulary: its settings resolved for one sweep point, the event kinds, and the
// packing of event payloads. Used by the tendermint*.cpp files and tests.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::tendermint {

// Event kinds (Event::kind); Event::round is the round. Messages are kVote..kDecide.
enum Kind : std::uint16_t {
  kThink,           // an agent's review is over: it signs its vote and sends it to every agent
  kVote,            // a signed VOTE; payload = pack(sender, value)
  kProposal,        // the round's proposer's PROPOSAL; payload = pack_proposal(value, valid round)
  kPrevote,         // payload = pack(sender, value), Vote::none for nil
  kPrecommit,       // payload = pack(sender, value), Vote::none for nil
  kDecide,          // a decided agent's commit certificate; payload = pack(sender, value)
  kTimeoutPropose,  // OnTimeoutPropose(round)
  kTimeoutPrevote,  // OnTimeoutPrevote(round)
  kTimeoutPrecommit,  // OnTimeoutPrecommit(round)
  kProposeWindow,     // the end of a proposer's wait for a vote certificate in a round
  kRoundDeadline,     // a round still running long after its timeouts (lost messages)
};
inline constexpr int kMessageKinds = 5;  // kVote..kDecide
inline int message_index(int kind) {
  return kind - kVote;
}
const char* message_name(int kind);  // "VOTE", "PROPOSAL", ...
// The phase table (ProtocolSpec::phases): message_index(kind) names kind's phase.
inline constexpr std::string_view kPhases[kMessageKinds] = {"vote", "proposal", "prevote",
                                                            "precommit", "decide"};

// approve -> 0, reject -> 1, nil -> 2 (arrays indexed by value).
inline int index_of(Vote v) {
  return v == Vote::approve ? 0 : v == Vote::reject ? 1 : 2;
}
inline Vote value_at(int index) {
  return index == 0 ? Vote::approve : index == 1 ? Vote::reject : Vote::none;
}
inline std::uint32_t pack(int sender, Vote v) {
  return (static_cast<std::uint32_t>(sender) << 2) | static_cast<std::uint32_t>(v);
}
inline int sender_of(std::uint32_t payload) {
  return static_cast<int>(payload >> 2);
}
inline Vote value_of(std::uint32_t payload) {
  return static_cast<Vote>(payload & 3);
}
// A PROPOSAL carries its value and its valid round (-1: none).
inline std::uint32_t pack_proposal(Vote v, int valid_round) {
  return (static_cast<std::uint32_t>(valid_round + 1) << 2) | static_cast<std::uint32_t>(v);
}
inline int valid_round_of(std::uint32_t payload) {
  return static_cast<int>(payload >> 2) - 1;
}
const char* value_name(Vote v);  // "APPROVE", "REJECT", "nil"

// The planted bugs (ProtocolSpec::unsafe_rules): one, which removes the lock check of PREVOTE.
inline constexpr std::string_view kPrevoteWhileLocked = "prevote-while-locked";
inline constexpr std::string_view kUnsafeRules[1] = {kPrevoteWhileLocked};

struct Config {
  int n = 1;
  int f = 0;
  int approve_quorum = 1;  // a vote certificate for APPROVE: this many signed approvals
  int reject_quorum = 1;
  int quorum = 1;  // 2f + 1 of the paper: prevotes, precommits
  int max_rounds = 1;
  SimTime round_timeout_ns = kSecond;  // the proposer's longest wait for a vote certificate
  SimTime propose_ns = kSecond;        // timeoutPropose(0)
  SimTime prevote_ns = kSecond;        // timeoutPrevote(0)
  SimTime precommit_ns = kSecond;      // timeoutPrecommit(0)
  SimTime delta_ns = 0;                // added to each timeout per round
  bool signatures = true;
  // The planted bug "prevote-while-locked" (ProtocolConfig::unsafe, docs/tendermint.md): a
  // locked agent prevotes any valid proposal, skipping the lock check of the PREVOTE rule.
  bool prevote_while_locked = false;

  static Config from(const Scenario& scenario);
  // Leaders a schedule names (Scenario::schedule, docs/check.md), per round; -1: the rotation.
  std::vector<int> scheduled_leaders;
  int proposer(int round) const { return scheduled_or(scheduled_leaders, round, round % n); }

  int threshold(Vote v) const { return v == Vote::approve ? approve_quorum : reject_quorum; }
  // f + 1 messages of a later round move an agent there (one of them is honest when b <= f).
  int skip_threshold() const { return f + 1; }
  // DECIDE messages an agent needs: one signed commit certificate, or f + 1 unsigned claims.
  int decide_threshold() const { return signatures ? 1 : f + 1; }
  // base + round x delta, saturating (the paper's timeouts grow linearly with the round).
  SimTime timeout(SimTime base, int round) const;
  // How long a proposer waits for a vote certificate after starting a round: round_timeout,
  // at most half of timeoutPropose so that the proposal can arrive before others give up.
  SimTime window(int round) const;
  // When an agent still in `round` gives it up (twice its three timeouts): with lost messages
  // and no gossip layer to re-send them, the quorums that start timeoutPrevote and
  // timeoutPrecommit may never arrive.
  SimTime deadline(int round) const;
  // Whether safety is a theorem with b Byzantine agents: signatures on, no planted bug, and any
  // two quorums share an agent outside every b-set (2q >= n + b + 1).
  bool provably_safe(int b) const;
};

}  // namespace byzsim::tendermint
