#include "sim/search/twins_space.hpp"

#include <algorithm>
#include <array>

#include "sim/search/set_partitions.hpp"

namespace byzsim::search {

std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
  if (a == kSaturated || b == kSaturated) return kSaturated;
  if (a != 0 && b > kSaturated / a) return kSaturated;
  return a * b;
}

TwinsSpace::TwinsSpace(int n, std::vector<int> twins, int views, int max_groups)
    : n_(n), twins_(std::move(twins)), views_(views) {
  partitions_ = set_partitions(instances(), max_groups);
  choices_ = saturating_product(static_cast<std::uint64_t>(std::max(n_, 0)), partitions_.size());
  size_ = 1;
  for (int v = 0; v < views_; ++v) size_ = saturating_product(size_, choices_);
}

std::uint64_t TwinsSpace::stride(int view) const {
  std::uint64_t s = 1;
  for (int v = view + 1; v < views_; ++v) s = saturating_product(s, choices_);
  return s;
}

std::uint64_t TwinsSpace::next_after(std::uint64_t index, int started) const {
  // A run starts view 0 at least; one that started every view shares nothing with another.
  started = std::max(started, 1);
  if (started >= views_) return index + 1;
  const std::uint64_t block = stride(started - 1);
  return (index / block + 1) * block;
}

void TwinsSpace::set_view(ScheduleView& view, std::uint64_t digit) const {
  const std::uint64_t count = partitions_.size();
  view.leader = static_cast<int>(digit / count);
  const std::vector<std::uint8_t>& groups = partitions_[static_cast<std::size_t>(digit % count)];
  const int used = 1 + *std::max_element(groups.begin(), groups.end());
  // One group is the whole network: left unnamed, as a schedule written by hand would.
  view.groups.resize(used == 1 ? 0 : static_cast<std::size_t>(used));
  for (auto& group : view.groups) group.clear();
  if (used == 1) return;
  for (std::size_t i = 0; i < groups.size(); ++i)
    view.groups[groups[i]].push_back(static_cast<int>(i));
}

void TwinsSpace::schedule_at(std::uint64_t index, Schedule& out) const {
  std::array<std::uint64_t, kMaxSearchViews> digits{};
  const auto count = static_cast<std::size_t>(std::clamp(views_, 0, kMaxSearchViews));
  for (std::size_t v = count; v-- > 0;) {
    digits[v] = index % choices_;
    index /= choices_;
  }
  schedule_of(std::span<const std::uint64_t>(digits.data(), count), out);
}

void TwinsSpace::schedule_of(std::span<const std::uint64_t> digits, Schedule& out) const {
  out.twins = twins_;
  out.mutations.clear();
  out.views.resize(digits.size());
  for (std::size_t v = 0; v < digits.size(); ++v) set_view(out.views[v], digits[v]);
}

std::uint64_t TwinsSpace::index_of(std::span<const std::uint64_t> digits) const {
  if (size_ == kSaturated) return kSaturated;
  std::uint64_t index = 0;
  for (const std::uint64_t d : digits) index = index * choices_ + d;
  return index;
}

}  // namespace byzsim::search
