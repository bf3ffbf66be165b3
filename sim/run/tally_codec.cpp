// tally_codec: fixed header words, then the histogram bins. Every field of a Tally travels, so
// that a tally combined over MPI ranks equals the one a single process builds.
#include "sim/run/tally_codec.hpp"

#include <algorithm>

namespace byzsim {

namespace {
constexpr std::uint64_t kMagic = 0x62797a74616c6c33ULL;  // "byztall3" (version 3)
constexpr std::size_t kHeaderWords = 23 + kMessageKindCount + 3;
constexpr std::size_t kBehavedWord = 23 + kMessageKindCount;  // then the 3 behaved_sum words

std::uint64_t high(unsigned __int128 v) {
  return static_cast<std::uint64_t>(v >> 64);
}
std::uint64_t low(unsigned __int128 v) {
  return static_cast<std::uint64_t>(v);
}
unsigned __int128 join(std::uint64_t hi, std::uint64_t lo) {
  return (static_cast<unsigned __int128>(hi) << 64) | lo;
}
}  // namespace

std::vector<std::uint64_t> encode_tally(const Tally& t) {
  std::vector<std::uint64_t> w = {kMagic,
                                  t.trials,
                                  t.counts[0],
                                  t.counts[1],
                                  t.counts[2],
                                  t.counts[3],
                                  t.rounds_sum,
                                  t.messages_sum,
                                  t.corrupted_sum,
                                  t.decided,
                                  high(t.latency_sum_ns),
                                  low(t.latency_sum_ns),
                                  static_cast<std::uint64_t>(t.latency.min()),
                                  static_cast<std::uint64_t>(t.latency.max()),
                                  t.latency.first_bin(),
                                  t.invalid_decisions,
                                  t.safety_violations,
                                  t.first_safety_violation_trial,
                                  t.honest_sum,
                                  t.honest_decided_sum,
                                  high(t.honest_latency_sum_ns),
                                  low(t.honest_latency_sum_ns),
                                  static_cast<std::uint64_t>(t.latency.bins().size())};
  w.insert(w.end(), std::begin(t.messages_by_kind_sum), std::end(t.messages_by_kind_sum));
  w.insert(w.end(), std::begin(t.behaved_sum), std::end(t.behaved_sum));
  w.insert(w.end(), t.latency.bins().begin(), t.latency.bins().end());
  return w;
}

bool decode_tally(const std::uint64_t* w, std::size_t size, Tally& t) {
  if (size < kHeaderWords || w[0] != kMagic || w[22] != size - kHeaderWords) return false;
  t = Tally{};
  t.trials = w[1];
  for (int i = 0; i < kOutcomeCount; ++i) t.counts[i] = w[2 + i];
  t.rounds_sum = w[6];
  t.messages_sum = w[7];
  t.corrupted_sum = w[8];
  t.decided = w[9];
  t.latency_sum_ns = join(w[10], w[11]);
  t.invalid_decisions = w[15];
  t.safety_violations = w[16];
  t.first_safety_violation_trial = w[17];
  t.honest_sum = w[18];
  t.honest_decided_sum = w[19];
  t.honest_latency_sum_ns = join(w[20], w[21]);
  std::copy(w + 23, w + kBehavedWord, std::begin(t.messages_by_kind_sum));
  std::copy(w + kBehavedWord, w + kHeaderWords, std::begin(t.behaved_sum));
  t.latency.restore(static_cast<std::uint32_t>(w[14]),
                    std::vector<std::uint64_t>(w + kHeaderWords, w + size),
                    static_cast<SimTime>(w[12]), static_cast<SimTime>(w[13]));
  return t.latency.count() == t.decided;
}

}  // namespace byzsim
