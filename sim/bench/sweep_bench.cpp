// The sweep benchmarks: an in-memory LoadedScenario with one axis (/seed), run with
// run_batch and the same row formatting as the CLI, on the workers (the rows are discarded).
#include "sim/bench/sweep_bench.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>

#include "sim/bench/workloads.hpp"
#include "sim/report/row_format.hpp"
#include "sim/run/batch.hpp"

namespace byzsim {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// `points` points of the n = 7 bench scenario, seeds 0, 1, ..., as the loader would hold a
// sweep of /seed.
LoadedScenario bench_points(int points, long long trials_per_point) {
  LoadedScenario loaded;
  loaded.file = "bench";
  SweepAxis seed_axis;
  seed_axis.pointer = "/seed";
  loaded.axes.push_back(std::move(seed_axis));
  Scenario scenario = bench_coordinator_scenario(7);
  scenario.trials = static_cast<std::uint64_t>(trials_per_point);
  for (int p = 0; p < points; ++p) {
    loaded.axes.front().values.push_back(p);
    loaded.points.push_back(ScenarioPoint{p, {nlohmann::json(p)}, scenario});
    loaded.points.back().scenario.seed = static_cast<std::uint64_t>(p);
  }
  return loaded;
}

std::vector<PointJob> jobs_of(const LoadedScenario& loaded) {
  std::vector<PointJob> jobs;
  for (const auto& point : loaded.points)
    jobs.push_back(
        PointJob{&point.scenario, static_cast<std::uint64_t>(point.index), point.scenario.trials});
  return jobs;
}

}  // namespace

SweepBenchResult bench_sweep(int points, long long trials_per_point, int threads, int repeats) {
  const LoadedScenario loaded = bench_points(points, trials_per_point);
  const std::vector<PointJob> jobs = jobs_of(loaded);
  const RowFormat format = RowFormat::for_scenarios({&loaded});
  std::size_t bytes = 0;
  BatchOptions options;
  options.threads = threads;
  options.render = [&](std::size_t job, const Tally& tally) {
    return format.csv_row(sim_row(loaded, loaded.points[job], tally));
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
  const LoadedScenario loaded = bench_points(1, trials);
  const std::vector<PointJob> jobs = jobs_of(loaded);
  const RowFormat format = RowFormat::for_scenarios({&loaded});
  std::atomic<bool> stop{false};
  BoundedPointResult result;
  const auto start = Clock::now();
  BatchOptions options;
  options.threads = 0;
  options.stop = &stop;
  options.render = [&](std::size_t job, const Tally& tally) {
    return format.csv_row(sim_row(loaded, loaded.points[job], tally));
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
