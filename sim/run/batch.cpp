// run_batch: a shared list of work units (point, first trial, count) taken by workers in
// order through an atomic index. The worker that finishes a job's last unit merges the
// job's tallies (and renders its row); the calling thread reports jobs in order.
#include "sim/run/batch.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "sim/run/trial_runner.hpp"

namespace byzsim {

namespace {

// Trials [first_trial, first_trial + count) of one job.
struct Segment {
  std::size_t job = 0;
  std::uint64_t first_trial = 0;
  std::uint64_t count = 0;
  std::size_t unit = 0;  // index into SharedState::units
  // With render, for a job of this one segment: its row in unit_texts[unit].
  std::size_t text_begin = 0;
  std::size_t text_end = 0;
};

// What a worker takes at once: segments [first, end), about block_trials trials in all. A
// big job is cut into several units; many tiny jobs share one, so that one-trial points
// do not pay an atomic operation and a cache-line transfer each.
struct WorkUnit {
  std::size_t first_segment = 0;
  std::size_t end_segment = 0;
};

struct SharedState {
  const std::vector<PointJob>* jobs = nullptr;
  const BatchOptions* options = nullptr;
  std::vector<Segment> segments;  // this process's, in (job, trial) order
  std::vector<WorkUnit> units;
  // Allocated by the worker that runs the segment: pre-sizing a Tally per segment and per
  // job cost more than the trials in sweeps of many one-trial points.
  std::vector<std::unique_ptr<Tally>> segment_tallies;
  std::vector<std::size_t> first_segment;              // per job, and one past the end
  std::vector<std::atomic<std::uint64_t>> units_left;  // per job: segments left (+1, below)
  std::vector<std::unique_ptr<Tally>> results;         // per job, set when it completes
  // With options->render: the rows of jobs of several segments, per job; the rows of jobs of
  // one segment, per work unit (one string for about 1,024 rows, published when the unit
  // ends: one allocation per unit instead of one per row, freed by the reporting thread).
  std::vector<std::string> rendered;
  std::vector<std::string> unit_texts;
  std::atomic<std::size_t> next_unit{0};
  std::atomic<std::uint64_t> trials_done{0};
  std::atomic<bool> failed{false};
  std::atomic<std::size_t> waiting_job{0};  // the job the reporting thread waits for
  std::mutex mutex;
  std::condition_variable job_finished;
  std::exception_ptr error;
};

// On the worker that finished the job's last segment: all its segments are done (the
// acq_rel decrement of units_left makes their tallies visible here).
void complete_job(SharedState& state, std::size_t job) {
  const std::size_t begin = state.first_segment[job], end = state.first_segment[job + 1];
  auto& result = state.results[job];
  result = std::move(state.segment_tallies[begin]);
  for (std::size_t s = begin + 1; s < end; ++s) {
    result->merge(*state.segment_tallies[s]);
    state.segment_tallies[s].reset();  // free early
  }
  if (state.options->render) {
    state.rendered[job] = state.options->render(job, *result);
    result.reset();
  }
}

// Whether a job is one segment (one-trial points, small points inside one unit): with
// render, such jobs are rendered straight into their unit's text.
bool single_segment(const SharedState& state, std::size_t job) {
  return state.first_segment[job + 1] == state.first_segment[job] + 1;
}

void run_trials(TrialRunner& runner, const Segment& segment, Tally& tally) {
  for (std::uint64_t t = segment.first_trial; t < segment.first_trial + segment.count; ++t)
    tally.add(runner.run(t));
}

// Marks a job done (its result complete) and wakes the reporting thread if it waits for it:
// only then, since with many tiny points a wake-up per point would cost more than the point.
void publish_job(SharedState& state, std::size_t job) {
  state.units_left[job].store(0, std::memory_order_release);
  if (job == state.waiting_job) {
    std::lock_guard lock(state.mutex);
    state.job_finished.notify_all();
  }
}

void run_segment(SharedState& state, TrialRunner& runner, Tally& scratch, std::string& unit_text,
                 std::size_t& prepared_job, std::size_t s) {
  const Segment& segment = state.segments[s];
  if (segment.job != prepared_job) {
    const PointJob& job = (*state.jobs)[segment.job];
    runner.prepare(*job.scenario, job.point);
    prepared_job = segment.job;
  }
  // A job of one segment, rendered here into the unit's text: its tally is the worker's
  // scratch tally, and nothing is allocated per job (with many one-trial points, allocating
  // on a worker and freeing on another thread cost more than the trial). The job is
  // published with its unit (publish_unit).
  if (state.options->render && single_segment(state, segment.job)) {
    scratch.clear();
    run_trials(runner, segment, scratch);
    Segment& written = state.segments[s];
    written.text_begin = unit_text.size();
    unit_text += state.options->render(segment.job, scratch);
    written.text_end = unit_text.size();
    return;
  }
  state.segment_tallies[s] = std::make_unique<Tally>();
  run_trials(runner, segment, *state.segment_tallies[s]);
  // units_left starts at segments + 1: the last segment's worker sees 2, completes the
  // job, and only then publishes 0, so the reporting thread never reads a half-made result.
  if (state.units_left[segment.job].fetch_sub(1, std::memory_order_acq_rel) != 2) return;
  complete_job(state, segment.job);
  publish_job(state, segment.job);
}

// Publishes the rows rendered into a unit's text, then their jobs.
void publish_unit(SharedState& state, std::size_t u, std::string& unit_text) {
  if (!state.options->render) return;
  state.unit_texts[u] = unit_text;  // a copy of the exact size; unit_text keeps its capacity
  unit_text.clear();
  const WorkUnit& unit = state.units[u];
  for (std::size_t s = unit.first_segment; s < unit.end_segment; ++s) {
    const std::size_t job = state.segments[s].job;
    if (single_segment(state, job)) publish_job(state, job);
  }
}

void worker(SharedState& state) {
  TrialRunner runner;
  Tally scratch;
  std::string unit_text;
  std::size_t prepared_job = SIZE_MAX;
  const std::atomic<bool>* stop = state.options->stop;
  try {
    for (;;) {
      const std::size_t u = state.next_unit.fetch_add(1);
      if (u >= state.units.size() || state.failed || (stop && *stop)) break;
      const WorkUnit& unit = state.units[u];
      std::uint64_t trials = 0;
      for (std::size_t s = unit.first_segment; s < unit.end_segment; ++s) {
        run_segment(state, runner, scratch, unit_text, prepared_job, s);
        trials += state.segments[s].count;
      }
      publish_unit(state, u, unit_text);
      state.trials_done += trials;
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
  state.jobs = &jobs;
  state.options = &options;
  state.units_left = std::vector<std::atomic<std::uint64_t>>(jobs.size());
  state.results.resize(jobs.size());
  if (options.render) state.rendered.resize(jobs.size());
  // Cut the (job, trial) sequence into segments and group them into units of about
  // `block` trials. Units are numbered the same way on every rank; rank r takes the units
  // u with u % ranks == r.
  std::uint64_t total = 0;
  const std::uint64_t block = std::max<std::uint64_t>(1, options.block_trials);
  std::vector<std::uint64_t> segments_of_job(jobs.size(), 0);
  std::size_t global_unit = 0;
  std::uint64_t unit_trials = 0;
  auto mine = [&] {
    return global_unit % static_cast<std::size_t>(options.ranks) ==
           static_cast<std::size_t>(options.rank);
  };
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    state.first_segment.push_back(state.segments.size());
    for (std::uint64_t first = 0; first < jobs[j].trials;) {
      const std::uint64_t count = std::min(block - unit_trials, jobs[j].trials - first);
      if (mine()) {
        if (unit_trials == 0) state.units.push_back(WorkUnit{state.segments.size(), 0});
        state.segments.push_back(Segment{j, first, count, state.units.size() - 1});
        state.units.back().end_segment = state.segments.size();
        ++segments_of_job[j];
        total += count;
      }
      first += count;
      unit_trials += count;
      if (unit_trials == block) {
        unit_trials = 0;
        ++global_unit;
      }
    }
  }
  state.first_segment.push_back(state.segments.size());
  for (std::size_t j = 0; j < jobs.size(); ++j)
    state.units_left[j] = segments_of_job[j] == 0 ? 0 : segments_of_job[j] + 1;
  state.segment_tallies.resize(state.segments.size());
  if (options.render) state.unit_texts.resize(state.units.size());

  const int threads = options.threads > 0 ? options.threads : default_thread_count();
  std::vector<std::jthread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back([&] { worker(state); });
  auto stopped = [&] { return options.stop && options.stop->load(); };
  auto done = [&](std::size_t job) {
    return state.units_left[job].load(std::memory_order_acquire) == 0;
  };

  std::size_t next_job = 0;
  std::size_t units_freed = 0;  // unit_texts [0, units_freed) are freed
  auto report_next = [&] {
    if (options.render) {
      const std::size_t first = state.first_segment[next_job];
      const std::size_t end = state.first_segment[next_job + 1];
      // Units whose jobs all came before this one were reported: free their text.
      const std::size_t unit =
          first < state.segments.size() ? state.segments[first].unit : state.units.size();
      for (; units_freed < unit; ++units_freed) std::string().swap(state.unit_texts[units_freed]);
      std::string own;
      std::string_view text;
      if (single_segment(state, next_job)) {  // rendered into its unit's text
        const Segment& segment = state.segments[first];
        text = std::string_view(state.unit_texts[segment.unit])
                   .substr(segment.text_begin, segment.text_end - segment.text_begin);
      } else {
        own = end == first ? options.render(next_job, Tally{})  // no trials here
                           : std::move(state.rendered[next_job]);
        text = own;
      }
      if (options.on_job_rendered) options.on_job_rendered(next_job, text);
    } else {
      auto& result = state.results[next_job];
      if (options.on_job_done) options.on_job_done(next_job, result ? *result : Tally{});
      result.reset();
    }
    ++next_job;
  };
  // The reporting thread waits for a job some 2,000 trials ahead of the next one to report,
  // not for the next one itself: with many tiny points, one wake-up per point would cost
  // more than the point. Big points are still reported as soon as each completes.
  constexpr std::uint64_t kTrialsPerWakeUp = 2048;
  std::size_t lookahead_job = 0;       // the first job where the trials since next_job
  std::uint64_t lookahead_trials = 0;  // (jobs [next_job, lookahead_job]) reach the mark
  bool lookahead_valid = false;
  while (next_job < jobs.size()) {
    if (!lookahead_valid || lookahead_job < next_job) {
      lookahead_job = next_job;
      lookahead_trials = jobs[next_job].trials;
      lookahead_valid = true;
    }
    while (lookahead_job + 1 < jobs.size() && lookahead_trials < kTrialsPerWakeUp)
      lookahead_trials += jobs[++lookahead_job].trials;
    const std::size_t target = done(lookahead_job) ? next_job : lookahead_job;
    if (options.on_idle && !done(target)) options.on_idle();
    {
      state.waiting_job = target;
      std::unique_lock lock(state.mutex);
      while (!done(target) && !state.failed && !stopped()) {
        state.job_finished.wait_for(lock, std::chrono::milliseconds(200));
        if (options.on_progress) {
          lock.unlock();
          options.on_progress(state.trials_done.load(), total);
          lock.lock();
        }
      }
    }
    while (next_job < jobs.size() && done(next_job) && !state.failed) {
      if (next_job < lookahead_job) lookahead_trials -= jobs[next_job].trials;
      try {
        report_next();
      } catch (...) {  // e.g. the output cannot be written: stop the workers, then rethrow
        state.failed = true;
        pool.clear();
        throw;
      }
    }
    if (state.failed || stopped()) break;
  }
  pool.clear();  // joins; units in flight when stopped have finished now
  if (state.error) std::rethrow_exception(state.error);
  while (next_job < jobs.size() && done(next_job)) report_next();
  if (options.on_idle) options.on_idle();
  if (options.on_progress) options.on_progress(state.trials_done.load(), total);
  return next_job == jobs.size();
}

}  // namespace byzsim
