// hotstuff's vocabulary: its settings resolved for one sweep point, the event kinds, the phase
// table and the packing of event payloads. Used by the hotstuff_*.cpp files and tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::hotstuff {

// Event kinds (Event::kind); Event::round is the view. Messages are kVote..kDecide.
enum Kind : std::uint16_t {
  kThink,        // an agent's review is over: it signs its vote and sends it to its view's leader
  kVote,         // the signed review vote; payload = pack(sender, value)
  kProposal,     // a block of view `round`; payload = value (the block is (view, value))
  kBlockVote,    // a vote for block (round, value), to the leader of round + 1; pack(sender, value)
  kNewView,      // on a timeout, to the leader of `round`; payload = index of the NewViewRecord
  kDecide,       // a committed agent's certificate; round = its commit view; pack(sender, value)
  kViewTimer,    // an agent's view timer
  kVoteWindow,   // the end of a leader's review-vote collection in a view
  kNewViewWait,  // a leader without a fresh QC stops waiting for a quorum of NEW-VIEWs
};
inline constexpr int kMessageKinds = 5;  // kVote..kDecide
inline int message_index(int kind) {
  return kind - kVote;
}
const char* message_name(int kind);  // "VOTE", "PROPOSAL", ...
// The phase table (ProtocolSpec::phases): message_index(kind) names kind's phase.
inline constexpr std::string_view kPhases[kMessageKinds] = {"vote", "proposal", "block-vote",
                                                            "new-view", "decide"};

inline int index_of(Vote v) {
  return v == Vote::approve ? 0 : 1;
}
inline Vote value_at(int index) {
  return index == 0 ? Vote::approve : Vote::reject;
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
// "v3" and "v3 APPROVE" for traces (built piecewise: GCC 12 warns falsely about "v" + string).
std::string view_name(int view);
std::string block_name(int view, Vote value);

struct Config {
  int n = 1;
  int f = 0;
  int approve_quorum = 1;  // the first block's certificate for APPROVE: this many signed votes
  int reject_quorum = 1;
  int quorum = 1;        // block votes in a quorum certificate; also NEW-VIEWs a leader needs
  int leader_views = 4;  // consecutive views each leader holds
  int max_views = 1;
  SimTime view_timeout_ns = kSecond;
  double growth = 2;
  SimTime vote_window_ns = kSecond;  // round_timeout
  // How long a leader that entered a view without a fresh QC waits for a quorum of NEW-VIEWs
  // before it proposes on the highest QC it holds (the event-driven pacemaker's beat);
  // kTimeNever: until the quorum arrives.
  SimTime new_view_wait_ns = kTimeNever;
  bool signatures = true;
  // The planted bug "no-lock-check" (docs/hotstuff.md): replicas vote without the safe-node rule.
  bool no_lock_check = false;

  static Config from(const Scenario& scenario);
  // Leaders a schedule names (Scenario::schedule, docs/check.md), per view; -1: the rotation.
  std::vector<int> scheduled_leaders;
  int leader(int view) const {
    return scheduled_or(scheduled_leaders, view, (view / leader_views) % n);
  }

  // The first view of the next leader's term: where a replica goes when `view` times out.
  int next_term(int view) const { return (view / leader_views + 1) * leader_views; }
  int threshold(Vote v) const { return v == Vote::approve ? approve_quorum : reject_quorum; }
  // DECIDE messages an agent needs: one signed three-chain, or f+1 unsigned claims.
  int decide_threshold() const { return signatures ? 1 : f + 1; }
  // view_timeout x growth^terms, bounded so that sums of timeouts cannot overflow.
  SimTime timeout(int terms) const;
  // The leader term a view belongs to (view 0..leader_views-1: term 0).
  int term(int view) const { return view / leader_views; }
  // How long a leader collects review votes: round_timeout, at most half the first timeout.
  SimTime window() const;
  // Whether safety is a theorem with b Byzantine agents: signatures on, no planted bug, and any
  // two quorums share an agent outside every b-set (2q >= n + b + 1).
  bool provably_safe(int b) const;
};

}  // namespace byzsim::hotstuff
