// run_batch: the (job, trial) sequence of all jobs is cut into work units of block_trials
// consecutive trials, numbered from 0; a unit's segments (one per job it touches) are computed
// when a worker takes it, from the jobs' trial prefix sums, so memory grows with the number of
// jobs, never with the number of trials (1e12 trials start at once). Workers merge each
// segment's tally into its job's; the worker that finishes a job's last segment renders its
// row; the calling thread reports jobs in order.
#include "sim/run/batch.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "sim/run/importance.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {

namespace {

// Trials [first_trial, first_trial + count) of one job.
struct Segment {
  std::size_t job = 0;
  std::uint64_t first_trial = 0;
  std::uint64_t count = 0;
};

// A job of one segment, rendered into its unit's text: [begin, end) of that text.
struct UnitSlice {
  std::shared_ptr<const std::string> text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Where the units are: global unit g holds trials [g * block, (g + 1) * block) of the jobs'
// concatenated trials; this process runs the units g with g % ranks == rank.
struct Plan {
  std::vector<std::uint64_t> prefix;  // per job, and one past the end: trials before it
  std::uint64_t block = 1;
  std::uint64_t units = 0;  // global units
  std::uint64_t rank = 0;
  std::uint64_t ranks = 1;

  std::uint64_t total() const { return prefix.back(); }
  bool mine(std::uint64_t unit) const { return unit % ranks == rank; }
  // This process's segments of a job: its units in [first, last] that are this rank's.
  std::uint64_t segments_of(std::size_t job) const {
    if (prefix[job + 1] == prefix[job]) return 0;
    const std::uint64_t first = prefix[job] / block, last = (prefix[job + 1] - 1) / block;
    auto owned_below = [&](std::uint64_t end) {  // units g < end with g % ranks == rank
      return end / ranks + (end % ranks > rank ? 1 : 0);
    };
    return owned_below(last + 1) - owned_below(first);
  }
  // Trials this process runs.
  std::uint64_t my_trials() const {
    if (units == 0) return 0;
    const std::uint64_t owned = units / ranks + (units % ranks > rank ? 1 : 0);
    const std::uint64_t last_size = total() - (units - 1) * block;
    return owned * block - (mine(units - 1) ? block - last_size : 0);
  }
  // The segments of global unit g, appended to `out` (cleared first).
  void segments(std::uint64_t unit, std::vector<Segment>& out) const {
    out.clear();
    std::uint64_t offset = unit * block;
    const std::uint64_t end = std::min(total(), offset + block);
    auto it = std::upper_bound(prefix.begin(), prefix.end(), offset);
    auto job = static_cast<std::size_t>(it - prefix.begin()) - 1;
    while (offset < end) {
      while (prefix[job + 1] <= offset) ++job;  // skips jobs without trials
      const std::uint64_t stop = std::min(end, prefix[job + 1]);
      out.push_back(Segment{job, offset - prefix[job], stop - offset});
      offset = stop;
    }
  }
};

struct SharedState {
  const std::vector<PointJob>* jobs = nullptr;
  const BatchOptions* options = nullptr;
  Plan plan;
  std::vector<std::uint64_t> segments_of_job;
  std::vector<std::atomic<std::uint64_t>> units_left;  // per job: segments left (+1, below)
  // Per job of several segments: the merged tally so far, guarded by a striped lock.
  std::vector<std::unique_ptr<Tally>> results;
  // Per job: its importance-sampling tilt, or null (plain trials).
  std::vector<std::unique_ptr<const TiltParams>> tilts;
  static constexpr std::size_t kLockStripes = 64;
  std::array<std::mutex, kLockStripes> result_locks;
  // With options->render: the rows of jobs of several segments, per job; the rows of jobs of
  // one segment, as a slice of their unit's text (one allocation per unit, not per row; the
  // text is freed when its last row is reported).
  std::vector<std::string> rendered;
  std::vector<UnitSlice> slices;
  std::atomic<std::uint64_t> next_unit{0};  // this process's units, counted from 0
  std::atomic<std::uint64_t> trials_done{0};
  std::atomic<bool> failed{false};
  std::atomic<std::size_t> waiting_job{0};  // the job the reporting thread waits for
  std::mutex mutex;
  std::condition_variable job_finished;
  std::exception_ptr error;
};

bool single_segment(const SharedState& state, std::size_t job) {
  return state.segments_of_job[job] == 1;
}

void run_trials(TrialRunner& runner, const Segment& segment, Tally& tally, const TiltParams* tilt) {
  if (tilt) {
    run_weighted_trials(runner, segment.first_trial, segment.count, *tilt, tally);
    return;
  }
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

// One segment of a job of several: its tally is merged into the job's; the worker of the last
// segment renders the row. units_left starts at segments + 1: the last segment's worker sees
// 2, completes the job, and only then publishes 0, so the reporting thread never reads a
// half-made result.
void merge_segment(SharedState& state, std::size_t job, const Tally& tally) {
  {
    std::lock_guard lock(state.result_locks[job % SharedState::kLockStripes]);
    auto& result = state.results[job];
    if (!result)
      result = std::make_unique<Tally>(tally);
    else
      result->merge(tally);
  }
  if (state.units_left[job].fetch_sub(1, std::memory_order_acq_rel) != 2) return;
  if (state.options->render) {
    state.rendered[job] = state.options->render(job, *state.results[job]);
    state.results[job].reset();
  }
  publish_job(state, job);
}

struct Worker {
  TrialRunner runner;
  Tally scratch;
  std::string unit_text;
  std::vector<Segment> segments;
  std::vector<std::size_t> rendered_jobs;  // jobs of one segment rendered into unit_text
  std::size_t prepared_job = SIZE_MAX;
};

void run_unit(SharedState& state, Worker& w, std::uint64_t unit) {
  state.plan.segments(unit, w.segments);
  w.unit_text.clear();
  w.rendered_jobs.clear();
  std::uint64_t trials = 0;
  for (const Segment& segment : w.segments) {
    if (segment.job != w.prepared_job) {
      const PointJob& job = (*state.jobs)[segment.job];
      w.runner.prepare(*job.scenario, job.point, state.tilts[segment.job].get());
      w.prepared_job = segment.job;
    }
    w.scratch.clear();
    run_trials(w.runner, segment, w.scratch, state.tilts[segment.job].get());
    trials += segment.count;
    if (state.options->render && single_segment(state, segment.job)) {
      // Rendered into the unit's text, published with the unit below: nothing is allocated
      // per job (with many one-trial points that would cost more than the trial).
      UnitSlice& slice = state.slices[segment.job];
      slice.begin = w.unit_text.size();
      w.unit_text += state.options->render(segment.job, w.scratch);
      slice.end = w.unit_text.size();
      w.rendered_jobs.push_back(segment.job);
    } else {
      merge_segment(state, segment.job, w.scratch);
    }
  }
  if (!w.rendered_jobs.empty()) {
    auto text = std::make_shared<const std::string>(w.unit_text);  // of the exact size
    for (std::size_t job : w.rendered_jobs) state.slices[job].text = text;
    for (std::size_t job : w.rendered_jobs) publish_job(state, job);
  }
  state.trials_done += trials;
}

void worker(SharedState& state) {
  Worker w;
  const std::atomic<bool>* stop = state.options->stop;
  try {
    for (;;) {
      const std::uint64_t k = state.next_unit.fetch_add(1);
      const std::uint64_t unit = k * state.plan.ranks + state.plan.rank;
      if (unit >= state.plan.units || state.failed || (stop && *stop)) break;
      run_unit(state, w, unit);
    }
  } catch (...) {
    std::lock_guard lock(state.mutex);
    if (!state.error) state.error = std::current_exception();
    state.failed = true;
    state.job_finished.notify_all();
  }
}

Plan make_plan(const std::vector<PointJob>& jobs, const BatchOptions& options) {
  Plan plan;
  plan.block = std::max<std::uint64_t>(1, options.block_trials);
  plan.rank = static_cast<std::uint64_t>(options.rank);
  plan.ranks = static_cast<std::uint64_t>(std::max(1, options.ranks));
  plan.prefix.reserve(jobs.size() + 1);
  plan.prefix.push_back(0);
  for (const PointJob& job : jobs) {
    if (job.trials > UINT64_MAX / 2 - plan.prefix.back())
      throw std::length_error("a run of more than 2^63 trials in all");
    plan.prefix.push_back(plan.prefix.back() + job.trials);
  }
  plan.units = (plan.total() + plan.block - 1) / plan.block;
  return plan;
}

// The plan, and per job its segments and its countdown (see merge_segment); the per-job result
// slots sized once, before any worker starts.
void init_state(SharedState& state, const std::vector<PointJob>& jobs,
                const BatchOptions& options) {
  state.jobs = &jobs;
  state.options = &options;
  state.plan = make_plan(jobs, options);
  state.segments_of_job.resize(jobs.size());
  state.units_left = std::vector<std::atomic<std::uint64_t>>(jobs.size());
  state.results.resize(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    state.segments_of_job[j] = state.plan.segments_of(j);
    state.units_left[j] = state.segments_of_job[j] == 0 ? 0 : state.segments_of_job[j] + 1;
  }
  if (options.render) {
    state.rendered.resize(jobs.size());
    state.slices.resize(jobs.size());
  }
}

bool job_done(const SharedState& state, std::size_t job) {
  return state.units_left[job].load(std::memory_order_acquire) == 0;
}

bool stop_requested(const BatchOptions& options) {
  return options.stop && options.stop->load();
}

// Hands a finished job to the caller, on the calling thread: its rendered row, or its tally.
void report_job(SharedState& state, std::size_t job) {
  const BatchOptions& options = *state.options;
  if (!options.render) {
    auto& result = state.results[job];
    if (options.on_job_done) options.on_job_done(job, result ? *result : Tally{});
    result.reset();
    return;
  }
  std::string own;
  std::string_view text;
  UnitSlice slice;                   // holds its unit's text alive until the row is passed on
  if (single_segment(state, job)) {  // rendered into its unit's text
    slice = std::move(state.slices[job]);
    text = std::string_view(*slice.text).substr(slice.begin, slice.end - slice.begin);
  } else {
    own = state.segments_of_job[job] == 0 ? options.render(job, Tally{})  // no trials here
                                          : std::move(state.rendered[job]);
    text = own;
  }
  if (options.on_job_rendered) options.on_job_rendered(job, text);
}

// The reporting thread waits for a job some 2,000 trials ahead of the next one to report,
// not for the next one itself: with many tiny points, one wake-up per point would cost
// more than the point. Big points are still reported as soon as each completes.
struct Lookahead {
  static constexpr std::uint64_t kTrialsPerWakeUp = 2048;
  std::size_t job = 0;       // the first job where the trials since next_job
  std::uint64_t trials = 0;  // (jobs [next_job, job]) reach the mark
  bool valid = false;

  // The job to wait for: the one at the mark, or next_job once the mark is done.
  std::size_t target(const SharedState& state, std::size_t next_job) {
    const std::vector<PointJob>& jobs = *state.jobs;
    if (!valid || job < next_job) {
      job = next_job;
      trials = jobs[next_job].trials;
      valid = true;
    }
    while (job + 1 < jobs.size() && trials < kTrialsPerWakeUp) trials += jobs[++job].trials;
    return job_done(state, job) ? next_job : job;
  }
  // next_job is reported: its trials leave the window.
  void passed(const SharedState& state, std::size_t next_job) {
    if (next_job < job) trials -= (*state.jobs)[next_job].trials;
  }
};

// Waits until `target` is done, a worker failed or the run is stopped, calling on_progress
// about every 200 ms; returns early once next_job is done, so a small point before a big one
// is written while the big one runs.
void wait_for_job(SharedState& state, std::size_t target, std::size_t next_job,
                  std::uint64_t total) {
  const BatchOptions& options = *state.options;
  state.waiting_job = target;
  std::unique_lock lock(state.mutex);
  while (!job_done(state, target) && !state.failed && !stop_requested(options)) {
    state.job_finished.wait_for(lock, std::chrono::milliseconds(200));
    if (options.on_progress) {
      lock.unlock();
      options.on_progress(state.trials_done.load(), total);
      lock.lock();
    }
    if (job_done(state, next_job)) break;
  }
}

}  // namespace

int default_thread_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

bool run_batch(const std::vector<PointJob>& jobs, const BatchOptions& options) {
  SharedState state;
  init_state(state, jobs, options);
  const std::uint64_t total = state.plan.my_trials();

  const int threads = options.threads > 0 ? options.threads : default_thread_count();
  state.tilts = choose_tilts(jobs, threads);  // importance points' pilots, before any trial
  std::vector<std::jthread> pool;
  // Whatever ends this function early (an exception on this thread, e.g. the output cannot be
  // written), the workers stop taking units before they are joined.
  struct StopWorkers {
    SharedState& state;
    std::vector<std::jthread>& pool;
    ~StopWorkers() {
      if (std::uncaught_exceptions() > 0) state.failed = true;
      pool.clear();
    }
  } stop_workers{state, pool};
  for (int i = 0; i < threads; ++i) pool.emplace_back([&] { worker(state); });

  // This thread reports the jobs in order as they finish.
  std::size_t next_job = 0;
  Lookahead lookahead;
  while (next_job < jobs.size()) {
    const std::size_t target = lookahead.target(state, next_job);
    if (options.on_idle && !job_done(state, target)) options.on_idle();
    wait_for_job(state, target, next_job, total);
    while (next_job < jobs.size() && job_done(state, next_job) && !state.failed) {
      lookahead.passed(state, next_job);
      report_job(state, next_job);
      ++next_job;
    }
    if (state.failed || stop_requested(options)) break;
  }
  pool.clear();  // joins; units in flight when stopped have finished now
  if (state.error) std::rethrow_exception(state.error);
  for (; next_job < jobs.size() && job_done(state, next_job); ++next_job)
    report_job(state, next_job);
  if (options.on_idle) options.on_idle();
  if (options.on_progress) options.on_progress(state.trials_done.load(), total);
  return next_job == jobs.size();
}

}  // namespace byzsim
