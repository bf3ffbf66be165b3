// Sweep-level benchmarks for `byzsim bench --sweep`: how the worker pool scales with threads,
// the per-point overhead of many tiny points, and workloads whose peak memory the bench
// reports, all through the real batch and report path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace byzsim {

struct SweepBenchResult {
  int points = 0;
  long long trials_per_point = 0;
  double seconds = 0;
  double trials_per_second = 0;
  std::size_t csv_bytes = 0;  // what the rows would have written
};

// Runs `points` points of `trials_per_point` trials of the n = 7 bench scenario on
// `threads` threads (0 = all cores), formatting every row as CSV as `byzsim run` does;
// `repeats` times on the same points, reporting the fastest (this virtual machine's timings
// vary by 20% from run to run; the best of several is the stable figure).
SweepBenchResult bench_sweep(int points, long long trials_per_point, int threads, int repeats = 5);

// Trials per point that make `points` points last about `one_thread_seconds` on one thread,
// from short probes on one thread (at least 1).
long long calibrate_trials_per_point(int points, double one_thread_seconds);

// Thread counts of the scaling table: powers of two below `cores`, then `cores` itself
// (16 cores: 1 2 4 8 16; 6 cores: 1 2 4 6; 1 core: 1).
std::vector<int> scaling_thread_counts(int cores);

// `byzsim run`'s path for a sweep of `points` one-trial points of an n = 7 scenario given as
// JSON with --vary /seed=0:points-1: the loader (every point checked, then made as a worker
// reaches it), the batch and the CSV rows, which are formatted and dropped. Returns the bytes
// the rows would have written.
std::size_t bench_run_sweep(int points);

struct BoundedPointResult {
  std::uint64_t trials_done = 0;
  double seconds = 0;
  bool stopped = false;  // the time bound ended it before all its trials ran
};

// One point of `trials` trials on all cores, stopped once `seconds` have passed (a 1e9-trial
// point would take minutes); `on_progress(trials done)` is called about every 200 ms and at
// the end.
BoundedPointResult bench_bounded_point(long long trials, double seconds,
                                       const std::function<void(std::uint64_t)>& on_progress);

}  // namespace byzsim
