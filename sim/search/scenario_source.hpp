// What a schedule search runs (schedule_search.hpp): scenarios 0..count-1, each a Schedule,
// cut into blocks that depend only on the source (never on the thread count), so that the
// results merged in block order are the same on any number of threads.
#pragma once

#include <cstdint>

#include "sim/model/scenario.hpp"

namespace byzsim::search {

// At most this many blocks (each keeps its counts and first witnesses until the merge), so
// that memory stays bounded however large the budget.
inline constexpr std::uint64_t kMaxBlocks = 1 << 16;

// `unit` (>= 1) times the least whole number that makes `count` fit in kMaxBlocks blocks,
// and at least `unit`.
inline std::uint64_t bounded_block_size(std::uint64_t count, std::uint64_t unit) {
  const std::uint64_t units = (count + unit - 1) / unit;
  return unit * ((units + kMaxBlocks - 1) / kMaxBlocks);
}

class ScenarioSource {
 public:
  virtual ~ScenarioSource() = default;
  virtual std::uint64_t count() const = 0;
  // Scenarios per block (the last block may be shorter).
  virtual std::uint64_t block_size() const = 0;
  // The schedule of scenario `index`; called concurrently, so it must not change the source.
  virtual void schedule(std::uint64_t index, Schedule& out) const = 0;
  // The next scenario worth running after `index`, whose run started `started` views: the ones
  // in between would run the same trial (an enumeration skips views never started); at least
  // index + 1.
  virtual std::uint64_t next(std::uint64_t index, int started) const {
    (void)started;
    return index + 1;
  }
};

}  // namespace byzsim::search
