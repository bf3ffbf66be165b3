// run_batch: the (job, trial) sequence of all jobs is cut into work units of block_trials
// consecutive trials, numbered from 0 (this process runs the units u with u % ranks == rank).
// One cursor walks that sequence in order and hands out this process's units, reading each
// job from the JobSource when it reaches it, so nothing is kept per job beyond a reorder
// window: the jobs from the next one to report to the last one reached, each in a slot of a
// ring. A worker that would open a job one window ahead of the reports waits. Workers merge
// each segment's tally into its job's slot; the worker that finishes a job's last segment
// renders its row; the calling thread reports jobs in order and frees their slots.
#include "sim/run/batch.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
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

// A job of one segment, rendered into its unit's text: [begin, end) of that text. Only the
// unit's last job owns the text (jobs are reported in order, so it is released after all of
// them): a reference count per row, taken by a worker and dropped by the reporting thread,
// made the two threads trade its cache line for every row of one-trial points.
struct UnitSlice {
  const std::string* text = nullptr;
  std::shared_ptr<const std::string> owner;  // the unit's last job only
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A job in the reorder window.
struct Slot {
  // Segments left + 1 while it runs; 0 once its result is complete (see merge_segment).
  std::atomic<std::uint64_t> left{0};
  std::uint64_t segments = 0;     // this process's segments of the job
  std::unique_ptr<Tally> result;  // jobs merged on the slot: the tally so far
  std::string rendered;           // with render, a job of several segments: its row
  UnitSlice slice;                // with render, a job of one segment: its row in its unit's text
};

// Where the units are: global unit g holds trials [g * block, (g + 1) * block) of the jobs'
// concatenated trials; this process runs the units g with g % ranks == rank.
struct Plan {
  std::uint64_t block = 1;
  std::uint64_t total = 0;  // trials of all jobs
  std::uint64_t units = 0;  // global units
  std::uint64_t rank = 0;
  std::uint64_t ranks = 1;

  bool mine(std::uint64_t unit) const { return unit % ranks == rank; }
  // This process's segments of a job of `trials` trials starting at global trial `start`.
  std::uint64_t segments_of(std::uint64_t start, std::uint64_t trials) const {
    if (trials == 0) return 0;
    const std::uint64_t first = start / block, last = (start + trials - 1) / block;
    auto owned_below = [&](std::uint64_t end) {  // units g < end with g % ranks == rank
      return end / ranks + (end % ranks > rank ? 1 : 0);
    };
    return owned_below(last + 1) - owned_below(first);
  }
  // Trials this process runs.
  std::uint64_t my_trials() const {
    if (units == 0) return 0;
    const std::uint64_t owned = units / ranks + (units % ranks > rank ? 1 : 0);
    const std::uint64_t last_size = total - (units - 1) * block;
    return owned * block - (mine(units - 1) ? block - last_size : 0);
  }
  // The first unit at or after `unit` that is this process's.
  std::uint64_t next_mine(std::uint64_t unit) const {
    return unit + (rank + ranks - unit % ranks) % ranks;
  }
};

// The walk through the jobs' trials, guarded by SharedState::dispense_mutex.
struct Cursor {
  std::size_t job = 0;           // the job it is in (jobs before it are opened)
  std::uint64_t offset = 0;      // trials of `job` passed
  std::uint64_t position = 0;    // trials of all jobs passed
  std::uint64_t job_trials = 0;  // of `job`, once it is opened
};

struct SharedState {
  const JobSource* jobs = nullptr;
  const BatchOptions* options = nullptr;
  std::size_t job_count = 0;
  Plan plan;
  std::size_t window = 1;  // slots, a power of two
  std::vector<Slot> slots;
  static constexpr std::size_t kLockStripes = 64;  // guard Slot::result
  // Per job: its importance-sampling tilt, or null (plain trials); empty when none is.
  std::vector<std::unique_ptr<const TiltParams>> tilts;
  const TiltParams* tilt(std::size_t job) const {
    return tilts.empty() ? nullptr : tilts[job].get();
  }
  std::array<std::mutex, kLockStripes> result_locks;
  std::atomic<std::size_t> opened{0};       // jobs [0, opened) have had a slot
  std::atomic<std::size_t> next_report{0};  // jobs before it are reported, their slots free
  std::mutex dispense_mutex;
  Cursor cursor;
  std::condition_variable window_freed;
  std::atomic<int> window_waiters{0};
  std::atomic<std::uint64_t> trials_done{0};
  std::atomic<bool> failed{false};
  std::atomic<std::size_t> waiting_job{0};  // the job the reporting thread waits for
  std::mutex mutex;
  std::condition_variable job_finished;
  std::exception_ptr error;

