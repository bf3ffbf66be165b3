// The adversary's view of messages (docs/adversary.md): the generic header every protocol fills
// for every message, what a strategy sees when one of its agent's messages is about to leave
// (MessageView), and what it decides for that one message (MessageAction). The send path
// (send_path.hpp) asks the strategy row and then hands the result to the network.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

struct AgentState;
struct StrategySpec;

// One message as the protocol wrote it. `phase` indexes the protocol's phase table
// (ProtocolSpec::phases, e.g. pbft's vote, pre-prepare, prepare, commit, view-change, decide);
// `value` is Vote::none for messages that carry no vote (a VIEW-CHANGE, a PROPOSAL).
struct MessageHeader {
  int from = 0;
  int to = 0;
  std::uint8_t phase = 0;
  int round = 0;  // the view or round it belongs to
  Vote value = Vote::none;
  bool broadcast = false;  // one of the same message to every agent (else to one recipient)
  // Offered to a scripted agent (StrategySpec::scripted): the protocol would not have it send
  // this; its rule sends it (with any value it can sign) or declines it (drop, not traced).
  bool offered = false;
  // The instance that sends it when the scenario has a schedule with twins (a twin is instance
  // n + k, docs/check.md); -1: agent `from` itself.
  int from_instance = -1;
};

// What one strategy does to one message.
struct MessageAction {
  enum class Kind : std::uint8_t {
    send,   // send `value` in round `round` (as is when both equal the header's)
    drop,   // send nothing
    delay,  // send `value` in `round`, `delay_ns` later than the protocol would
    twice,  // send two copies to the same recipient: `value` and then `second` (equivocation)
  };
  Kind kind = Kind::send;
  Vote value = Vote::none;
  Vote second = Vote::none;
  int round = 0;
  SimTime delay_ns = 0;
  const char* what = nullptr;  // for traces: what was done ("flipped", "round +1"); null = nothing

  static MessageAction as_is(const MessageHeader& h) {
    return {Kind::send, h.value, Vote::none, h.round, 0, nullptr};
  }
};

// What each agent has received so far in its latest round, per phase and value: the counts a
// reactive strategy reads. Kept only when some agent's strategy reads it (zero cost otherwise).
class Inbox {
 public:
  // Records the shape only: the cells are made by reset(), at the start of a trial that reads
  // them (a point of one trial with no reactive strategy should not pay for them).
  void configure(int n, int phases);
  void reset();
  // A message delivered to `h.to` (the protocol calls SendPath::received at delivery).
  void add(const MessageHeader& h);
  // Messages of `phase` carrying `value` that `agent` received in `round`.
  std::uint32_t count(int agent, int phase, int round, Vote value) const;

 private:
  struct Cell {
    std::int32_t round = -1;
    std::uint32_t values[2] = {};
  };
  int n_ = 0;
  int phases_ = 0;
  std::vector<Cell> cells_;  // agent * phases + phase; sized by reset(), empty until then
};

// The read-only view a strategy's message rule gets for one message of one of its agents.
struct MessageView {
  const MessageHeader& header;
  const AgentState& self;    // its behaviour (group options), role, intended vote, judgement
  const AgentGroup& group;   // == *self.behaviour: the options (phases, targets, rounds, ...)
  std::uint32_t phase_mask;  // the group's "phases" resolved against this protocol's table
  Vote correct;              // the value the truth calls for; its judgement is self.right
  const Inbox* inbox;        // null unless the strategy row says it reads it
  // The coalition: every agent following the same strategy row this trial, and what they have
  // received between them (read through coalition_count).
  std::span<const AgentState> population;
  SimTime now;
  Rng& rng;  // the trial's stream: a rule's draws are part of reproducibility
  int n;     // agents in the trial (ids 0..n-1; the coordinator, if any, is n)

  bool in_phase() const { return (phase_mask >> header.phase & 1u) != 0; }
  // What this agent received in the message's round and phase, for `value`.
  std::uint32_t received(Vote value) const {
    return inbox ? inbox->count(header.from, header.phase, header.round, value) : 0;
  }
  // The same, summed over the coalition (agents with this agent's strategy row).
  std::uint32_t coalition_received(Vote value) const;
};

// A bit per phase name of `names` that `table` contains (unknown names are the loader's to refuse).
std::uint32_t phase_mask(std::span<const std::string> names,
                         std::span<const std::string_view> table);

}  // namespace byzsim
