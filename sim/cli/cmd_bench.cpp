// `byzsim bench`: single-thread engine throughput for coordinator-vote at n = 7, 100, 1000,
// beside the bare reference loop, and for every protocol the registry marks `benched` (pbft
// first) at n = 4, 16, 64, 256, plus one pbft trial at n = 1000. Figures for the README and
// regressions, not tests.
#include <cstdio>
#include <iostream>

#include "sim/bench/sweep_bench.hpp"
#include "sim/bench/workloads.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/protocols/registry.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

void print_sweep_bench() {
  std::printf("\n%-44s %8s %10s %10s %14s\n", "sweep workload (n = 7, rows formatted)", "points",
              "trials/pt", "seconds", "trials/s");
  auto line = [](const char* name, const SweepBenchResult& r) {
    std::printf("%-44s %8d %10lld %10.3f %14.0f\n", name, r.points, r.trials_per_point, r.seconds,
                r.trials_per_second);
  };
  const SweepBenchResult one = bench_sweep(50, 10000, 1);
  line("50 points, 1 thread", one);
  const SweepBenchResult two = bench_sweep(50, 10000, 2);
  line("50 points, 2 threads", two);
  std::printf("%-44s %45.2fx\n", "speed-up, 2 threads over 1", one.seconds / two.seconds);
  const SweepBenchResult big = bench_sweep(1, 400000, 0);
  line("one 400,000-trial point, all cores", big);
  const SweepBenchResult tiny = bench_sweep(200000, 1, 0);
  line("200,000 one-trial points, all cores", tiny);
  std::printf("%-44s %45.2fx\n", "time per trial, tiny points / big point",
              big.trials_per_second / tiny.trials_per_second);
}

// Each benched protocol: messages/s and decisions/s on one thread at each size, then (pbft)
// one trial at n = 1000 to show it runs.
void print_protocol_bench(const std::vector<int>& sizes, double seconds) {
  std::printf("\n%-44s %6s %12s %14s %14s %14s\n", "protocol workloads (1 thread)", "n", "trials",
              "messages/s", "decisions/s", "messages/trial");
  auto line = [](const BenchResult& r) {
    std::printf("%-44s %6d %12llu %14.0f %14.1f %14.0f\n", r.name.c_str(), r.n,
                static_cast<unsigned long long>(r.trials), r.messages_per_second,
                r.decisions_per_second, r.messages_per_second / r.trials_per_second);
  };
  for (int n : sizes)
    if (n < 1 || n > 100000) throw UsageError{"--protocol-n values must be in 1..100000"};
  for (const ProtocolSpec* spec : ProtocolRegistry::builtin().all()) {
    if (!spec->benched) continue;
    const std::string name = std::string(spec->name) + ", f oppose-truth, uniform 5-50ms";
    for (int n : sizes) line(bench_engine(name, bench_protocol_scenario(*spec, n), seconds));
  }
  const BenchResult big = bench_engine("pbft, one trial (n = 1000 must run)",
                                       bench_protocol_scenario(builtin_protocol("pbft"), 1000), 0);
  line(big);
  std::printf("%-44s %6d %41.3f s\n", "pbft, wall time of that trial", big.n, big.seconds);
}

}  // namespace

int cmd_bench(int argc, char** argv) {
  po::options_description options = help_options(
      "byzsim bench [options]\n\nMeasure the engine on one thread: trials/s, events/s and "
      "messages/s of coordinator-vote at several n, and the bare reference loop; messages/s "
      "and decisions/s of pbft and the other leader-based protocols at several n, and one pbft "
      "trial at n = 1000.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "seconds", po::value<double>()->default_value(1.0), "wall time per workload")(
      "n", po::value<std::vector<int>>()->multitoken(), "agent counts (default 7 100 1000)")(
      "protocol-n", po::value<std::vector<int>>()->multitoken(),
      "agent counts of the protocol workloads (default 4 16 64 256)")(
      "sweep",
      "also measure sweeps: 2 threads vs 1 on 50 points x 10,000 trials, and "
      "200,000 one-trial points vs one 400,000-trial point");
  po::variables_map vm;
  parse_command_line("bench", argc, argv, options, {}, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const double seconds = vm["seconds"].as<double>();
  if (!(seconds > 0)) throw UsageError{"--seconds must be positive"};
  std::vector<int> sizes = {7, 100, 1000};
  if (vm.count("n")) sizes = vm["n"].as<std::vector<int>>();
  std::printf("%-44s %6s %12s %14s %14s %14s\n", "workload (1 thread)", "n", "trials", "trials/s",
              "events/s", "messages/s");
  for (int n : sizes) {
    if (n < 1 || n > 100000) throw UsageError{"--n values must be in 1..100000"};
    const BenchResult engine = bench_engine("coordinator-vote, uniform 5-50ms latency",
                                            bench_coordinator_scenario(n), seconds);
    const BenchResult bare = bench_bare_reference(n, seconds);
    for (const BenchResult* r : {&engine, &bare})
      std::printf("%-44s %6d %12llu %14.0f %14.0f %14.0f\n", r->name.c_str(), r->n,
                  static_cast<unsigned long long>(r->trials), r->trials_per_second,
                  r->events_per_second, r->messages_per_second);
    std::printf("%-44s %6d %41.2fx\n", "engine time / bare reference time", n,
                bare.trials_per_second / engine.trials_per_second);
  }
  std::vector<int> protocol_sizes = {4, 16, 64, 256};
  if (vm.count("protocol-n")) protocol_sizes = vm["protocol-n"].as<std::vector<int>>();
  print_protocol_bench(protocol_sizes, seconds);
  if (vm.count("sweep")) print_sweep_bench();
  return kExitOk;
}

}  // namespace byzsim::cli
