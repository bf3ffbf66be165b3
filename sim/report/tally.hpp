// Per-point accumulation of trial results: integer counts and sums and a fixed-layout
// latency histogram, so merging in any order gives identical numbers. Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/outcome.hpp"

namespace byzsim {

// Log-linear bins over nanoseconds: exact below 128 ns, then 128 bins per power of two
// (relative width < 0.8%). Sized on demand, so a small tally stays small.
class LatencyHistogram {
 public:
  static constexpr int kSubBits = 7;
  static std::uint32_t bin_of(SimTime ns);
  static SimTime bin_low(std::uint32_t bin);   // smallest value in the bin
  static SimTime bin_high(std::uint32_t bin);  // largest value in the bin

  void add(SimTime ns);
  void merge(const LatencyHistogram& other);
  std::uint64_t count() const { return count_; }
  // The q-quantile by nearest rank, as the middle of its bin clamped to [min, max] seen.
  SimTime quantile(double q) const;

  // For tally_codec: the raw state.
  const std::vector<std::uint64_t>& bins() const { return bins_; }
  SimTime min() const { return min_; }
  SimTime max() const { return max_; }
  void restore(std::vector<std::uint64_t> bins, SimTime min, SimTime max);

 private:
  std::vector<std::uint64_t> bins_;
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
  std::uint64_t decided = 0;             // trials with a decision (correct or wrong)
  unsigned __int128 latency_sum_ns = 0;  // over decided trials
  LatencyHistogram latency;              // over decided trials

  void add(const TrialResult& result);
  void merge(const Tally& other);
  std::uint64_t count(Outcome o) const { return counts[static_cast<int>(o)]; }
};

}  // namespace byzsim
