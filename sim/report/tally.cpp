// Tally and LatencyHistogram: integer arithmetic only; doubles appear when a row prints.
#include "sim/report/tally.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace byzsim {

std::uint32_t LatencyHistogram::bin_of(SimTime ns) {
  const auto v = static_cast<std::uint64_t>(ns < 0 ? 0 : ns);
  constexpr std::uint64_t kSub = 1ULL << kSubBits;
  if (v < kSub) return static_cast<std::uint32_t>(v);
  const int exponent = 63 - std::countl_zero(v);  // >= kSubBits
  const std::uint64_t mantissa = (v >> (exponent - kSubBits)) - kSub;
  return static_cast<std::uint32_t>((exponent - kSubBits + 1) * kSub + mantissa);
}

SimTime LatencyHistogram::bin_low(std::uint32_t bin) {
  constexpr std::uint64_t kSub = 1ULL << kSubBits;
  if (bin < kSub) return static_cast<SimTime>(bin);
  const std::uint64_t octave = bin / kSub;  // >= 1
  const std::uint64_t mantissa = bin % kSub;
  const int exponent = static_cast<int>(octave) + kSubBits - 1;
  return static_cast<SimTime>((kSub + mantissa) << (exponent - kSubBits));
}

SimTime LatencyHistogram::bin_high(std::uint32_t bin) {
  constexpr std::uint64_t kSub = 1ULL << kSubBits;
  if (bin < kSub) return static_cast<SimTime>(bin);
  return bin_low(bin + 1) - 1;
}

void LatencyHistogram::add(SimTime ns) {
  const std::uint32_t bin = bin_of(ns);
  if (bin >= bins_.size()) bins_.resize(bin + 1, 0);
  ++bins_[bin];
  min_ = count_ == 0 ? ns : std::min(min_, ns);
  max_ = count_ == 0 ? ns : std::max(max_, ns);
  ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  if (other.bins_.size() > bins_.size()) bins_.resize(other.bins_.size(), 0);
  for (std::size_t i = 0; i < other.bins_.size(); ++i) bins_[i] += other.bins_[i];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = count_ == 0 ? other.max_ : std::max(max_, other.max_);
  count_ += other.count_;
}

SimTime LatencyHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  // Nearest rank: the smallest value with at least ceil(q * count) values at or below it.
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::uint32_t bin = 0; bin < bins_.size(); ++bin) {
    seen += bins_[bin];
    if (seen >= rank) {
      const SimTime mid = bin_low(bin) + (bin_high(bin) - bin_low(bin)) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

void LatencyHistogram::restore(std::vector<std::uint64_t> bins, SimTime min, SimTime max) {
  bins_ = std::move(bins);
  count_ = 0;
  for (auto b : bins_) count_ += b;
  min_ = min;
  max_ = max;
}

void Tally::add(const TrialResult& result) {
  ++trials;
  ++counts[static_cast<int>(result.outcome)];
  rounds_sum += result.rounds;
  messages_sum += result.messages;
  corrupted_sum += result.corrupted;
  if (result.outcome == Outcome::correct || result.outcome == Outcome::wrong) {
    ++decided;
    latency_sum_ns += static_cast<unsigned __int128>(result.latency_ns);
    latency.add(result.latency_ns);
  }
}

void Tally::merge(const Tally& other) {
  trials += other.trials;
  for (int i = 0; i < kOutcomeCount; ++i) counts[i] += other.counts[i];
  rounds_sum += other.rounds_sum;
  messages_sum += other.messages_sum;
  corrupted_sum += other.corrupted_sum;
  decided += other.decided;
  latency_sum_ns += other.latency_sum_ns;
  latency.merge(other.latency);
}

}  // namespace byzsim