  Slot& slot(std::size_t job) { return slots[job & (window - 1)]; }
};

bool stop_requested(const BatchOptions& options) {
  return options.stop && options.stop->load();
}

bool job_done(SharedState& state, std::size_t job) {
  return job < state.opened.load(std::memory_order_acquire) &&
         state.slot(job).left.load(std::memory_order_acquire) == 0;
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
  state.slot(job).left.store(0, std::memory_order_release);
  if (job == state.waiting_job) {
    std::lock_guard lock(state.mutex);
    state.job_finished.notify_all();
  }
}

// Gives the cursor's job its slot; the caller holds dispense_mutex and checked the window.
void open_job(SharedState& state) {
  Cursor& c = state.cursor;
  c.job_trials = state.jobs->trials(c.job);
  Slot& slot = state.slot(c.job);
  slot.segments = state.plan.segments_of(c.position, c.job_trials);
  slot.left.store(slot.segments == 0 ? 0 : slot.segments + 1, std::memory_order_relaxed);
  state.opened.store(c.job + 1, std::memory_order_release);
  if (slot.segments == 0 && c.job == state.waiting_job) {  // done at once (another rank's)
    std::lock_guard lock(state.mutex);
    state.job_finished.notify_all();
  }
}

bool window_has_room(const SharedState& state, std::size_t job) {
  return job < state.next_report.load() + state.window;
}

// Waits, holding `lock` on dispense_mutex, until half the window is free again (not one slot:
// a wake-up per reported job would cost more than a tiny job), the run fails or stops.
void wait_for_window(SharedState& state, std::unique_lock<std::mutex>& lock) {
  ++state.window_waiters;
  const std::size_t job = state.cursor.job;
  while (job >= state.next_report.load() + state.window / 2 && !state.failed &&
         !stop_requested(*state.options))
    state.window_freed.wait_for(lock, std::chrono::milliseconds(50));
  --state.window_waiters;
}

// This process's next piece of work into `out`: the segments of one of its units, or of the
// part of one that fits in the window. False when there is no more (or the run stops).
bool next_piece(SharedState& state, std::vector<Segment>& out) {
  out.clear();
  std::unique_lock lock(state.dispense_mutex);
  Cursor& c = state.cursor;
  const Plan& plan = state.plan;
  for (;;) {
    if (state.failed || stop_requested(*state.options)) return false;
    if (c.job == state.job_count) return !out.empty();
    if (c.job >= state.opened.load(std::memory_order_relaxed)) {
      if (!window_has_room(state, c.job)) {
        if (!out.empty()) return true;  // run what we have; the reports catch up meanwhile
        wait_for_window(state, lock);
        continue;
      }
      open_job(state);
    }
    if (c.offset == c.job_trials) {
      ++c.job;
      c.offset = 0;
      continue;
    }
    const std::uint64_t unit = c.position / plan.block;
    const std::uint64_t job_end = c.position + (c.job_trials - c.offset);
    // Another rank's unit: skip to the end of the job or to this rank's next unit.
    const std::uint64_t stop = plan.mine(unit)
                                   ? std::min(job_end, (unit + 1) * plan.block)
                                   : std::min(job_end, plan.next_mine(unit) * plan.block);
    if (plan.mine(unit)) out.push_back(Segment{c.job, c.offset, stop - c.position});
    c.offset += stop - c.position;
    c.position = stop;
    if (plan.mine(unit) && stop == (unit + 1) * plan.block) return true;
  }
}

struct Worker {
  TrialRunner runner;
  Tally scratch;
  std::string unit_text;
  std::vector<Segment> segments;
  std::vector<std::size_t> rendered_jobs;  // jobs of one segment rendered into unit_text
  ScenarioPoint point_scratch;             // a job's point, where the source builds it
  const ScenarioPoint* point = nullptr;    // the prepared job's
  std::size_t prepared_job = SIZE_MAX;
};

// One segment of a job merged on its slot; the worker of the last segment renders the row.
// `left` starts at segments + 1: the last segment's worker sees 2, completes the job, and only
// then publishes 0, so the reporting thread never reads a half-made result.
void merge_segment(SharedState& state, Worker& w, std::size_t job, const Tally& tally) {
  Slot& slot = state.slot(job);
  {
    std::lock_guard lock(state.result_locks[job % SharedState::kLockStripes]);
    if (!slot.result)
      slot.result = std::make_unique<Tally>(tally);
    else
      slot.result->merge(tally);
  }
  if (slot.left.fetch_sub(1, std::memory_order_acq_rel) != 2) return;
  if (state.options->render) {
    slot.rendered.clear();
    state.options->render(job, *w.point, *slot.result, slot.rendered);
    slot.result.reset();
  }
  publish_job(state, job);
}

void run_piece(SharedState& state, Worker& w) {
  w.unit_text.clear();
  w.rendered_jobs.clear();
  std::uint64_t trials = 0;
  for (const Segment& segment : w.segments) {
    if (segment.job != w.prepared_job) {
      w.point = &state.jobs->point(segment.job, w.point_scratch);
      w.runner.prepare(w.point->scenario, static_cast<std::uint64_t>(w.point->index),
                       state.tilt(segment.job));
      w.prepared_job = segment.job;
    }
    w.scratch.clear();
    run_trials(w.runner, segment, w.scratch, state.tilt(segment.job));
    trials += segment.count;
    Slot& slot = state.slot(segment.job);
    if (state.options->render && slot.segments == 1) {
      // Rendered into the unit's text, published with the unit below: nothing is allocated
      // per job (with many one-trial points that would cost more than the trial).
      slot.slice.begin = w.unit_text.size();
      state.options->render(segment.job, *w.point, w.scratch, w.unit_text);
      slot.slice.end = w.unit_text.size();
      w.rendered_jobs.push_back(segment.job);
    } else {
      merge_segment(state, w, segment.job, w.scratch);
    }
  }
  if (!w.rendered_jobs.empty()) {
    // The text moves to the reporting side; the next unit's starts at this one's size, so
    // that it neither copies the rows nor grows step by step.
    const std::size_t size = w.unit_text.size();
    auto text = std::make_shared<const std::string>(std::move(w.unit_text));
    w.unit_text = std::string();
    w.unit_text.reserve(size);
    std::size_t last = w.rendered_jobs.front();
    for (std::size_t job : w.rendered_jobs) {
      state.slot(job).slice.text = text.get();
      last = std::max(last, job);
    }
    state.slot(last).slice.owner = std::move(text);
    for (std::size_t job : w.rendered_jobs) publish_job(state, job);
  }
  state.trials_done += trials;
}

void worker(SharedState& state) {
  Worker w;
  try {
    while (next_piece(state, w.segments)) run_piece(state, w);
  } catch (...) {
    std::lock_guard lock(state.mutex);
    if (!state.error) state.error = std::current_exception();
    state.failed = true;
    state.job_finished.notify_all();
  }
}

Plan make_plan(const JobSource& jobs, const BatchOptions& options) {
  Plan plan;
  plan.block = std::max<std::uint64_t>(1, options.block_trials);
  plan.rank = static_cast<std::uint64_t>(options.rank);
  plan.ranks = static_cast<std::uint64_t>(std::max(1, options.ranks));
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const std::uint64_t trials = jobs.trials(j);
    if (trials > UINT64_MAX / 2 - plan.total)
      throw std::length_error("a run of more than 2^63 trials in all");
    plan.total += trials;
  }
  plan.units = (plan.total + plan.block - 1) / plan.block;
  return plan;
}

}  // namespace

