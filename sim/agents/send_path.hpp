// SendPath: the one way a protocol sends a message. It asks the sender's strategy row what to do
// with it (the adversary, MessageAction), checks that a changed message is one its sender can
// produce (the protocol's forgery check: signatures), then hands each copy to the network, whose
// timing, loss, partitions and GST apply after the adversary. Each protocol owns one, configures
// it per point and starts it per trial; not thread-safe.
//
// Cost: for an agent whose row has no message rule (every honest agent), send() is the network
// call plus one pointer test, so protocols pay nothing for the adversary they do not use.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/agents/adversary.hpp"
#include "sim/agents/population.hpp"
#include "sim/agents/schedule_runtime.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/net/network.hpp"
#include "sim/trace/trace.hpp"

namespace byzsim {

// One copy of a message as it leaves: the header as sent, when it leaves, and what the
// adversary did to it (null: nothing; the protocol traces it beside the original value).
struct Transmission {
  MessageHeader sent;
  SimTime at = 0;
  Vote original = Vote::none;  // the value the protocol wrote
  int original_round = 0;      // and its round
  const char* tamper = nullptr;
  // The instance it is delivered to: `sent.to`, or its twin under a schedule (docs/check.md).
  int to_instance = -1;
};

class SendPath {
 public:
  // A protocol's check that a changed message can exist: e.g. pbft refuses a PRE-PREPARE for a
  // value without a certificate, or one claiming another view's leader as its sender. `self`
  // is the protocol object given to configure().
  using ForgeryCheck = bool (*)(const void* self, const Transmission& copy);

  // Once per point: the protocol's phase table (ProtocolSpec::phases) and its forgery check.
  void configure(const Scenario& scenario, std::span<const std::string_view> phases,
                 ForgeryCheck check = nullptr, const void* self = nullptr);
  // Per trial, after the population's start_trial: which agents have a message rule.
  void start_trial(const Population& population, Rng& rng, TraceSink* trace);

  // Whether `agent`'s messages go through a strategy's message rule this trial.
  bool adversarial(int agent) const { return rule_of_[static_cast<std::size_t>(agent)] != nullptr; }
  bool any_adversary() const { return any_adversary_; }
  const SendHooks& hooks(int agent) const { return hooks_[static_cast<std::size_t>(agent)]; }
  // When a message written at `now` leaves: a late agent holds it back first (one draw).
  SimTime hold(int from, SimTime now) const {
    const SendHooks& h = hooks_[static_cast<std::size_t>(from)];
    return h.hold ? saturating_add(now, sample(*h.hold, *rng_)) : now;
  }

  // Sends `h` leaving at `at` (the clock reads `now`). For each copy the network accepted or
  // lost, calls deliver(const Transmission&, SimTime arrival) with arrival == Network::kLost
  // when lost; a copy the adversary dropped or the forgery check refused never reaches it.
  // Under a schedule (docs/check.md) each copy goes to every instance of its recipient that the
  // view's partition does not cut off (Transmission::to_instance), after any mutation.
  template <class Deliver>
  void send(Network& network, const MessageHeader& h, SimTime now, SimTime at, Deliver&& deliver) {
    const auto from = static_cast<std::size_t>(h.from);
    if (schedule_.active()) {
      Transmission copies[2];
      const int count = scheduled_copies(h, now, at, copies);
      const SendHooks& hooks = hooks_[from];
      const int sender = h.from_instance < 0 ? h.from : h.from_instance;
      for (int i = 0; i < count; ++i) {
        Transmission& copy = copies[i];
        for (const int instance : {copy.sent.to, schedule_.twin(copy.sent.to)}) {
          if (instance < 0) continue;
          SimTime extra = 0;
          if (schedule_.cut(copy.sent.round, sender, instance)) {
            if (trace_) {  // between instances: a twin's copy is told apart from its agent's
              MessageHeader between = copy.sent;
              between.from = sender;
              between.to = instance;
              trace_cut(between, h, now, schedule_.cut_delay());
            }
            if (schedule_.cut_delay() == 0) continue;
            extra = schedule_.cut_delay();  // held until the partition heals, then delivered
          }
          copy.to_instance = instance;
          const SimTime arrival =
              network.send(*rng_, copy.at, h.from, h.to, hooks.latency_factor, hooks.loss);
          deliver(copy, arrival == Network::kLost ? arrival : saturating_add(arrival, extra));
        }
      }
      return;
    }
    if (from >= rule_of_.size() || rule_of_[from] == nullptr) {  // also the coordinator
      const SendHooks& hooks = from < hooks_.size() ? hooks_[from] : kNoHooks;
      const Transmission copy{h, at, h.value, h.round, nullptr, h.to};
      deliver(copy, network.send(*rng_, at, h.from, h.to, hooks.latency_factor, hooks.loss));
      return;
    }
    Transmission copies[2];
    const int count = act(h, now, at, copies);
    const SendHooks& hooks = hooks_[from];
    for (int i = 0; i < count; ++i)
      deliver(copies[i],
              network.send(*rng_, copies[i].at, h.from, h.to, hooks.latency_factor, hooks.loss));
  }

  // The scenario's schedule: instances (agents and twins), cuts, mutations (docs/check.md).
  const ScheduleRuntime& schedule() const { return schedule_; }

  // The copies the adversary makes of `h` without sending them (a message a leader counts
  // itself, or the content a traitor's offer gets): 0, 1 or 2, as send() would make them.
  int copies(const MessageHeader& h, SimTime now, Transmission out[2]) {
    const auto from = static_cast<std::size_t>(h.from);
    if (from >= rule_of_.size() || rule_of_[from] == nullptr) {
      out[0] = Transmission{h, now, h.value, h.round, nullptr, h.to};
      return 1;
    }
    return act(h, now, now, out);
  }

  // A delivery, for the strategies that read what their agent has received.
  void received(const MessageHeader& h) {
    if (inbox_used_) inbox_.add(h);
  }

  std::span<const std::string_view> phases() const { return phases_; }

 private:
  // Under a schedule: the adversary's copies (or the message as written), then mutations.
  int scheduled_copies(const MessageHeader& h, SimTime now, SimTime at, Transmission* copies);
  // The adversary's copies of one message (0, 1 or 2); traces what it dropped or refused.
  int act(const MessageHeader& h, SimTime now, SimTime at, Transmission* copies);
  // A message that never left (dropped, or refused as unsignable) as a "lost" trace record.
  void trace_refusal(const MessageHeader& h, const MessageHeader& written, SimTime now,
                     const char* why) const;
  // A copy the view's partition cuts: lost, or (delay > 0) held back that long.
  void trace_cut(const MessageHeader& h, const MessageHeader& written, SimTime now,
                 SimTime delay) const;

  static constexpr SendHooks kNoHooks{};
  const Scenario* scenario_ = nullptr;
  std::span<const std::string_view> phases_;
  ForgeryCheck check_ = nullptr;
  const void* check_self_ = nullptr;
  std::vector<std::uint32_t> group_masks_;  // per scenario group, then the corruption's template
  const Population* population_ = nullptr;
  Rng* rng_ = nullptr;
  TraceSink* trace_ = nullptr;
  std::vector<SendHooks> hooks_;
  std::vector<const StrategySpec*> rule_of_;  // the row whose message rule applies, or null
  bool any_adversary_ = false;
  bool inbox_used_ = false;
  Inbox inbox_;
  ScheduleRuntime schedule_;
};

}  // namespace byzsim
