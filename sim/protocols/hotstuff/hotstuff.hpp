// Protocol `hotstuff` (docs/hotstuff.md): chained HotStuff with a rotating leader. The first
// leader proposes the value its signed review votes certify; every later block extends a chain
// through its justify QC; block votes go to the next view's leader, which forms the QC; locked
// QC, the safe-node rule and the three-chain commit of consecutive views; a pacemaker with
// growing timeouts and NEW-VIEW messages. Byzantine agents act through their strategy's message
// rule: followers on the messages they write, scripted agents on the messages offered to them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/agents/send_path.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/protocols/common/decision_rule.hpp"
#include "sim/protocols/common/protocol.hpp"
#include "sim/protocols/common/seen_set.hpp"
#include "sim/protocols/hotstuff/hotstuff_book.hpp"
#include "sim/protocols/hotstuff/hotstuff_checker.hpp"
#include "sim/protocols/hotstuff/hotstuff_config.hpp"

namespace byzsim {

class HotStuff final : public Protocol {
 public:
  explicit HotStuff(TrialEnv& env) : env_(env) {}

  void prepare(const Scenario& scenario) override;
  void start() override;
  void on_event(const Event& event) override;
  TrialResult finish(StopReason stop) const override;

  // Messages sent in the last trial, by kind (VOTE .. DECIDE), lost ones included.
  const std::array<std::uint64_t, hotstuff::kMessageKinds>& messages_by_kind() const {
    return messages_by_kind_;
  }
  const hotstuff::SafetyChecker& checker() const { return checker_; }
  const hotstuff::Config& config() const { return config_; }

 private:
  // One instance's protocol state in the current trial: an agent's, or under a schedule with
  // twins also a twin's (docs/hotstuff.md, "Under a schedule (twins)").
  struct Replica {
    bool follows = true;     // runs the protocol (not scripted)
    bool scripted = false;   // StrategySpec::scripted: acts on offers only
    bool coalition = false;  // StrategySpec::coalition: hotstuff_coalition.cpp
    bool honest = true;      // role honest and no twin: its commits are the system's
    int view = 0;
    int voted_view = -1;  // the last view it voted in (one block vote per view)
    int base_term = 0;    // the term of its last progress (a commit): the timeouts' origin
    int timeouts = 0;     // views timed out in the trial
    // The current view's timer: one pending event per replica, moved on when it fires early
    // (views inside a term pass faster than their timeouts: one event instead of one per view).
    SimTime deadline = 0;
    bool timer_pending = false;
    int lock_view = hotstuff::kGenesis;  // the locked block
    Vote lock_value = Vote::none;
    int high_view = hotstuff::kGenesis;  // the block of its highest QC
    Vote high_value = Vote::none;
    Vote decided = Vote::none;
    int decided_view = -1;
    bool voted = false;             // its review is over (its vote is signed)
    int acted_view = -1;            // scripted agents: the last view they noticed
    std::uint32_t decides[2] = {};  // DECIDE messages received per value
    SendHooks hooks;
  };

  // Instances (docs/hotstuff.md, "Under a schedule (twins)"): instance i < n is agent i; under a
  // schedule with twins, instance n + k is the k-th twin. Events target instances; messages
  // name agents (identities). Without twins id(i) == i and slot(i) == 0.
  int id(int instance) const {
    return instance < config_.n ? instance : send_path_.schedule().identity(instance);
  }
  int slot(int instance) const { return instance >= config_.n ? 1 : 0; }
  // hotstuff.cpp: sending, tracing, reporting.
  bool alive(int instance) const;
  Replica& at(int instance) { return agents_[static_cast<std::size_t>(instance)]; }
  const Replica& at(int instance) const { return agents_[static_cast<std::size_t>(instance)]; }
  // From instance `from` to agent `to` (every instance of it the schedule lets it reach).
  void send_at(int from, int to, hotstuff::Kind kind, int view, std::uint32_t payload, SimTime at,
               int justify = hotstuff::kNoJustify);
  void send(int from, int to, hotstuff::Kind kind, int view, std::uint32_t payload);
  // The header of a message from instance `from` to agent `to` (a twin sets from_instance).
  MessageHeader header(int from, int to, hotstuff::Kind kind, int view, Vote value) const;
  void trace(const char* kind, int from, int to, const std::string& detail) const;
  void emit(TraceRecord record) const;
  void trace_message(const char* what, int from, int to, hotstuff::Kind kind, int view, Vote value,
                     SimTime arrival = -1, const std::string& detail = "",
                     const Transmission* tampered = nullptr) const;
  static bool can_send(const void* self, const Transmission& copy);
  bool first_delivery(const Event& event);
  void report_bug(const std::string& what) const;
  // The justify a block of `value` in `view` would get from a leader holding every QC: the
  // highest certified block of that value, else the genesis when the leader holds a
  // certificate of signed review votes for it (or signatures are off); else kNoJustify.
  int possible_justify(int view, Vote value) const;

  // hotstuff_replica.cpp: review votes, proposals, block votes, the chain rules, commits.
  void on_think(int agent);
  void send_review_vote(int agent, int view, Vote value);
  void on_vote(int leader, int view, std::uint32_t payload);
  void on_proposal(int agent, int view, Vote value);
  bool safe_node(const Replica& r, int view, Vote value) const;
  void vote_block(int agent, int view, Vote value);
  void on_block_vote(int leader, int view, std::uint32_t payload);
  void count_block_vote(int leader, int view, Vote value, int sender);
  void process_qc(int agent, int qc_view, Vote value);
  void commit(int agent, int view, Vote value, bool forwarded, int at_view);
  void on_decide(int agent, int view, std::uint32_t payload);

  // hotstuff_pacemaker.cpp: views, timers, NEW-VIEW.
  void enter_view(int agent, int view);
  void arm_timer(int agent, SimTime deadline);
  void on_view_timer(int agent, int view);
  void on_new_view(int agent, int view, std::uint32_t index);

  // hotstuff_leader.cpp: the leader's proposals.
  // `leader` is an instance of the view's leader (a twinned leader is two).
  void leader_enter(int leader, int view);
  void try_propose(int leader, int view);
  Vote rule(const hotstuff::Ledger& ledger) const;
  void follower_propose(int leader, int view);
  void propose(int leader, int view, Vote value, int justify);

  // hotstuff_scripted.cpp: scripted agents notice views and are offered messages.
  void notice(int agent, int view);
  void scripted_propose(int view);
  void offer_block_vote(int agent, int view, Vote value);
  // hotstuff_coalition.cpp: the rushing coalition.
  void coalition_propose(int view);
  bool coalition_split(int view, int justify_wrong, int justify_right);
  void coalition_push(int view, int justify_wrong);
  void send_proposals(int view, int justify_approve, int justify_reject);
  void coalition_votes(int view, Vote value);

  TrialEnv& env_;
  const Scenario* scenario_ = nullptr;
  hotstuff::Config config_;
  DecisionRule rule_;
  std::vector<Replica> agents_;  // per instance
  hotstuff::Book book_;
  hotstuff::SafetyChecker checker_;
  std::vector<int> colluders_;
  std::vector<Vote> proposal_to_;  // a value per recipient, none for no message (scratch)
  SendPath send_path_;
  SeenSet seen_;  // (receiver, sender, view, kind, value) counted from adversarial senders
  std::array<std::uint64_t, hotstuff::kMessageKinds> messages_by_kind_{};
  int views_started_ = 0;
  int byzantine_ = 0;   // agents whose role is not honest this trial
  bool twins_ = false;  // the schedule twins agents: instances() > n
};

}  // namespace byzsim
