// Runs the trials of many sweep points on a pool of worker threads and hands each point's
// tally back in point order. Output never depends on the number of threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/tally.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

// One point's work: trials [0, trials) of `scenario` at sweep index `point`.
struct PointJob {
  const Scenario* scenario = nullptr;
  std::uint64_t point = 0;
  std::uint64_t trials = 0;
};

// Memory grows with the number of jobs, never with their trials: work units are computed as
// workers take them, so a point of 1e12 trials starts at once.
struct BatchOptions {
  int threads = 0;                    // 0 = all cores
  std::uint64_t block_trials = 1024;  // trials per work unit
  // Called on the calling thread, in job order, as soon as job i and all before it finished,
  // with this process's tally of it. Not called when `render` is set.
  std::function<void(std::size_t job, const Tally& tally)> on_job_done;
  // Optional, for single-process runs: called on the worker thread that completed job i
  // (so it must be thread-safe), turning its tally into the text of its row. The calling
  // thread then only passes the texts, in job order, to on_job_rendered. With many tiny
  // points the calling thread would otherwise format every row alone while the workers
  // wait for it, and the tallies piled up in memory.
  std::function<std::string(std::size_t job, const Tally& tally)> render;
  std::function<void(std::size_t job, std::string_view text)> on_job_rendered;
  // Called on the calling thread before it waits for more work to finish, and at the end:
  // the moment to flush what on_job_done wrote (finished points reach the disk at once,
  // yet tiny points do not pay a system call each).
  std::function<void()> on_idle;
  // Called on the calling thread about every 200 ms with trials done and total.
  std::function<void(std::uint64_t done, std::uint64_t total)> on_progress;
  // When set and true, workers take no new work unit and run_batch returns after the jobs
  // already complete were reported (an interrupted run keeps every finished point).
  const std::atomic<bool>* stop = nullptr;
  // Distributed runs: this process runs work units u with u % ranks == rank; every job is
  // still reported, with the tally of this process's share (possibly empty).
  int rank = 0;
  int ranks = 1;
};

// Runs every job. Exceptions thrown by a worker, or by a callback on this thread, are rethrown
// here after all workers stop.
// Returns false when stopped early.
bool run_batch(const std::vector<PointJob>& jobs, const BatchOptions& options);

int default_thread_count();

}  // namespace byzsim
