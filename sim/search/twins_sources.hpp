// The Twins space as `byzsim check --twins` walks it: all of it in order (skipping the
// scenarios that differ only in views the run never started), or a uniform sample of it
// (with replacement) drawn from the seed, for spaces larger than the budget.
#pragma once

#include <algorithm>
#include <cstdint>

#include "sim/search/scenario_source.hpp"
#include "sim/search/twins_space.hpp"

namespace byzsim::search {

class EnumeratedTwins : public ScenarioSource {
 public:
  // skip: use the reduction of views never started (off only to check it).
  EnumeratedTwins(const TwinsSpace& space, bool skip) : space_(space), skip_(skip) {}
  std::uint64_t count() const override { return space_.size(); }
  // Whole choices of view 0 per block, so a skip never crosses a block's end but at its end.
  std::uint64_t block_size() const override {
    return bounded_block_size(space_.size(), space_.stride(0));
  }
  void schedule(std::uint64_t index, Schedule& out) const override {
    space_.schedule_at(index, out);
  }
  std::uint64_t next(std::uint64_t index, int started) const override {
    return skip_ ? space_.next_after(index, started) : index + 1;
  }

 private:
  const TwinsSpace& space_;
  bool skip_;
};

class SampledTwins : public ScenarioSource {
 public:
  SampledTwins(const TwinsSpace& space, std::uint64_t seed, std::uint64_t samples)
      : space_(space), seed_(seed), samples_(samples) {}
  std::uint64_t count() const override { return samples_; }
  std::uint64_t block_size() const override {
    return std::max<std::uint64_t>(1024, bounded_block_size(samples_, 1));
  }
  void schedule(std::uint64_t index, Schedule& out) const override;
  // The scenario number in the space of sample `index` (kSaturated when the space's size is
  // not exact).
  std::uint64_t space_index(std::uint64_t index) const;

 private:
  std::size_t digits(std::uint64_t index, std::uint64_t* out) const;
  const TwinsSpace& space_;
  std::uint64_t seed_;
  std::uint64_t samples_;
};

}  // namespace byzsim::search
