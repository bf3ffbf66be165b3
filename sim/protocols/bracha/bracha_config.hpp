// bracha's vocabulary: its settings resolved for one sweep point, the event kinds, the values a
// step message carries, and the packing of event payloads. Used by the bracha_*.cpp files and
// tests.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/core/outcome.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::bracha {

// Event kinds (Event::kind); Event::round is the Bracha round (1, 2, ...). Messages are
// kInitial..kReady: the three message kinds of Bracha's reliable broadcast, each about one
// instance (origin, round, step).
enum Kind : std::uint16_t {
  kThink,    // an agent's review is over: its vote is its input, round 1 starts
  kInitial,  // the origin's own step message; payload = pack(origin, origin, step, value)
  kEcho,     // payload = pack(sender, origin, step, value)
  kReady,    // payload = pack(sender, origin, step, value)
};
inline constexpr int kMessageKinds = 3;  // kInitial..kReady
inline int message_index(int kind) {
  return kind - kInitial;
}
const char* message_name(int kind);  // "INITIAL", "ECHO", "READY"
// The phase table (ProtocolSpec::phases): message_index(kind) names kind's phase.
inline constexpr std::string_view kPhases[kMessageKinds] = {"initial", "echo", "ready"};

inline constexpr int kSteps = 3;  // steps 0, 1, 2 of a round (Bracha's steps 1, 2, 3)

// What a step message carries: a bit (1 = APPROVE, 0 = REJECT), and in step 3 whether it is a
// decision proposal "(d, bit)". Value = bit | 2 * d, so 0..3 index small arrays.
inline constexpr int kValues = 4;
inline int bit_of(int value) {
  return value & 1;
}
inline bool proposes(int value) {
  return (value & 2) != 0;
}
inline int plain(int bit) {
  return bit;
}
inline int proposal(int bit) {
  return 2 | bit;
}
inline Vote vote_of_bit(int bit) {
  return bit ? Vote::approve : Vote::reject;
}
inline int bit_of_vote(Vote v) {
  return v == Vote::approve ? 1 : 0;
}
const char* value_name(int value);  // "REJECT", "APPROVE", "D-REJECT", "D-APPROVE"

// sender: 16 bits, origin: 12 bits, step: 2 bits, value: 2 bits.
inline constexpr int kMaxAgents = 4096;
inline std::uint32_t pack(int sender, int origin, int step, int value) {
  return (static_cast<std::uint32_t>(sender) << 16) | (static_cast<std::uint32_t>(origin) << 4) |
         (static_cast<std::uint32_t>(step) << 2) | static_cast<std::uint32_t>(value);
}
inline int sender_of(std::uint32_t payload) {
  return static_cast<int>(payload >> 16);
}
inline int origin_of(std::uint32_t payload) {
  return static_cast<int>((payload >> 4) & 0xfff);
}
inline int step_of(std::uint32_t payload) {
  return static_cast<int>((payload >> 2) & 3);
}
inline int value_of(std::uint32_t payload) {
  return static_cast<int>(payload & 3);
}

struct Config {
  int n = 1;
  int f = 0;
  int max_rounds = 1;

  static Config from(const Scenario& scenario);
  // Reliable broadcast: READY after more than (n + f) / 2 ECHOs, READY after f + 1 READYs,
  // delivery after 2f + 1 READYs.
  int echo_threshold() const { return (n + f) / 2 + 1; }
  int ready_amplify() const { return f + 1; }
  int deliver_threshold() const { return 2 * f + 1; }
  // Each step waits for n - f valid messages.
  int wait() const { return n - f; }
  // Safety is a theorem with b Byzantine agents when b <= f (n > 3f is enforced by the loader).
  bool provably_safe(int b) const { return b <= f && n > 3 * f; }
};

}  // namespace byzsim::bracha
