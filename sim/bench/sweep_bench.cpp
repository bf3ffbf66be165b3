// bench_sweep: builds an in-memory LoadedScenario with one axis, then runs run_batch with
// the same row formatting as the CLI, on the workers (the output string is discarded).
#include "sim/bench/sweep_bench.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "sim/bench/workloads.hpp"
#include "sim/report/row_format.hpp"
#include "sim/run/batch.hpp"

namespace byzsim {

SweepBenchResult bench_sweep(int points, long long trials_per_point, int threads, int repeats) {
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
  std::vector<PointJob> jobs;
  for (const auto& point : loaded.points)
    jobs.push_back(
        PointJob{&point.scenario, static_cast<std::uint64_t>(point.index), point.scenario.trials});
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
    const auto start = std::chrono::steady_clock::now();
    run_batch(jobs, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
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

}  // namespace byzsim
