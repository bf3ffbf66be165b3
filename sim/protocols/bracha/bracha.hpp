// Protocol `bracha` (docs/bracha.md): Bracha's asynchronous randomized binary agreement for
// n > 3f with a local coin. Each round has three steps; every step message is sent by Bracha's
// reliable broadcast (INITIAL / ECHO / READY), and a delivered message counts only once it is
// valid (some n - f messages of the previous step could have produced it). No timeouts: it
// terminates with probability 1. Byzantine agents act through their strategy's message rule
// (docs/adversary.md): followers on the messages they write, scripted agents on the messages
// offered to them, and the coalition through bracha's rushing coalition model.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/agents/send_path.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/protocols/bracha/bracha_checker.hpp"
#include "sim/protocols/bracha/bracha_config.hpp"
#include "sim/protocols/common/protocol.hpp"
#include "sim/protocols/common/seen_set.hpp"

namespace byzsim {

class Bracha final : public Protocol {
 public:
  explicit Bracha(TrialEnv& env) : env_(env) {}

  void prepare(const Scenario& scenario) override;
  void start() override;
  void on_event(const Event& event) override;
  TrialResult finish(StopReason stop) const override;

  // Messages sent in the last trial, by kind (INITIAL, ECHO, READY), lost ones included.
  const std::array<std::uint64_t, bracha::kMessageKinds>& messages_by_kind() const {
    return messages_by_kind_;
  }
  const bracha::SafetyChecker& checker() const { return checker_; }
  const bracha::Config& config() const { return config_; }

 private:
  // One agent's protocol state in the current trial.
  struct Agent {
    bool follows = true;     // runs the protocol (not scripted)
    bool scripted = false;   // StrategySpec::scripted: acts on offers only
    bool coalition = false;  // StrategySpec::coalition: bracha_coalition.cpp picks its values
    bool honest = true;      // role honest: its decisions are the system's
    bool started = false;    // its input is known and round 1 has begun
    int round = 0;           // the round it is in (0: not started)
    int step = 0;            // the step of `round` it waits in
    int value = 0;           // its current estimate (a bracha value)
    int decided_bit = -1;
    int decided_round = 0;
    bool halted = false;  // decided and done with the round after: initiates nothing more
    int noticed = 0;      // scripted agents: the last round they were offered
    SendHooks hooks;
  };
  // One agent's view of one reliable-broadcast instance (origin, round, step).
  struct Instance {
    std::uint16_t echoes[bracha::kValues] = {};
    std::uint16_t readies[bracha::kValues] = {};
    bool echoed = false;
    bool readied = false;
    bool delivered = false;
  };
  // One agent's messages of one (round, step): those delivered and valid, by value; the first
  // n - f of them (the ones it acts on); and those delivered but not yet valid.
  struct StepBook {
    std::uint16_t valid[bracha::kValues] = {};
    std::uint16_t valid_total = 0;
    std::uint16_t window[bracha::kValues] = {};
    std::uint16_t window_total = 0;
    std::vector<std::pair<int, int>> pending;  // (origin, value)
  };
  // Everything of one round, for all agents: instances [agent][step][origin], books
  // [agent][step].
  struct RoundTables {
    std::vector<Instance> instances;
    std::vector<StepBook> books;
  };

  // bracha.cpp: set-up, sending, tracing, reporting.
  bool alive(int agent) const;
  void send_at(int from, int to, bracha::Kind kind, int round, std::uint32_t payload, SimTime at);
  void broadcast(int from, bracha::Kind kind, int round, int origin, int step, int value);
  static bool can_send(const void* self, const Transmission& copy);
  bool first_delivery(const Event& event);
  void trace(const char* kind, int from, int to, const std::string& detail) const;
  void trace_message(const char* what, int from, int to, bracha::Kind kind, int round,
                     std::uint32_t payload, SimTime arrival = -1,
                     const Transmission* tampered = nullptr) const;
  void report_bug(const std::string& what) const;
  RoundTables& tables(int round);
  Instance& instance(int agent, int round, int step, int origin);
  StepBook& book(int agent, int round, int step);

  // bracha_broadcast.cpp: the reliable broadcast of every step message.
  void on_initial(int agent, int round, std::uint32_t payload);
  void on_echo(int agent, int round, std::uint32_t payload);
  void on_ready(int agent, int round, std::uint32_t payload);
  void deliver(int agent, int round, int step, int origin, int value);

  // bracha_rounds.cpp: the steps, validation, the coin and decisions.
  void on_think(int agent);
  void begin_step(int agent, int round, int step);
  bool valid(int agent, int round, int step, int value) const;
  void accept(int agent, int round, int step, int value);
  void recheck_pending(int agent, int round, int step);
  void try_complete(int agent);
  void complete_step(int agent, const StepBook& b);
  void decide(int agent, int bit, int proposals);

  // bracha_scripted.cpp: scripted agents are offered their step messages and relays.
  void notice(int agent, int round);
  void offer_relays(int agent, int round, int step, int origin, int value);
  // bracha_coalition.cpp: the value a coalition member sends in its own step messages.
  int coalition_value() const;

  TrialEnv& env_;
  const Scenario* scenario_ = nullptr;
  bracha::Config config_;
  std::vector<Agent> agents_;
  std::vector<RoundTables> rounds_;  // index round - 1; reused across trials
  int rounds_used_ = 0;              // rounds whose tables this trial touched
  bracha::SafetyChecker checker_;
  SendPath send_path_;
  SeenSet seen_;  // (receiver, sender, instance, kind) counted from adversarial senders
  std::array<std::uint64_t, bracha::kMessageKinds> messages_by_kind_{};
  std::uint64_t coin_flips_ = 0;  // honest agents' local coins this trial
  bool round_limit_hit_ = false;  // an undecided follower could not start a round
  int rounds_started_ = 0;
  int byzantine_ = 0;
};

}  // namespace byzsim
