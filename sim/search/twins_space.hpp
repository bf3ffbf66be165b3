// The Twins space of `byzsim check --twins` (docs/check.md): for each of the first R views a
// leader (any of the n agents) and a partition of the n + f instances (agents and twins) into
// at most P groups, up to renaming of the groups. A scenario is a number in mixed radix: one
// digit per view, view 0 most significant, each digit leader * partitions + partition, so
// that the scenarios which differ only in views after v are consecutive (the skip of views a
// run never started, schedule_search.hpp, relies on that order).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/model/scenario.hpp"

namespace byzsim::search {

inline constexpr std::uint64_t kSaturated = UINT64_MAX;
// The most views a search chooses for (--rounds).
inline constexpr int kMaxSearchViews = 8;

// a * b, or kSaturated when it does not fit.
std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b);

class TwinsSpace {
 public:
  // `twins`: the agents with a twin (instance n + k is the twin of twins[k]).
  TwinsSpace(int n, std::vector<int> twins, int views, int max_groups);

  int agents() const { return n_; }
  int instances() const { return n_ + static_cast<int>(twins_.size()); }
  int views() const { return views_; }
  std::uint64_t partitions_per_view() const { return partitions_.size(); }
  std::uint64_t choices_per_view() const { return choices_; }
  // choices_per_view ^ views, or kSaturated when it exceeds 2^64 - 1.
  std::uint64_t size() const { return size_; }
  // How far apart two scenarios are that differ by one in view `view`'s choice: the number of
  // scenarios sharing views 0..view (choices ^ (views - 1 - view)). Needs an exact size.
  std::uint64_t stride(int view) const;
  // Where the enumeration goes after scenario `index` when its run started only views
  // 0..started-1: the next scenario that differs in one of them (all in between share the
  // run). At least index + 1.
  std::uint64_t next_after(std::uint64_t index, int started) const;

  // The schedule of scenario `index` (< size(), which must be exact) or of one digit per view.
  // `out` is reused: its vectors keep their capacity across calls.
  void schedule_at(std::uint64_t index, Schedule& out) const;
  void schedule_of(std::span<const std::uint64_t> digits, Schedule& out) const;
  // The scenario number of the digits; kSaturated when the size is not exact.
  std::uint64_t index_of(std::span<const std::uint64_t> digits) const;

 private:
  void set_view(ScheduleView& view, std::uint64_t digit) const;

  int n_;
  std::vector<int> twins_;
  int views_;
  std::vector<std::vector<std::uint8_t>> partitions_;
  std::uint64_t choices_;
  std::uint64_t size_;
};

}  // namespace byzsim::search
