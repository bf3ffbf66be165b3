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
#include "sim/model/loaded_scenario.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

// One point's work: trials [0, trials) of `scenario` at sweep index `point`.
struct PointJob {
  const Scenario* scenario = nullptr;
  std::uint64_t point = 0;
  std::uint64_t trials = 0;
};

// The jobs of a batch, read as the workers reach them, so that a sweep's points need not all
// exist at once (run_batch keeps state only for the jobs in its reorder window).
// Called from several threads at once: implementations must be thread-safe.
class JobSource {
 public:
  virtual ~JobSource() = default;
  virtual std::size_t size() const = 0;
  // Job i's trials: read for every job, in order, so it should cost nothing.
  virtual std::uint64_t trials(std::size_t job) const = 0;
  // Job i's point (its scenario, and in `index` the sweep index of its random streams): a
  // stored point, or `scratch` filled in. `scratch` is the caller's, reused from job to job,
  // so filling it in need not allocate.
  virtual const ScenarioPoint& point(std::size_t job, ScenarioPoint& scratch) const = 0;
  // Whether some job is importance-sampled: then its tilt is chosen by a pilot before any
  // trial (sim/run/importance.hpp), which reads every job's point once. False skips that pass.
  virtual bool may_tilt() const { return false; }
};

// Memory is bounded: work units are computed as workers take them (a point of 1e12 trials
// starts at once), and state is kept only for the jobs between the next one to report and
// the last one a worker reached, a window of a few thousand jobs; a worker that would go
// further waits for the reports to catch up (a 10^6-point sweep holds what a 10^4 one does).
struct BatchOptions {
  int threads = 0;                    // 0 = all cores
  std::uint64_t block_trials = 1024;  // trials per work unit
  // Called on the calling thread, in job order, as soon as job i and all before it finished,
  // with this process's tally of it. Not called when `render` is set.
  std::function<void(std::size_t job, const Tally& tally)> on_job_done;
  // Optional, for single-process runs: called on the worker thread that completed job i
  // (so it must be thread-safe), with the job's point, appending the text of its row (from
  // its tally) to `out`. The calling thread then only passes the texts, in job order, to
  // on_job_rendered. With many tiny points the calling thread would otherwise format every
  // row alone while the workers wait for it; rows are appended to one buffer per work unit,
  // so that a row costs no string of its own.
  std::function<void(std::size_t job, const ScenarioPoint& point, const Tally& tally,
                     std::string& out)>
      render;
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
bool run_batch(const JobSource& jobs, const BatchOptions& options);
// The same for jobs listed in memory (each job's point is a copy of its scenario, with
// index = its `point`).
bool run_batch(const std::vector<PointJob>& jobs, const BatchOptions& options);

// The reorder window: how many jobs past the next one to report a worker may reach (a power
// of two; a few thousand, and never more than the jobs).
std::size_t batch_window(std::size_t jobs, std::uint64_t block_trials, int threads);

int default_thread_count();

}  // namespace byzsim
