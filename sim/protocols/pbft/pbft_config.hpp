// pbft's vocabulary: its settings resolved for one sweep point, the event kinds, and the packing of
// event payloads. Used by the pbft_*.cpp files and tests.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::pbft {

// Event kinds (Event::kind); Event::round is the view. Messages are kVote..kDecide.
enum Kind : std::uint16_t {
  kThink,       // an agent's review is over: it signs and sends its vote
  kVote,        // VOTE to the view's leader; payload = pack(sender, value)
  kPrePrepare,  // the leader's proposal; payload = value
  kPrepare,     // payload = pack(sender, value)
  kCommit,      // payload = pack(sender, value)
  kViewChange,  // payload = index of the ViewChangeRecord
  kDecide,      // a committed agent's certificate; round = its view, payload = pack(sender, value)
  kViewTimer,   // an agent's view timer
  kVoteWindow,  // the end of the leader's vote collection in a view
};
inline constexpr int kMessageKinds = 6;  // kVote..kDecide
inline int message_index(int kind) {
  return kind - kVote;
}
const char* message_name(int kind);  // "VOTE", "PRE-PREPARE", ...
// The phase table (ProtocolSpec::phases): message_index(kind) names kind's phase.
inline constexpr std::string_view kPhases[kMessageKinds] = {"vote",   "pre-prepare", "prepare",
                                                            "commit", "view-change", "decide"};

// approve -> 0, reject -> 1 (arrays indexed by value).
inline int index_of(Vote v) {
  return v == Vote::approve ? 0 : 1;
}
inline Vote value_at(int index) {
  return index == 0 ? Vote::approve : Vote::reject;
}
inline Vote other(Vote v) {
  return v == Vote::approve ? Vote::reject : Vote::approve;
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
const char* value_name(Vote v);

struct Config {
  int n = 1;
  int f = 0;
  int approve_quorum = 1;  // a certificate for APPROVE: this many signed approvals
  int reject_quorum = 1;
  int prepare_quorum = 1;
  int commit_quorum = 1;  // also the number of VIEW-CHANGEs a new leader needs
  int max_views = 1;
  SimTime view_timeout_ns = kSecond;
  double growth = 2;
  SimTime vote_window_ns = kSecond;  // round_timeout
  bool signatures = true;

  static Config from(const Scenario& scenario);
  // Leaders a schedule names (Scenario::schedule, docs/check.md), per view; -1: the rotation.
  std::vector<int> scheduled_leaders;
  int leader(int view) const { return scheduled_or(scheduled_leaders, view, view % n); }

  int threshold(Vote v) const { return v == Vote::approve ? approve_quorum : reject_quorum; }
  // DECIDE messages an agent needs: one signed commit certificate, or f+1 unsigned claims.
  int decide_threshold() const { return signatures ? 1 : f + 1; }
  // view_timeout x growth^view, bounded so that sums of timeouts cannot overflow.
  SimTime timeout(int view) const;
  // How long a leader collects votes after entering a view: round_timeout, at most half the
  // view's timeout so that a proposal can still commit before the view times out.
  SimTime window(int view) const;
  // Whether safety is a theorem with b Byzantine agents: signatures on and any two prepare
  // (commit) quorums share an agent outside every b-set (2q >= n + b + 1).
  bool provably_safe(int b) const;
};

}  // namespace byzsim::pbft
