// The progress line of long runs on stderr: points done, trials/s, ETA. Silent unless
// enabled (a terminal, or --progress). Used by `run`.
#pragma once

#include <chrono>
#include <cstdint>

namespace byzsim::cli {

class ProgressBar {
 public:
  ProgressBar(bool enabled, std::size_t points);
  void point_done() { ++points_done_; }
  void update(std::uint64_t trials_done, std::uint64_t trials_total);
  void finish();

 private:
  bool enabled_;
  std::size_t points_;
  std::size_t points_done_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace byzsim::cli
