// `byzsim bench`: single-thread engine throughput for coordinator-vote at n = 7, 100, 1000,
// beside the bare reference loop, and for every protocol the registry marks `benched` (pbft
// first) at n = 4, 16, 64, 256, plus one pbft trial at n = 1000; with --sweep, the sweep
// path's memory, thread scaling and per-point overhead. Figures for the docs and
// regressions, not tests.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "sim/bench/peak_memory.hpp"
#include "sim/bench/sweep_bench.hpp"
#include "sim/bench/workloads.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/batch.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

std::string with_commas(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double mib(long long kib) {
  return static_cast<double>(kib) / 1024;
}

// Peak RSS of each workload in its own child process: sweeps of 10^4, 10^5 and 10^6 points
// (the batch keeps state only for a window of points, so they should need the same), then
// one 1e9-trial point stopped after `bound_seconds`, sampled early and late to show its
// memory does not grow with trials, then `run`'s path (loader, batch, rows) at 10^4 and 10^6.
void print_sweep_memory(double bound_seconds) {
  std::printf("\n%-60s %13s %13s\n", "memory (each workload in its own child process)",
              "peak RSS MiB", "at start MiB");
  // One-trial points: the workers outrun the reporting thread, so the window stays full.
  auto sweep_peak = [](int points, const char* name) {
    const ChildMemory m = measure_in_child([&](ChildMemory&) { bench_sweep(points, 1, 0, 1); });
    std::printf("%-60s %13.1f %13.1f\n", name, mib(m.peak_rss_kib), mib(m.start_rss_kib));
    return m;
  };
  const ChildMemory small = sweep_peak(10000, "peak RSS, 10,000 points x 1 trial, all cores");
  sweep_peak(100000, "peak RSS, 100,000 points x 1 trial, all cores");
  const ChildMemory huge = sweep_peak(1000000, "peak RSS, 1,000,000 points x 1 trial, all cores");
  const ChildMemory point = measure_in_child([&](ChildMemory& figures) {
    const BoundedPointResult bounded =
        bench_bounded_point(1000000000LL, bound_seconds, [&](std::uint64_t done) {
          const MemorySample sample{done, proc_status_kib("VmRSS")};
          // The early sample: the first at or past a million trials, so the two compare a
          // running point and not its start-up; the latest before where it stops sooner.
          if (figures.first.trials < 1000000) figures.first = sample;
          figures.last = sample;
        });
    figures.last.trials = bounded.trials_done;
  });
  const std::string name = "peak RSS, one 1e9-trial point, all cores, stopped after " +
                           std::to_string(static_cast<int>(std::lround(bound_seconds))) + " s";
  std::printf("%-60s %13.1f %13.1f\n", name.c_str(), mib(point.peak_rss_kib),
              mib(point.start_rss_kib));
  std::printf("  RSS after %s trials: %.1f MiB; after %s trials: %.1f MiB (%+.1f MiB)\n",
              with_commas(point.first.trials).c_str(), mib(point.first.rss_kib),
              with_commas(point.last.trials).c_str(), mib(point.last.rss_kib),
              mib(point.last.rss_kib - point.first.rss_kib));
  std::printf(
      "bound: memory does not grow with points (1,000,000 points need %.2fx what 10,000 "
      "do) nor with trials (%+.1f MiB from %s to %s trials of one point)\n",
      static_cast<double>(huge.peak_rss_kib) / static_cast<double>(small.peak_rss_kib),
      mib(point.last.rss_kib - point.first.rss_kib), with_commas(point.first.trials).c_str(),
      with_commas(point.last.trials).c_str());
  // byzsim run's own path: the loader checks every point, then they are made one by one.
  auto run_peak = [](int points, const char* name) {
    const ChildMemory m = measure_in_child([&](ChildMemory&) { bench_run_sweep(points); });
    std::printf("%-60s %13.1f %13.1f\n", name, mib(m.peak_rss_kib), mib(m.start_rss_kib));
    return m;
  };
  const ChildMemory run_small = run_peak(10000, "peak RSS, run's path, 10,000 points x 1 trial");
  const ChildMemory run_huge =
      run_peak(1000000, "peak RSS, run's path, 1,000,000 points x 1 trial");
  std::printf(
      "bound: nor does run's path, loader included (1,000,000 points need %.2fx what 10,000 "
      "do)\n",
      static_cast<double>(run_huge.peak_rss_kib) / static_cast<double>(run_small.peak_rss_kib));
}

// Scaling: a workload sized to last about `one_thread_seconds` on one thread, run on 1, 2,
// 4, ... threads up to all cores. Efficiency = speed-up / threads: 1.00 is perfect scaling.
void print_sweep_scaling(double one_thread_seconds) {
  constexpr int kPoints = 50;
  const long long trials = calibrate_trials_per_point(kPoints, one_thread_seconds);
  std::printf(
      "\nsweep scaling: %d points x %s trials (n = 7, rows formatted), sized to last "
      "about %.1f s on 1 thread\n",
      kPoints, with_commas(static_cast<std::uint64_t>(trials)).c_str(), one_thread_seconds);
  std::printf("%8s %10s %14s %10s %11s\n", "threads", "seconds", "trials/s", "speed-up",
              "efficiency");
  double one_thread = 0;
  for (int threads : scaling_thread_counts(default_thread_count())) {
    const SweepBenchResult r = bench_sweep(kPoints, trials, threads, 1);
    if (threads == 1) one_thread = r.seconds;
    const double speed_up = one_thread / r.seconds;
    std::printf("%8d %10.3f %14.0f %9.2fx %11.2f\n", threads, r.seconds, r.trials_per_second,
                speed_up, speed_up / threads);
  }
}

void print_sweep_bench(double one_thread_seconds) {
  // Memory first: the child processes start with this process's pages, which the later
  // workloads (200,000 loaded points) would swell.
  print_sweep_memory(std::max(1.0, 0.6 * one_thread_seconds));
  print_sweep_scaling(one_thread_seconds);
  std::printf("\n%-44s %8s %10s %10s %14s\n", "point overhead (n = 7, rows formatted)", "points",
              "trials/pt", "seconds", "trials/s");
  auto line = [](const char* name, const SweepBenchResult& r) {
    std::printf("%-44s %8d %10lld %10.3f %14.0f\n", name, r.points, r.trials_per_point, r.seconds,
                r.trials_per_second);
  };
  const SweepBenchResult big = bench_sweep(1, 400000, 0);
  line("one 400,000-trial point, all cores", big);
  const SweepBenchResult tiny = bench_sweep(200000, 1, 0);
  line("200,000 one-trial points, all cores", tiny);
  std::printf("%-44s %45.2fx\n", "time per trial, tiny points / big point",
              big.trials_per_second / tiny.trials_per_second);
}

// `what` at n = `large` over n = `small`, against the scale target, where both were measured.
void print_scale_ratio(const char* what, const std::map<int, double>& rate, int large, int small,
                       double target) {
  if (!rate.count(large) || !rate.count(small)) return;
  std::printf(
      "%-44s %48.2f (target >= %.2f)\n",
      (std::string(what) + ", n = " + std::to_string(large) + " / n = " + std::to_string(small))
          .c_str(),
      rate.at(large) / rate.at(small), target);
}

// Each benched protocol (with `all`, every registered one but coordinator-vote, measured
// above): messages/s and decisions/s on one thread at each size (each after one warm-up trial),
// a size the protocol refuses named with the loader's reason; then one cold pbft trial at
// n = 1000: its wall time, first trial included.
void print_protocol_bench(const std::vector<int>& sizes, double seconds, bool all) {
  std::printf("\n%-44s %6s %12s %14s %14s %14s\n", "protocol workloads (1 thread)", "n", "trials",
              "messages/s", "decisions/s", "messages/trial");
  auto line = [](const BenchResult& r) {
    std::printf("%-44s %6d %12llu %14.0f %14.1f %14.0f\n", r.name.c_str(), r.n,
                static_cast<unsigned long long>(r.trials), r.messages_per_second,
                r.decisions_per_second, r.messages_per_second / r.trials_per_second);
  };
  for (int n : sizes)
    if (n < 1 || n > 100000) throw UsageError{"--protocol-n values must be in 1..100000"};
  std::map<int, double> pbft_rate;  // messages/s by n
  for (const ProtocolSpec* spec : ProtocolRegistry::builtin().all()) {
    if (all ? spec->name == std::string_view("coordinator-vote") : !spec->benched) continue;
    const std::string name = std::string(spec->name) + ", f oppose-truth, uniform 5-50ms";
    for (int n : sizes) {
      const Scenario scenario = bench_protocol_scenario(*spec, n);
      if (spec->refuse_size) {
        const SizeRefusal refusal =
            spec->refuse_size(scenario.protocol, n, convert::kDefaultMemoryBudget);
        if (!refusal.message.empty()) {
          std::printf("%-44s %6d   not run: %s\n", name.c_str(), n, refusal.message.c_str());
          continue;
        }
      }
      const BenchResult r = bench_engine(name, scenario, seconds);
      line(r);
      if (spec->name == std::string_view("pbft")) pbft_rate[n] = r.messages_per_second;
    }
  }
  print_scale_ratio("pbft messages/s", pbft_rate, 1000, 16, 1 / 1.5);
  const BenchResult cold =
      bench_engine("pbft, one cold trial (n = 1000 must run)",
                   bench_protocol_scenario(builtin_protocol("pbft"), 1000), 0, false);
  line(cold);
  std::printf("%-44s %6d %41.3f s (target <= 0.3 s)\n", "pbft, wall time of that trial", cold.n,
              cold.seconds);
  // The same trial again in a process of its own, for its peak memory alone (the event
  // queue's buckets and the vote books; the figures above are in this process, which has run
  // everything before).
  const ChildMemory memory = measure_in_child([](ChildMemory&) {
    bench_engine("", bench_protocol_scenario(builtin_protocol("pbft"), 1000), 0, false);
  });
  std::printf("%-44s %6d %36.1f MiB peak RSS (%.1f MiB at start)\n",
              "pbft, memory of that trial (own process)", cold.n,
              static_cast<double>(memory.peak_rss_kib) / 1024,
              static_cast<double>(memory.start_rss_kib) / 1024);
}

}  // namespace

