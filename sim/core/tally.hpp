// Per-point accumulation of trial results: integer counts and sums and a fixed-layout
// latency histogram, so merging in any order gives identical numbers. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/general_columns.hpp"
#include "sim/core/outcome.hpp"
#include "sim/core/weight_sums.hpp"

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

// How two tallies' values of one field combine: sums add, the first violation is the least.
enum class TallyMerge : std::uint8_t { sum, min };

struct Tally {
  std::uint64_t trials = 0;
  std::uint64_t counts[kOutcomeCount] = {};
  std::uint64_t decided = 0;  // trials with a decision (correct or wrong)
  // Per general column (general_columns.hpp), its per-trial values summed (zero for a quantile).
  unsigned __int128 general_sums[kGeneralColumnCount] = {};
  LatencyHistogram latency;  // over decided trials (merged and encoded on its own)
  // The protocol's checker (zero for protocols without one).
  std::uint64_t invalid_decisions = 0;  // trials with an honest commit lacking a certificate
  std::uint64_t safety_violations = 0;  // trials with a violation that is a bug in byzsim
  std::uint64_t first_safety_violation_trial = UINT64_MAX;  // lowest such trial index
  // TrialResult::counters summed: the protocol's own measurements (its result columns).
  unsigned __int128 counter_sums[kProtocolCounters] = {};
  // Importance sampling only (docs/rare-events.md): the trials' likelihood ratios.
  WeightSums weights;

  void add(const TrialResult& result);
  void merge(const Tally& other);
  void clear();  // as a new Tally, keeping the histogram's storage
  std::uint64_t count(Outcome o) const { return counts[static_cast<int>(o)]; }
  // The row value of general column `column`: the mean of its per-trial values over the trials
  // it is over, divided by its unit, or its quantile; empty when no such trial was tallied.
  // general<c>() is the same with the column known at compile time (rows of tiny points).
  std::optional<double> general(std::size_t column) const;
  template <std::size_t c>
  std::optional<double> general() const {
    constexpr GeneralColumn kColumn = kGeneralColumns[c];
    const std::uint64_t over = kColumn.over == ColumnOver::decided ? decided : trials;
    if (over == 0) return std::nullopt;
    if constexpr (kColumn.kind == ColumnKind::quantile)  // no per_trial: see add_general
      return static_cast<double>(latency.quantile(kColumn.quantile)) / kColumn.unit;
    else
      return static_cast<double>(general_sums[c]) / static_cast<double>(over) / kColumn.unit;
  }

  // The one list of the scalar fields (all but the histogram): merge, the MPI codec
  // (run/tally_codec) and tests walk it, so a field added here travels everywhere. Calls
  // visit(a_field, b_field, TallyMerge) for each field of `a` and the same field of `b`.
  template <class A, class B, class Visit>
  static void for_each_field(A& a, B& b, Visit&& visit) {
    visit(a.trials, b.trials, TallyMerge::sum);
    for (int i = 0; i < kOutcomeCount; ++i) visit(a.counts[i], b.counts[i], TallyMerge::sum);
    visit(a.decided, b.decided, TallyMerge::sum);
    for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
      visit(a.general_sums[c], b.general_sums[c], TallyMerge::sum);
    visit(a.invalid_decisions, b.invalid_decisions, TallyMerge::sum);
    visit(a.safety_violations, b.safety_violations, TallyMerge::sum);
    visit(a.first_safety_violation_trial, b.first_safety_violation_trial, TallyMerge::min);
    for (int k = 0; k < kProtocolCounters; ++k)
      visit(a.counter_sums[k], b.counter_sums[k], TallyMerge::sum);
    for (int o = 0; o < kOutcomeCount; ++o)
      for (int k = 0; k < ExactSum::kLimbs; ++k) {
        visit(a.weights.weight[o].limbs[k], b.weights.weight[o].limbs[k], TallyMerge::sum);
        visit(a.weights.squared[o].limbs[k], b.weights.squared[o].limbs[k], TallyMerge::sum);
      }
    visit(a.weights.pilot_events, b.weights.pilot_events, TallyMerge::min);
  }
};

}  // namespace byzsim
