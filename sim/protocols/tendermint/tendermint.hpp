// Protocol `tendermint` (docs/tendermint.md): one height of Tendermint (Buchman, Kwon and
// Milosevic 2018, "The latest gossip on BFT consensus", Algorithm 1). Agents broadcast their
// signed votes; round r's proposer (agent r mod n) proposes its valid value, else the value its
// votes certify; PREVOTE and PRECOMMIT with quorums, nil votes, locks and valid values, round
// timeouts that grow linearly; a quorum of PRECOMMITs for a value decides. Byzantine agents act
// through their strategy's message rule (docs/adversary.md): followers on the messages they
// write, scripted agents on the messages offered to them; the coalition is refused.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/agents/send_path.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/protocols/common/protocol.hpp"
#include "sim/protocols/common/seen_set.hpp"
#include "sim/protocols/tendermint/tm_book.hpp"
#include "sim/protocols/tendermint/tm_checker.hpp"
#include "sim/protocols/tendermint/tm_config.hpp"

namespace byzsim {

class Tendermint final : public Protocol {
 public:
  explicit Tendermint(TrialEnv& env) : env_(env) {}

  void prepare(const Scenario& scenario) override;
  void start() override;
  void on_event(const Event& event) override;
  TrialResult finish(StopReason stop) const override;

  // Messages sent in the last trial, by kind (VOTE .. DECIDE), lost ones included.
  const std::array<std::uint64_t, tendermint::kMessageKinds>& messages_by_kind() const {
    return messages_by_kind_;
  }
  const tendermint::SafetyChecker& checker() const { return checker_; }
  const tendermint::Config& config() const { return config_; }

 private:
  enum class Step : std::uint8_t { propose, prevote, precommit };

  // One agent's protocol state in the current trial (the paper's variables for one height).
  struct Agent {
    bool follows = true;     // runs the protocol (neither scripted nor in the coalition)
    bool scripted = false;   // StrategySpec::scripted: acts on offers only
    bool coalition = false;  // StrategySpec::coalition: tm_coalition.cpp
    bool honest = true;      // role honest: its decisions are the system's
    int round = 0;
    Step step = Step::propose;
    Vote locked_value = Vote::none;
    int locked_round = -1;
    Vote valid_value = Vote::none;
    int valid_round = -1;
    Vote decided = Vote::none;
    int decided_round = -1;
    bool proposed = false;          // as proposer of `round`: proposed, or gave up
    bool window_closed = false;     // as proposer of `round`: its wait for votes is over
    int acted_round = -1;           // scripted agents: the last round they acted in
    std::uint32_t decides[2] = {};  // DECIDE messages received per value
    SendHooks hooks;                // the strategy's loss, latency factor and hold before each send
  };

  // Instances (docs/tendermint.md, "Under a schedule (twins)"): the protocol's state, events
  // and timers are per instance, and every `agent` parameter below is one. Instance i < n is
  // agent i; a twin (i >= n, only under a schedule with twins) is a second copy of the agent
  // id(i): it signs, sends and is counted as that agent. Without twins id(i) == i.
  int id(int instance) const {
    return instance < config_.n ? instance : send_path_.schedule().identity(instance);
  }

  // tendermint.cpp: sending, tracing, reporting.
  bool alive(int agent) const;
  void send_at(int from, int to, tendermint::Kind kind, int round, Vote value, int valid_round,
               SimTime at);
  void broadcast(int from, tendermint::Kind kind, int round, Vote value, int valid_round = -1);
  void trace(const char* kind, int from, int to, const std::string& detail) const;
  void trace_message(const char* what, int from, int to, tendermint::Kind kind, int round,
                     Vote value, SimTime arrival = -1, const std::string& detail = "",
                     const Transmission* tampered = nullptr) const;
  static bool can_send(const void* self, const Transmission& copy);
  int certified_round(int holder, int round, Vote value) const;
  bool first_delivery(const Event& event);
  // Its messages may repeat or contradict each other (a message rule, scripted, or two
  // instances: its twin's copy of a message counts once, a different value as equivocation).
  bool byzantine_sender(int agent) const {
    const Agent& a = agents_[static_cast<std::size_t>(agent)];
    return send_path_.adversarial(agent) || a.scripted || a.coalition ||
           (twins_ && send_path_.schedule().twin(agent) >= 0);
  }
  void report_bug(const std::string& what) const;

  // tm_agent.cpp: Algorithm 1 for one agent.
  void on_think(int agent);
  void on_vote(int agent, int from, Vote value);
  void start_round(int agent, int round);
  void on_proposal(int agent, int round, Vote value, int valid_round);
  void on_prevote(int agent, int from, int round, Vote value);
  void on_precommit(int agent, int from, int round, Vote value);
  void heard(int agent, int from, int round);
  void evaluate(int agent);
  bool proof_of_lock(int agent, int vr, Vote v);
  void check_decision(int agent, int round, Vote value);
  void prevote(int agent, Vote value);
  void precommit(int agent, Vote value);
  void on_timeout_propose(int agent, int round);
  void on_timeout_prevote(int agent, int round);
  void on_timeout_precommit(int agent, int round);
  void on_round_deadline(int agent, int round);
  void decide(int agent, int round, Vote value, bool forwarded);
  void on_decide(int agent, int from, int round, Vote value);
  void schedule(int agent, tendermint::Kind kind, int round, SimTime after);

  // tm_proposer.cpp: the proposer's value, and the scripted agents' offers.
  void try_propose(int agent);
  Vote certified_value(int agent) const;
  void propose(int agent, Vote value, int valid_round);
  void notice(int agent, int round);
  void scripted_propose(int agent, int round);
  // tm_coalition.cpp: the rushing coalition.
  void coalition_propose(int agent, int round);
  void coalition_react(int round, Vote value);
  void coalition_support(int round, const std::vector<Vote>& to);

  TrialEnv& env_;
  const Scenario* scenario_ = nullptr;
  tendermint::Config config_;
  std::vector<Agent> agents_;  // per instance
  tendermint::Book book_;
  tendermint::SafetyChecker checker_;
  std::vector<int> colluders_;
  std::vector<Vote> support_to_;       // per agent: the value the coalition backs there (scratch)
  std::vector<std::uint8_t> reacted_;  // per round: the coalition acted on its proposal
  SendPath send_path_;
  SeenSet seen_;  // (receiver, sender, round, kind, value) counted from adversarial senders
  std::array<std::uint64_t, tendermint::kMessageKinds> messages_by_kind_{};
  std::uint64_t nil_votes_ = 0;
  int rounds_started_ = 0;
  int byzantine_ = 0;   // agents whose role is not honest this trial
  int instances_ = 0;   // agents plus twins (n without a schedule's twins)
  bool twins_ = false;  // a schedule gives some agent a twin
};

}  // namespace byzsim
