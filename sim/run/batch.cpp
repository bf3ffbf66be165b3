// run_batch: a shared list of work units (point, first trial, count) taken by workers in
// order through an atomic index; tallies are merged per point in unit order.
#include "sim/run/batch.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "sim/run/trial_runner.hpp"

namespace byzsim {

namespace {

struct WorkUnit {
  std::size_t job = 0;
  std::uint64_t first_trial = 0;
  std::uint64_t count = 0;
};

struct SharedState {
  std::vector<WorkUnit> units;
  std::vector<Tally> unit_tallies;
  std::vector<std::atomic<std::uint64_t>> units_left;  // per job
  std::atomic<std::size_t> next_unit{0};
  std::atomic<std::uint64_t> trials_done{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable job_finished;
  std::exception_ptr error;
};

void worker(const std::vector<PointJob>& jobs, SharedState& state, const std::atomic<bool>* stop) {
  TrialRunner runner;
  std::size_t prepared_job = SIZE_MAX;
  try {
    for (;;) {
      const std::size_t u = state.next_unit.fetch_add(1);
      if (u >= state.units.size() || state.failed || (stop && *stop)) break;
      const WorkUnit& unit = state.units[u];
      if (unit.job != prepared_job) {
        runner.prepare(*jobs[unit.job].scenario, jobs[unit.job].point);
        prepared_job = unit.job;
      }
      Tally& tally = state.unit_tallies[u];
      for (std::uint64_t t = unit.first_trial; t < unit.first_trial + unit.count; ++t)
        tally.add(runner.run(t));
      state.trials_done += unit.count;
      if (state.units_left[unit.job].fetch_sub(1) == 1) {
        std::lock_guard lock(state.mutex);
        state.job_finished.notify_all();
      }
    }
  } catch (...) {
    std::lock_guard lock(state.mutex);
    if (!state.error) state.error = std::current_exception();
    state.failed = true;
    state.job_finished.notify_all();
  }
}

}  // namespace

int default_thread_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

bool run_batch(const std::vector<PointJob>& jobs, const BatchOptions& options) {
  SharedState state;
  state.units_left = std::vector<std::atomic<std::uint64_t>>(jobs.size());
  std::uint64_t total = 0;
  const std::uint64_t block = std::max<std::uint64_t>(1, options.block_trials);
  std::size_t global_unit = 0;  // numbering shared by every rank, so shares never overlap
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    std::uint64_t units = 0;
    for (std::uint64_t first = 0; first < jobs[j].trials; first += block, ++global_unit) {
      if (global_unit % static_cast<std::size_t>(options.ranks) !=
          static_cast<std::size_t>(options.rank))
        continue;
      const std::uint64_t count = std::min(block, jobs[j].trials - first);
      state.units.push_back(WorkUnit{j, first, count});
      ++units;
      total += count;
    }
    state.units_left[j] = units;
  }
  state.unit_tallies.resize(state.units.size());

  const int threads = options.threads > 0 ? options.threads : default_thread_count();
  std::vector<std::jthread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back([&] { worker(jobs, state, options.stop); });
  auto stopped = [&] { return options.stop && options.stop->load(); };

  std::size_t unit_cursor = 0;
  std::size_t next_job = 0;
  // Merges the unit tallies of the next job (complete) and reports it.
  auto report_next = [&] {
    Tally tally;
    for (; unit_cursor < state.units.size() && state.units[unit_cursor].job == next_job;
         ++unit_cursor) {
      tally.merge(state.unit_tallies[unit_cursor]);
      state.unit_tallies[unit_cursor] = Tally{};  // free the histogram early
    }
    if (options.on_job_done) options.on_job_done(next_job, tally);
    ++next_job;
  };
  while (next_job < jobs.size()) {
    {
      std::unique_lock lock(state.mutex);
      while (state.units_left[next_job] != 0 && !state.failed && !stopped()) {
        state.job_finished.wait_for(lock, std::chrono::milliseconds(200));
        if (options.on_progress) {
          lock.unlock();
          options.on_progress(state.trials_done.load(), total);
          lock.lock();
        }
      }
    }
    if (state.failed || state.units_left[next_job] != 0) break;
    try {
      report_next();
    } catch (...) {  // e.g. the output cannot be written: stop the workers, then rethrow
      state.failed = true;
      pool.clear();
      throw;
    }
  }
  pool.clear();  // joins; units in flight when stopped have finished now
  if (state.error) std::rethrow_exception(state.error);
  while (next_job < jobs.size() && state.units_left[next_job] == 0) report_next();
  if (options.on_progress) options.on_progress(state.trials_done.load(), total);
  return next_job == jobs.size();
}

}  // namespace byzsim