// Enough slots that workers rarely wait on the window: every thread's unit of one-trial jobs
// in flight, several times over, and the reporting thread's lookahead; never more than the
// jobs.
std::size_t batch_window(std::size_t jobs, std::uint64_t block, int threads) {
  constexpr std::size_t kMaxWindow = std::size_t{1} << 20;
  const std::uint64_t wanted = std::max<std::uint64_t>(
      8192, 4 * std::min<std::uint64_t>(block, kMaxWindow) * static_cast<std::uint64_t>(threads));
  return std::bit_ceil(std::max<std::size_t>(
      1, std::min<std::size_t>({jobs, static_cast<std::size_t>(wanted), kMaxWindow})));
}

namespace {

// Hands a finished job to the caller, on the calling thread (its rendered row, or its tally),
// then frees its slot.
void report_job(SharedState& state, std::size_t job, ScenarioPoint& scratch) {
  const BatchOptions& options = *state.options;
  Slot& slot = state.slot(job);
  if (!options.render) {
    if (options.on_job_done) options.on_job_done(job, slot.result ? *slot.result : Tally{});
    slot.result.reset();
    return;
  }
  std::string own;
  std::string_view text;
  UnitSlice slice;           // holds its unit's text alive until the row is passed on
  if (slot.segments == 1) {  // rendered into its unit's text
    slice = std::move(slot.slice);
    slot.slice = UnitSlice{};
    text = std::string_view(*slice.text).substr(slice.begin, slice.end - slice.begin);
  } else {
    if (slot.segments == 0)
      options.render(job, state.jobs->point(job, scratch), Tally{}, own);
    else
      own = std::move(slot.rendered);
    slot.rendered = std::string{};
    text = own;
  }
  if (options.on_job_rendered) options.on_job_rendered(job, text);
}

// Job `job` and those before it are reported: workers may open jobs one window further.
void free_slot(SharedState& state, std::size_t job) {
  state.next_report.store(job + 1);
  // Waiters wait for half the window; a wake-up at every quarter is enough to reach them.
  if (state.window_waiters.load() > 0 &&
      ((job + 1) & (std::max<std::size_t>(1, state.window / 4) - 1)) == 0) {
    std::lock_guard lock(state.dispense_mutex);
    state.window_freed.notify_all();
  }
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
  std::size_t target(SharedState& state, std::size_t next_job) {
    const JobSource& jobs = *state.jobs;
    // Never past the window: a job there cannot start before next_job is reported.
    const std::size_t last =
        std::min(state.job_count, next_job + std::max<std::size_t>(1, state.window / 2)) - 1;
    if (!valid || job < next_job) {
      job = next_job;
      trials = jobs.trials(next_job);
      valid = true;
    }
    while (job < last && trials < kTrialsPerWakeUp) trials += jobs.trials(++job);
    return job_done(state, job) ? next_job : job;
  }
  // next_job is reported: its trials leave the window.
  void passed(const SharedState& state, std::size_t next_job) {
    if (next_job < job) trials -= state.jobs->trials(next_job);
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

// A vector of jobs as a source: each point a copy of its job's scenario.
class ListedJobs : public JobSource {
 public:
  explicit ListedJobs(const std::vector<PointJob>& jobs) : jobs_(jobs) {}
  std::size_t size() const override { return jobs_.size(); }
  std::uint64_t trials(std::size_t job) const override { return jobs_[job].trials; }
  const ScenarioPoint& point(std::size_t job, ScenarioPoint& scratch) const override {
    scratch.index = static_cast<int>(jobs_[job].point);
    scratch.scenario = *jobs_[job].scenario;
    return scratch;
  }
  bool may_tilt() const override {
    for (const PointJob& job : jobs_)
      if (job.scenario->estimator.kind == Estimator::Kind::importance) return true;
    return false;
  }

 private:
  const std::vector<PointJob>& jobs_;
};

}  // namespace

int default_thread_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

bool run_batch(const JobSource& jobs, const BatchOptions& options) {
  const int threads = options.threads > 0 ? options.threads : default_thread_count();
  SharedState state;
  state.jobs = &jobs;
  state.options = &options;
  state.job_count = jobs.size();
  state.plan = make_plan(jobs, options);
  state.window = batch_window(state.job_count, state.plan.block, threads);
  state.slots = std::vector<Slot>(state.window);
  const std::uint64_t total = state.plan.my_trials();
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
  ScenarioPoint scratch;
  std::size_t next_job = 0;
  Lookahead lookahead;
  while (next_job < state.job_count) {
    const std::size_t target = lookahead.target(state, next_job);
    if (options.on_idle && !job_done(state, target)) options.on_idle();
    wait_for_job(state, target, next_job, total);
    while (next_job < state.job_count && job_done(state, next_job) && !state.failed) {
      lookahead.passed(state, next_job);
      report_job(state, next_job, scratch);
      free_slot(state, next_job);
      ++next_job;
    }
    if (state.failed || stop_requested(options)) break;
  }
  pool.clear();  // joins; units in flight when stopped have finished now
  if (state.error) std::rethrow_exception(state.error);
  for (; next_job < state.job_count && job_done(state, next_job); ++next_job)
    report_job(state, next_job, scratch);
  if (options.on_idle) options.on_idle();
  if (options.on_progress) options.on_progress(state.trials_done.load(), total);
  return next_job == state.job_count;
}

bool run_batch(const std::vector<PointJob>& jobs, const BatchOptions& options) {
  return run_batch(ListedJobs(jobs), options);
}

}  // namespace byzsim
