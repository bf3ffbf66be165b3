// Which of a sweep's unconstrained points its "where" constraints keep, numbered 0.. in order:
// all of them (no constraint: nothing stored), or one bit per unconstrained point with a
// sample every 64 kept points, so that point k's row-major index and a row-major index's
// point are found without a list of the kept points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace byzsim {

class KeptPoints {
 public:
  // Every one of `count` points is kept.
  void keep_all(std::size_t count);
  // None of `unconstrained` points is kept yet; keep() then adds them in increasing order.
  void start(std::size_t unconstrained);
  void keep(std::size_t unconstrained_index);
  void clear() { *this = KeptPoints(); }

  std::size_t count() const { return count_; }
  // The row-major index of kept point `point` (< count()).
  std::size_t unconstrained_index(std::size_t point) const;
  bool kept(std::size_t unconstrained_index) const;
  // The kept point at row-major index `unconstrained_index` (which must be kept).
  std::size_t point_at(std::size_t unconstrained_index) const;

 private:
  static constexpr std::size_t kSample = 64;  // kept points between two samples
  bool all_ = true;
  std::size_t count_ = 0;
  std::vector<std::uint64_t> bits_;    // bit i: row-major point i is kept
  std::vector<std::uint32_t> before_;  // per word of bits_: the kept points before it
  std::vector<std::size_t> samples_;   // the row-major index of kept point kSample * i
  std::size_t filled_ = 0;             // words whose before_ is set
};

}  // namespace byzsim
