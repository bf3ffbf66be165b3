#include "sim/search/twins_sources.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "sim/core/rng.hpp"

namespace byzsim::search {

namespace {

// The stream of sample i is Rng::for_trial(seed, kSampleStream, i): apart from every trial's
// own stream (whose point is a sweep point index, far below this).
constexpr std::uint64_t kSampleStream = 0x7477696e73ULL;  // "twins"

}  // namespace

std::size_t SampledTwins::digits(std::uint64_t index, std::uint64_t* out) const {
  Rng rng = Rng::for_trial(seed_, kSampleStream, index);
  const auto count = static_cast<std::size_t>(std::clamp(space_.views(), 0, kMaxSearchViews));
  // One uniform choice per view: uniform over the whole space.
  for (std::size_t v = 0; v < count; ++v) out[v] = rng.below(space_.choices_per_view());
  return count;
}

void SampledTwins::schedule(std::uint64_t index, Schedule& out) const {
  std::array<std::uint64_t, kMaxSearchViews> d{};
  const std::size_t count = digits(index, d.data());
  space_.schedule_of(std::span<const std::uint64_t>(d.data(), count), out);
}

std::uint64_t SampledTwins::space_index(std::uint64_t index) const {
  std::array<std::uint64_t, kMaxSearchViews> d{};
  const std::size_t count = digits(index, d.data());
  return space_.index_of(std::span<const std::uint64_t>(d.data(), count));
}

}  // namespace byzsim::search
