// KeptPoints: rank by per-word counts, select by scanning from the nearest sample.
#include "sim/sweep/kept_points.hpp"

#include <bit>
#include <cassert>

namespace byzsim {

void KeptPoints::keep_all(std::size_t count) {
  clear();
  count_ = count;
}

void KeptPoints::start(std::size_t unconstrained) {
  clear();
  all_ = false;
  bits_.assign((unconstrained + 63) / 64, 0);
  before_.assign(bits_.size(), 0);
}

void KeptPoints::keep(std::size_t unconstrained_index) {
  assert(!all_);
  const std::size_t word = unconstrained_index / 64;
  // The first kept point of a word: every point kept so far lies in the words before it.
  for (; filled_ <= word; ++filled_) before_[filled_] = static_cast<std::uint32_t>(count_);
  if (count_ % kSample == 0) samples_.push_back(unconstrained_index);
  bits_[word] |= std::uint64_t{1} << (unconstrained_index % 64);
  ++count_;
}

bool KeptPoints::kept(std::size_t unconstrained_index) const {
  if (all_) return unconstrained_index < count_;
  const std::size_t word = unconstrained_index / 64;
  return word < bits_.size() && ((bits_[word] >> (unconstrained_index % 64)) & 1) != 0;
}

std::size_t KeptPoints::point_at(std::size_t unconstrained_index) const {
  if (all_) return unconstrained_index;
  const std::size_t word = unconstrained_index / 64;
  const std::uint64_t below = (std::uint64_t{1} << (unconstrained_index % 64)) - 1;
  return before_[word] + static_cast<std::size_t>(std::popcount(bits_[word] & below));
}

std::size_t KeptPoints::unconstrained_index(std::size_t point) const {
  if (all_) return point;
  const std::size_t sample = samples_[point / kSample];
  std::size_t rest = point % kSample;  // kept points to pass after the sample
  std::size_t word = sample / 64;
  std::uint64_t bits = bits_[word] & (~std::uint64_t{0} << (sample % 64));
  for (;;) {
    const auto here = static_cast<std::size_t>(std::popcount(bits));
    if (rest < here) break;
    rest -= here;
    bits = bits_[++word];
  }
  for (; rest > 0; --rest) bits &= bits - 1;  // drop the lowest kept points
  return word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
}

}  // namespace byzsim
