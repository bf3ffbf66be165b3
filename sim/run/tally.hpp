// Per-point accumulation of trial results: integer counts and sums and a fixed-layout
// latency histogram, so merging in any order gives identical numbers. Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/outcome.hpp"

namespace byzsim {

// Log-linear bins over nanoseconds: exact below 128 ns, then 128 bins per power of two
// (relative width < 0.8%). Only the span of bins between the lowest and highest value seen
// is stored, so the tally of a one-trial work unit is one word, not a 20 kB array.
class LatencyHistogram {
 public:
  static constexpr int kSubBits = 7;
  static std::uint32_t bin_of(SimTime ns);
  static SimTime bin_low(std::uint32_t bin);   // smallest value in the bin
  static SimTime bin_high(std::uint32_t bin);  // largest value in the bin

  void add(SimTime ns);
  void merge(const LatencyHistogram& other);
  void clear();  // empty, keeping the storage (a reused tally allocates nothing)
  std::uint64_t count() const { return count_; }
  // The q-quantile by nearest rank, as the middle of its bin clamped to [min, max] seen.
  SimTime quantile(double q) const;

  // For tally_codec: the raw state. bins()[i] counts bin first_bin() + i.
  const std::vector<std::uint64_t>& bins() const { return bins_; }
  std::uint32_t first_bin() const { return first_bin_; }
  SimTime min() const { return min_; }
  SimTime max() const { return max_; }
  void restore(std::uint32_t first_bin, std::vector<std::uint64_t> bins, SimTime min, SimTime max);

 private:
  void cover(std::uint32_t low, std::uint32_t high);  // grow the stored span to [low, high]

  std::vector<std::uint64_t> bins_;
  std::uint32_t first_bin_ = 0;
  std::uint64_t count_ = 0;
  SimTime min_ = 0;
  SimTime max_ = 0;
};

struct Tally {
  std::uint64_t trials = 0;
  std::uint64_t counts[kOutcomeCount] = {};
  std::uint64_t rounds_sum = 0;
  std::uint64_t messages_sum = 0;
  std::uint64_t corrupted_sum = 0;
  std::uint64_t behaved_sum[3] = {};  // agents behaving as honest, malicious, faulty (Role order)
  std::uint64_t decided = 0;          // trials with a decision (correct or wrong)
  unsigned __int128 latency_sum_ns = 0;  // over decided trials
  LatencyHistogram latency;              // over decided trials
  // pbft's checker (zero for the coordinator protocols).
  std::uint64_t invalid_decisions = 0;  // trials with an honest commit lacking a certificate
  std::uint64_t safety_violations = 0;  // trials with a violation that is a bug in byzsim
  std::uint64_t first_safety_violation_trial = UINT64_MAX;  // lowest such trial index
  std::uint64_t honest_sum = 0;                             // honest agents, summed over trials
  std::uint64_t honest_decided_sum = 0;         // honest agents that committed, summed over trials
  unsigned __int128 honest_latency_sum_ns = 0;  // their commit times, summed
  std::uint64_t messages_by_kind_sum[kMessageKindCount] = {};  // pbft's messages by kind

  void add(const TrialResult& result);
  void merge(const Tally& other);
  void clear();  // as a new Tally, keeping the histogram's storage
  std::uint64_t count(Outcome o) const { return counts[static_cast<int>(o)]; }
};

}  // namespace byzsim
