// Protocol `pbft` (docs/pbft.md): no trusted party. A rotating leader collects signed votes
// and proposes a certified decision, then PRE-PREPARE / PREPARE / COMMIT with quorums and
// view changes that carry prepared certificates. Byzantine agents act through their strategy's
// message rule (docs/adversary.md): followers on the messages they write, scripted agents on
// the messages offered to them, and the coalition through pbft's rushing coalition model.
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
#include "sim/protocols/pbft/pbft_book.hpp"
#include "sim/protocols/pbft/pbft_checker.hpp"
#include "sim/protocols/pbft/pbft_config.hpp"

namespace byzsim {

class Pbft final : public Protocol {
 public:
  explicit Pbft(TrialEnv& env) : env_(env) {}

  void prepare(const Scenario& scenario) override;
  void start() override;
  void on_event(const Event& event) override;
  TrialResult finish(StopReason stop) const override;

  // Messages sent in the last trial, by kind (VOTE, PRE-PREPARE, PREPARE, COMMIT,
  // VIEW-CHANGE, DECIDE), lost ones included.
  const std::array<std::uint64_t, pbft::kMessageKinds>& messages_by_kind() const {
    return messages_by_kind_;
  }
  const pbft::SafetyChecker& checker() const { return checker_; }
  const pbft::Config& config() const { return config_; }

 private:
  // One instance's protocol state in the current trial: an agent, or under a schedule with twins
  // (docs/pbft.md, "Under a schedule") a twin, a second copy of a Byzantine agent that runs the
  // honest code with its own state. Functions below take instance indices (`self`); id(self)
  // is the agent it is, which every message and signature names.
  struct Replica {
    bool follows = true;     // runs the protocol (neither scripted nor in the coalition)
    bool scripted = false;   // StrategySpec::scripted: acts on offers only
    bool coalition = false;  // StrategySpec::coalition: pbft_coalition.cpp
    bool honest = true;      // role honest: its commits are the system's
    int view = 0;
    Vote accepted = Vote::none;  // the PRE-PREPARE accepted in `view`
    bool commit_sent = false;    // prepared in `view`
    int prepared_view = -1;      // highest prepared certificate
    Vote prepared_value = Vote::none;
    Vote decided = Vote::none;
    int decided_view = -1;
    bool voted = false;             // its review is over (its vote is signed)
    int acted_view = -1;            // Byzantine agents: the last view they acted in
    std::uint32_t decides[2] = {};  // DECIDE messages received per value
    SendHooks hooks;                // the strategy's loss, latency factor and hold before each send
  };

  // pbft.cpp: sending, tracing, reporting.
  // The agent an instance is: itself, except a twin (instance n + k) under a schedule.
  int id(int instance) const {
    return instance < config_.n ? instance : send_path_.schedule().identity(instance);
  }
  // The leader state (vote ledgers) of an instance: a twinned leader's twin keeps its own in
  // twin_book_, so the two copies propose from what each received.
  pbft::Book& leader_book(int instance) { return instance < config_.n ? book_ : twin_book_; }
  bool alive(int agent) const;
  void send_at(int self, int to, pbft::Kind kind, int view, std::uint32_t payload, SimTime at) {
    send_as(self, id(self), to, kind, view, payload, at);
  }
  // send_at with the sender's agent `from` = id(self) already known (a broadcast's loop).
  void send_as(int self, int from, int to, pbft::Kind kind, int view, std::uint32_t payload,
               SimTime at);
  void send(int from, int to, pbft::Kind kind, int view, std::uint32_t payload);
  void broadcast(int from, pbft::Kind kind, int view, std::uint32_t payload);
  void trace(const char* kind, int from, int to, const std::string& detail) const;
  void trace_message(const char* what, int from, int to, pbft::Kind kind, int view, Vote value,
                     SimTime arrival = -1, const std::string& detail = "",
                     const Transmission* tampered = nullptr) const;
  // The adversary's side (docs/adversary.md): a changed message its sender could not sign is
  // never sent; a Byzantine sender's duplicates count once; deliveries feed the inbox.
  static bool can_send(const void* self, const Transmission& copy);
  bool first_delivery(const Event& event);
  void note_delivery(int from, int to, pbft::Kind kind, int view, Vote value);
  void report_bug(const std::string& what) const;

  // pbft_replica.cpp: votes, proposals, prepares, commits, forwarded decisions.
  void on_think(int agent);
  void deliver_vote(int agent, Vote value);
  void on_vote(int leader, int view, std::uint32_t payload);
  void on_pre_prepare(int agent, int view, Vote value);
  void accept_proposal(int agent, int view, Vote value);
  pbft::SlotCounts* follower_slot(int agent, int view);
  void on_prepare(int agent, int view, Vote value);
  void check_prepared(int agent, int view);
  void on_prepared(int agent, int view, Vote value);
  void on_commit(int agent, int view, Vote value);
  void check_committed(int agent, int view, Vote value);
  void commit(int agent, int view, Vote value, bool forwarded);
  void on_decide(int agent, int view, std::uint32_t payload);

  // pbft_view_change.cpp: timers, entering views, VIEW-CHANGE, the f+1 join rule.
  void enter_view(int agent, int view, bool send_view_change);
  void on_view_timer(int agent, int view);
  void send_view_change(int agent, int view);
  void on_view_change(int agent, int view, std::uint32_t index);

  // pbft_leader.cpp: the leader's proposal.
  void leader_enter(int view, int self);
  void try_propose(int view, int self);
  Vote rule(const pbft::ViewLedger& ledger) const;
  void follower_propose(int view, int self);
  void propose_to_all(int view, Vote value, int self);
  void send_proposals(int view, int self);
  struct ViewChangeChoice {
    bool enough = false;       // a NEW-VIEW can be formed
    Vote forced = Vote::none;  // the value it must carry, none when free
  };
  ViewChangeChoice choose_view_changes(int view, int own, bool coalition);

  // pbft_scripted.cpp: Byzantine agents that do not follow the protocol notice views; scripted
  // ones are offered messages there.
  void notice(int agent, int view);
  void offer_unprompted(int agent, int view);
  void count_own_vote(int agent, int view, Vote value, bool traced);
  void scripted_propose(int view);
  // pbft_coalition.cpp: the rushing coalition.
  void coalition_propose(int view);
  bool coalition_split(int view);
  void coalition_react(int view);
  void coalition_support(int view);

  TrialEnv& env_;
  const Scenario* scenario_ = nullptr;
  pbft::Config config_;
  DecisionRule rule_;
  std::vector<Replica> agents_;
  pbft::Book book_;
  pbft::Book twin_book_;  // the leader ledgers of twin instances (used only with twins)
  pbft::SafetyChecker checker_;
  std::vector<Vote> proposal_to_;  // the current proposal per recipient (scratch)
  std::vector<Vote> sent_to_;      // what left for each recipient (the rule's doing included)
  std::vector<int> colluders_;
  SendPath send_path_;
  SeenSet seen_;  // (receiver, sender, view, kind, value) counted from adversarial senders
  std::vector<std::uint32_t> histogram_;  // scratch for choose_view_changes
  std::array<std::uint64_t, pbft::kMessageKinds> messages_by_kind_{};
  int views_started_ = 0;
  int byzantine_ = 0;             // agents whose role is not honest this trial
  bool scheduled_ = false;        // a schedule applies: every sender's duplicates count once
  bool screened_ = false;         // deliveries pass first_delivery (an adversary or a schedule)
  bool ignore_prepared_ = false;  // the planted bug "ignore-prepared" (docs/pbft.md)
};

}  // namespace byzsim
