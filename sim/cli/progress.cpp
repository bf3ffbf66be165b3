// ProgressBar: one carriage-returned line, redrawn at most every update() call.
#include "sim/cli/progress.hpp"

#include <cstdio>

namespace byzsim::cli {

ProgressBar::ProgressBar(bool enabled, std::size_t points)
    : enabled_(enabled), points_(points), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(std::uint64_t trials_done, std::uint64_t trials_total) {
  if (!enabled_ || trials_total == 0) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(trials_done) / seconds : 0;
  const double fraction = static_cast<double>(trials_done) / static_cast<double>(trials_total);
  const double eta = rate > 0 ? static_cast<double>(trials_total - trials_done) / rate : 0;
  constexpr int kWidth = 30;
  char bar[kWidth + 1];
  const int filled = static_cast<int>(fraction * kWidth);
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = '\0';
  std::fprintf(stderr, "\r[%s] %3.0f%%  points %zu/%zu  %.3g trials/s  ETA %.0fs   ", bar,
               fraction * 100, points_done_, points_, rate, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) std::fprintf(stderr, "\n");
}

}  // namespace byzsim::cli
