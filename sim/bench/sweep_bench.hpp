// Sweep-level benchmarks for `byzsim bench --sweep`: parallel efficiency of the worker pool
// and the per-point overhead of many tiny points, both through the real batch and report path.
#pragma once

#include <cstddef>

namespace byzsim {

struct SweepBenchResult {
  int points = 0;
  long long trials_per_point = 0;
  double seconds = 0;
  double trials_per_second = 0;
  std::size_t csv_bytes = 0;  // what the rows would have written
};

// Runs `points` points of `trials_per_point` trials of the n = 7 bench scenario on
// `threads` threads, formatting every row as CSV as `byzsim run` does; `repeats` times on
// the same points, reporting the fastest (this virtual machine's timings vary by 20%
// from run to run; the best of several is the stable figure).
SweepBenchResult bench_sweep(int points, long long trials_per_point, int threads, int repeats = 5);

}  // namespace byzsim
