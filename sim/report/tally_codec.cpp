// tally_codec: fixed header words, then the histogram bins.
#include "sim/report/tally_codec.hpp"

namespace byzsim {

namespace {
constexpr std::uint64_t kMagic = 0x62797a74616c6c79ULL;  // "byztally"
constexpr std::size_t kHeaderWords = 15;
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
                                  static_cast<std::uint64_t>(t.latency_sum_ns >> 64),
                                  static_cast<std::uint64_t>(t.latency_sum_ns),
                                  static_cast<std::uint64_t>(t.latency.min()),
                                  static_cast<std::uint64_t>(t.latency.max()),
                                  t.latency.first_bin()};
  w.insert(w.end(), t.latency.bins().begin(), t.latency.bins().end());
  return w;
}

bool decode_tally(const std::uint64_t* w, std::size_t size, Tally& t) {
  if (size < kHeaderWords || w[0] != kMagic) return false;
  t = Tally{};
  t.trials = w[1];
  for (int i = 0; i < kOutcomeCount; ++i) t.counts[i] = w[2 + i];
  t.rounds_sum = w[6];
  t.messages_sum = w[7];
  t.corrupted_sum = w[8];
  t.decided = w[9];
  t.latency_sum_ns = (static_cast<unsigned __int128>(w[10]) << 64) | w[11];
  t.latency.restore(static_cast<std::uint32_t>(w[14]),
                    std::vector<std::uint64_t>(w + kHeaderWords, w + size),
                    static_cast<SimTime>(w[12]), static_cast<SimTime>(w[13]));
  return t.latency.count() == t.decided;
}

}  // namespace byzsim
