// Tally and LatencyHistogram: integer arithmetic only; doubles appear when a row prints.
#include "sim/core/tally.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <new>
#include <utility>

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

void LatencyHistogram::cover(std::uint32_t low, std::uint32_t high) {
  if (bins_.empty()) {
    first_bin_ = low;
    bins_.assign(high - low + 1, 0);
    return;
  }
  const std::uint32_t last = first_bin_ + static_cast<std::uint32_t>(bins_.size()) - 1;
  if (low < first_bin_) {
    bins_.insert(bins_.begin(), first_bin_ - low, 0);
    first_bin_ = low;
  }
  if (high > last) bins_.resize(high - first_bin_ + 1, 0);
}

void LatencyHistogram::add(SimTime ns) {
  const std::uint32_t bin = bin_of(ns);
  cover(bin, bin);
  ++bins_[bin - first_bin_];
  min_ = count_ == 0 ? ns : std::min(min_, ns);
  max_ = count_ == 0 ? ns : std::max(max_, ns);
  ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  cover(other.first_bin_, other.first_bin_ + static_cast<std::uint32_t>(other.bins_.size()) - 1);
  for (std::size_t i = 0; i < other.bins_.size(); ++i)
    bins_[other.first_bin_ - first_bin_ + i] += other.bins_[i];
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
  for (std::uint32_t i = 0; i < bins_.size(); ++i) {
    seen += bins_[i];
    if (seen >= rank) {
      const std::uint32_t bin = first_bin_ + i;
      const SimTime mid = bin_low(bin) + (bin_high(bin) - bin_low(bin)) / 2;
      return std::clamp(mid, min_, max_);
    }
  }
  return max_;
}

void LatencyHistogram::clear() {
  bins_.clear();
  first_bin_ = 0;
  count_ = 0;
  min_ = max_ = 0;
}

void Tally::clear() {
  // Made anew in place (one pass over a kilobyte of sums, not a temporary and a copy: a point
  // of one trial clears its tally once per trial), keeping the histogram's storage.
  LatencyHistogram kept = std::move(latency);
  kept.clear();
  this->~Tally();
  new (this) Tally{};
  latency = std::move(kept);
}

void LatencyHistogram::restore(std::uint32_t first_bin, std::vector<std::uint64_t> bins,
                               SimTime min, SimTime max) {
  first_bin_ = first_bin;
  bins_ = std::move(bins);
  count_ = 0;
  for (auto b : bins_) count_ += b;
  min_ = min;
  max_ = max;
}

namespace {

// Adds each general column's per-trial value to its sum: expanded at compile time over the
// table, so each measurement is a direct (inlined) call, as the named sums were.
template <std::size_t... C>
void add_general(unsigned __int128 (&sums)[kGeneralColumnCount], const TrialResult& result,
                 std::index_sequence<C...>) {
  const auto add = [&]<std::size_t c>() {
    // The kind, not `per_trial != nullptr`: GCC's UBSan makes a lambda's function pointer
    // unusable in a constant comparison (a quantile is exactly the row without per_trial).
    if constexpr (kGeneralColumns[c].kind != ColumnKind::quantile) {
      constexpr auto per_trial = kGeneralColumns[c].per_trial;
      sums[c] += per_trial(result);
    }
  };
  (add.template operator()<C>(), ...);
}

}  // namespace

void Tally::add(const TrialResult& result) {
  ++trials;
  ++counts[static_cast<int>(result.outcome)];
  add_general(general_sums, result, std::make_index_sequence<kGeneralColumnCount>());
  if (is_decided(result)) {
    ++decided;
    latency.add(result.latency_ns);
  }
  invalid_decisions += result.invalid_decision;
  if (result.safety_violation) {
    ++safety_violations;
    first_safety_violation_trial = std::min(first_safety_violation_trial, result.trial);
  }
  for (int k = 0; k < kProtocolCounters; ++k) counter_sums[k] += result.counters[k];
}

std::optional<double> Tally::general(std::size_t column) const {
  static constexpr auto kByColumn = []<std::size_t... C>(std::index_sequence<C...>) {
    return std::array{&Tally::general<C>...};
  }
  (std::make_index_sequence<kGeneralColumnCount>());
  return (this->*kByColumn[column])();
}

void Tally::merge(const Tally& other) {
  for_each_field(*this, other, [](auto& mine, const auto& theirs, TallyMerge how) {
    mine = how == TallyMerge::sum ? mine + theirs : std::min(mine, theirs);
  });
  latency.merge(other.latency);
}

}  // namespace byzsim