int cmd_bench(int argc, char** argv) {
  po::options_description options = help_options(
      "byzsim bench [options]\n\nMeasure the engine on one thread: trials/s, events/s and "
      "messages/s of coordinator-vote at several n, and the bare reference loop; messages/s "
      "and decisions/s of pbft and the other leader-based protocols at several n (steady state: "
      "one warm-up trial first), the ratios the scale targets name, and the wall time and "
      "peak memory of one cold pbft trial at n = 1000.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "seconds", po::value<double>()->default_value(1.0), "wall time per workload")(
      "n", po::value<std::vector<int>>()->multitoken(), "agent counts (default 7 100 1000)")(
      "protocol-n", po::value<std::vector<int>>()->multitoken(),
      "agent counts of the protocol workloads (default 4 16 64 256 1000)")(
      "all-protocols",
      "protocol workloads for every protocol, not only pbft, hotstuff and tendermint (a size a "
      "protocol refuses is named with the reason)")(
      "sweep",
      "also measure sweeps: peak memory of 10^4, 10^5 and 10^6 points, of one 1e9-trial point "
      "(stopped early) and of run's own path (loader included) at 10^4 and 10^6 points, "
      "scaling on 1, 2, 4, ... threads up to all cores (seconds, trials/s, speed-up, "
      "efficiency), and 200,000 one-trial points vs one 400,000-trial point")(
      "sweep-seconds", po::value<double>()->default_value(5.0),
      "with --sweep: seconds the scaling workload lasts on one thread (its trials "
      "are sized to that; 1e9-trial point stopped after 0.6 x this, at least 1 s)");
  po::variables_map vm;
  parse_command_line("bench", argc, argv, options, {}, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const double seconds = vm["seconds"].as<double>();
  if (!(seconds > 0)) throw UsageError{"--seconds must be positive"};
  const double sweep_seconds = vm["sweep-seconds"].as<double>();
  if (!(sweep_seconds > 0)) throw UsageError{"--sweep-seconds must be positive"};
  std::vector<int> sizes = {7, 100, 1000};
  if (vm.count("n")) sizes = vm["n"].as<std::vector<int>>();
  std::printf("%-44s %6s %12s %14s %14s %14s\n", "workload (1 thread)", "n", "trials", "trials/s",
              "events/s", "messages/s");
  std::map<int, double> coordinator_rate;  // events/s by n
  for (int n : sizes) {
    if (n < 1 || n > 100000) throw UsageError{"--n values must be in 1..100000"};
    const BenchResult engine = bench_engine("coordinator-vote, uniform 5-50ms latency",
                                            bench_coordinator_scenario(n), seconds);
    coordinator_rate[n] = engine.events_per_second;
    const BenchResult bare = bench_bare_reference(n, seconds);
    for (const BenchResult* r : {&engine, &bare})
      std::printf("%-44s %6d %12llu %14.0f %14.0f %14.0f\n", r->name.c_str(), r->n,
                  static_cast<unsigned long long>(r->trials), r->trials_per_second,
                  r->events_per_second, r->messages_per_second);
    std::printf("%-44s %6d %41.2fx\n", "engine time / bare reference time", n,
                bare.trials_per_second / engine.trials_per_second);
  }
  print_scale_ratio("coordinator-vote events/s", coordinator_rate, 1000, 7, 0.7);
  std::vector<int> protocol_sizes = {4, 16, 64, 256, 1000};
  if (vm.count("protocol-n")) protocol_sizes = vm["protocol-n"].as<std::vector<int>>();
  print_protocol_bench(protocol_sizes, seconds, vm.count("all-protocols") > 0);
  if (vm.count("sweep")) print_sweep_bench(sweep_seconds);
  return kExitOk;
}

}  // namespace byzsim::cli
