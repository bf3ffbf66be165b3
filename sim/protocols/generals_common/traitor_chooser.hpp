// The one interface behind every traitor's choice: what a traitor puts in each message it
// sends. Random runs draw from the trial's Rng (StrategyChooser); `byzsim check` enumerates.
#pragma once

#include <cstdint>

namespace byzsim::generals {

// A set of orders: bit 0 attack (APPROVE), bit 1 retreat (REJECT). OM messages carry one
// order (an empty set is a withheld message, read as the default retreat); SM messages may
// carry each order its sender can sign.
using Orders = std::uint8_t;
inline constexpr Orders kApprove = 1, kReject = 2, kBoth = 3, kNone = 0;

// One message a traitor sends: round r carries the path `node` (length r + 1) to `receiver`.
struct TraitorMessage {
  int round = 0;
  int node = 0;  // PathTree node: its last general is the sender
  int sender = 0;
  int receiver = 0;
  Orders allowed = kBoth;  // what it can send (SM: what the coalition holds signed)
  bool single = true;      // OM: exactly one order; SM: any subset of `allowed`
  bool matters = true;     // false when the receiver is a traitor too (changes no outcome)
  Orders honest = kNone;   // what a loyal general would send here
};

class TraitorChooser {
 public:
  virtual ~TraitorChooser() = default;
  // The content of the message; must be a subset of m.allowed (one order when m.single).
  virtual Orders choose(const TraitorMessage& m) = 0;
};

// The choices `check` enumerates for one message, in a fixed order so that a witness is a
// number: OM: retreat, attack (index 0 is the least attacking: monotone pruning fills with it);
// SM: every subset of `allowed`, from the empty one. A message that changes no outcome has
// one choice (OM: retreat, SM: nothing).
int option_count(const TraitorMessage& m);
Orders option(const TraitorMessage& m, int index);

// Replays one enumerated assignment: `script` holds the choices as a mixed-radix number (the
// first message's choice is the lowest digit, each digit in base option_count of its message).
class ScriptedChooser final : public TraitorChooser {
 public:
  explicit ScriptedChooser(std::uint64_t script) : script_(script) {}
  Orders choose(const TraitorMessage& m) override {
    const auto count = static_cast<std::uint64_t>(option_count(m));
    const auto index = static_cast<int>(script_ % count);
    script_ /= count;
    return option(m, index);
  }

 private:
  std::uint64_t script_;
};

}  // namespace byzsim::generals
