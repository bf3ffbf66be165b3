// The sweep benchmarks: an in-memory LoadedScenario with one axis (/seed), run with
// run_batch and the same row formatting as the CLI, on the workers (the rows are discarded).
#include "sim/bench/sweep_bench.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/bench/workloads.hpp"
#include "sim/report/row_format.hpp"
#include "sim/run/batch.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// `points` points of the n = 7 bench scenario, seeds 0, 1, ..., as the loader would give a
// sweep of /seed, made as the workers reach them: nothing is kept per point, so the memory
// figures are the batch and report path's own.
class SeedPoints : public JobSource {
 public:
  SeedPoints(int points, long long trials_per_point) : points_(static_cast<std::size_t>(points)) {
    loaded_.file = "bench";
    SweepAxis seed_axis;
    seed_axis.pointer = "/seed";
    loaded_.axes.push_back(std::move(seed_axis));
    first_.axis_values = {nlohmann::json(0)};
    first_.scenario = bench_coordinator_scenario(7);
    first_.scenario.trials = static_cast<std::uint64_t>(trials_per_point);
  }
  std::size_t size() const override { return points_; }
  std::uint64_t trials(std::size_t) const override { return first_.scenario.trials; }
  const ScenarioPoint& point(std::size_t job, ScenarioPoint& scratch) const override {
    if (scratch.axis_values.size() != 1) scratch = first_;  // once per worker: no allocation later
    scratch.index = static_cast<int>(job);
    scratch.axis_values.front() = job;
    scratch.scenario.seed = job;
    return scratch;
  }
  // The file's axes and the sidecar's view of the sweep: the seeds' values are not listed.
  const LoadedScenario& loaded() const { return loaded_; }

 private:
  std::size_t points_;
  LoadedScenario loaded_;
  ScenarioPoint first_;
};

// A lazily loaded scenario's points as run_batch reads them (byzsim run's RunJobs, without
// shards, --resume or overrides).
class LoadedPoints : public JobSource {
 public:
  explicit LoadedPoints(const LoadedScenario& loaded) : loaded_(loaded) {}
  std::size_t size() const override { return loaded_.point_count(); }
  std::uint64_t trials(std::size_t) const override {
    return loaded_.points.front().scenario.trials;
  }
  const ScenarioPoint& point(std::size_t job, ScenarioPoint& scratch) const override {
    loaded_.lazy->make(job, scratch);
    return scratch;
  }

 private:
  const LoadedScenario& loaded_;
};

}  // namespace

std::size_t bench_run_sweep(int points) {
  LoadOptions options;
  options.lazy = true;
  options.varies = {"/seed=0:" + std::to_string(points - 1)};
  const LoadResult result = load_scenario_text(
      R"({"name": "bench-run", "trials": 1, "agents": [
        {"role": "honest", "count": 5, "accuracy": 0.9},
        {"role": "malicious", "count": 1}, {"role": "faulty", "count": 1}]})",
      "bench-run.json", options);
  if (!result.ok()) throw std::runtime_error("bench-run: " + result.diagnostics.front().message);
  const LoadedScenario& loaded = *result.scenario;
  const LoadedPoints jobs(loaded);
  const RowFormat format = RowFormat::for_scenarios({&loaded});
  std::size_t bytes = format.csv_header().size();
  BatchOptions options_batch;
  options_batch.render = [&](std::size_t, const ScenarioPoint& point, const Tally& tally,
                             std::string& out) {
    format.append_csv_row(sim_row(loaded, point, tally), out);
  };
  options_batch.on_job_rendered = [&](std::size_t, std::string_view row) { bytes += row.size(); };
  run_batch(jobs, options_batch);
  return bytes;
}

SweepBenchResult bench_sweep(int points, long long trials_per_point, int threads, int repeats) {
  const SeedPoints jobs(points, trials_per_point);
  const RowFormat format = RowFormat::for_scenarios({&jobs.loaded()});
  std::size_t bytes = 0;
  BatchOptions options;
  options.threads = threads;
  options.render = [&](std::size_t, const ScenarioPoint& point, const Tally& tally,
                       std::string& out) {
    format.append_csv_row(sim_row(jobs.loaded(), point, tally), out);
  };
  options.on_job_rendered = [&](std::size_t, std::string_view row) { bytes += row.size(); };
  double best = 0;
  for (int r = 0; r < std::max(1, repeats); ++r) {
    bytes = format.csv_header().size();  // rows are formatted, then dropped
    const auto start = Clock::now();
    run_batch(jobs, options);
    const double seconds = seconds_since(start);
    if (r == 0 || seconds < best) best = seconds;
  }
  SweepBenchResult r;
  r.points = points;
  r.trials_per_point = trials_per_point;
  r.seconds = best;
  r.csv_bytes = bytes;
  r.trials_per_second =
      static_cast<double>(points) * static_cast<double>(trials_per_point) / r.seconds;
  return r;
}

long long calibrate_trials_per_point(int points, double one_thread_seconds) {
  // Doubling probes until one lasts a tenth of the target (at most 0.5 s): long enough that
  // thread start-up and timer noise do not skew the rate, short beside the run it sizes.
  const double probe_seconds = std::min(0.5, one_thread_seconds / 10);
  long long trials = 64;
  SweepBenchResult probe = bench_sweep(points, trials, 1, 1);
  while (probe.seconds < probe_seconds && trials < (1LL << 40)) {
    trials *= 2;
    probe = bench_sweep(points, trials, 1, 1);
  }
  const double per_point = probe.trials_per_second * one_thread_seconds / points;
  return std::max(1LL, std::llround(per_point));
}

std::vector<int> scaling_thread_counts(int cores) {
  std::vector<int> counts;
  for (int t = 1; t < cores; t *= 2) counts.push_back(t);
  counts.push_back(std::max(1, cores));
  return counts;
}

BoundedPointResult bench_bounded_point(long long trials, double seconds,
                                       const std::function<void(std::uint64_t)>& on_progress) {
  const SeedPoints jobs(1, trials);
  const RowFormat format = RowFormat::for_scenarios({&jobs.loaded()});
  std::atomic<bool> stop{false};
  BoundedPointResult result;
  const auto start = Clock::now();
  BatchOptions options;
  options.threads = 0;
  options.stop = &stop;
  options.render = [&](std::size_t, const ScenarioPoint& point, const Tally& tally,
                       std::string& out) {
    format.append_csv_row(sim_row(jobs.loaded(), point, tally), out);
  };
  options.on_job_rendered = [](std::size_t, std::string_view) {};
  options.on_progress = [&](std::uint64_t done, std::uint64_t) {
    result.trials_done = done;
    on_progress(done);
    if (seconds_since(start) >= seconds) stop = true;
  };
  result.stopped = !run_batch(jobs, options);
  result.seconds = seconds_since(start);
  return result;
}

}  // namespace byzsim
