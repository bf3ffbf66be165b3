#include "sim/cli/check_schedules.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <thread>

#include "sim/agents/strategy.hpp"
#include "sim/cli/check_replay.hpp"
#include "sim/cli/check_schedule_report.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/cli/progress.hpp"
#include "sim/json/origin.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/search/random_faults.hpp"
#include "sim/search/set_partitions.hpp"
#include "sim/search/twins_sources.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

// Without --budget a Twins space up to this size is enumerated; a larger one is refused.
constexpr std::uint64_t kDefaultSpaceLimit = 100'000'000;
constexpr std::uint64_t kMaxBudget = 1'000'000'000'000;
constexpr int kMaxPartitions = 3;
constexpr int kMaxFaults = 16;
constexpr std::uint64_t kMaxWitnesses = 100;
// The set partitions of one view are held in memory (n + f bytes each).
constexpr std::uint64_t kMaxPartitionsPerView = 1 << 20;

// The command line's bounds, checked before the scenario is looked at.
struct Bounds {
  bool twins = true;
  int rounds = 4;
  int partitions = 2;
  std::optional<std::uint64_t> budget;
  std::size_t witnesses = 3;
  int threads = 0;
  std::optional<int> process_faults;  // default f
  int network_faults = 2;
  bool skip = true;
  bool progress = false;
  std::string out;
};

int whole(const po::variables_map& vm, const char* option, std::uint64_t min, std::uint64_t max,
          int fallback) {
  if (!vm.count(option)) return fallback;
  return static_cast<int>(
      parse_whole_number(std::string("--") + option, vm[option].as<std::string>(), min, max));
}

// Options of one mode given with the other are refused, not ignored.
void refuse_other_mode(const po::variables_map& vm, const char* mode,
                       std::initializer_list<const char*> options) {
  for (const char* option : options)
    if (vm.count(option))
      throw UsageError{std::string("--") + option + ": applies to --" +
                       (std::string(mode) == "twins" ? "random" : "twins") + ", not --" + mode};
}

Bounds read_bounds(const po::variables_map& vm) {
  Bounds b;
  if (vm.count("twins") && vm.count("random"))
    throw UsageError{"byzsim check: give --twins or --random, not both"};
  b.twins = vm.count("twins") > 0;
  if (b.twins)
    refuse_other_mode(vm, "twins", {"process-faults", "network-faults"});
  else
    refuse_other_mode(vm, "random", {"no-skip"});
  b.rounds = whole(vm, "rounds", 1, search::kMaxSearchViews, 4);
  b.partitions = whole(vm, "partitions", 1, kMaxPartitions, 2);
  if (vm.count("budget"))
    b.budget = parse_whole_number("--budget", vm["budget"].as<std::string>(), 1, kMaxBudget);
  if (!b.twins && !b.budget)
    throw UsageError{
        "--random: give --budget N, the number of random scenarios to run (e.g. --budget 1e6)"};
  b.witnesses = static_cast<std::size_t>(whole(vm, "witnesses", 0, kMaxWitnesses, 3));
  b.threads = parse_threads(vm["threads"].as<std::string>());
  if (vm.count("process-faults")) b.process_faults = whole(vm, "process-faults", 0, kMaxFaults, 0);
  b.network_faults = whole(vm, "network-faults", 0, kMaxFaults, 2);
  b.skip = vm.count("no-skip") == 0;
  b.progress = vm.count("progress") > 0;
  b.out = vm["out"].as<std::string>();
  return b;
}

// A refusal placed like the loader's diagnostics (file:line:column, pointer, hint).
[[noreturn]] void refuse(const LoadedScenario& loaded, const std::string& pointer,
                         const std::string& message, const std::string& hint) {
  std::ifstream in(loaded.file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Diagnostic d;
  if (!in.bad() && !text.empty())
    d = diagnostic_in_file(SourceText{text, loaded.file}, pointer, convert::Anchor::key, message,
                           hint);
  else
    d = Diagnostic{loaded.file, 0, 0, pointer, message, hint};
  throw UsageError{d.to_string()};
}

// The agents twins and mutations may use: Byzantine (malicious or faulty) agents whose
// strategy runs the protocol's own code; `others` collects why the other Byzantine agents do
// not qualify.
std::vector<int> protocol_running_byzantine(const Scenario& s, std::string& others) {
  std::vector<int> agents;
  int agent = 0;
  for (const AgentGroup& g : s.agents)
    for (int k = 0; k < g.count; ++k, ++agent) {
      if (g.role == Role::honest) continue;
      const StrategySpec& strategy = strategy_of(g);
      if (strategy.on_message == nullptr && strategy.scripted == nullptr && !strategy.coalition &&
          !strategy.crashes)
        agents.push_back(agent);
      else
        others += std::string(others.empty() ? "" : "; ") + "agent " + std::to_string(agent) +
                  " follows '" + std::string(strategy.name) + "', which does not run the protocol";
    }
  return agents;
}

constexpr const char* kRunnerHint =
    "malicious or faulty agents with a strategy that runs the protocol's code (oppose-truth, "
    "always-approve, always-reject, fixed, ...)";

// Refusals that hold for both modes: the scenario must let check choose the schedule.
void check_scenario(const LoadedScenario& loaded, const Scenario& s) {
  const ProtocolSpec& spec = spec_of(s.protocol);
  if (!spec.schedulable)
    refuse(loaded, "/protocol/type",
           "protocol '" + std::string(spec.name) +
               "' has no leaders and views for --twins or --random to choose",
           "accepted: a scenario of protocol " + schedulable_protocols() +
               " (for om and sm, byzsim check without --twins/--random)");
  if (s.corruption.enabled)
    refuse(loaded, "/corruption",
           "check searches schedules for fixed Byzantine agents; random corruption would change "
           "them from trial to trial",
           "accepted: no \"corruption\"; give the Byzantine agents as an agent group");
  if (s.schedule.given())
    refuse(loaded, "/schedule", "check --twins/--random sets the schedule of every scenario itself",
           "accepted: no \"schedule\" other than its \"cut_delay\" (replay a witness with "
           "byzsim trace instead)");
}

unsigned worker_threads(int asked) {
  if (asked > 0) return static_cast<unsigned>(asked);
  return std::max(1u, std::thread::hardware_concurrency());
}

std::vector<std::string_view> phase_names(const ProtocolSpec& spec) {
  return {spec.phases.begin(), spec.phases.end()};
}

std::string space_refusal(const ScheduleCheck& c) {
  return "the Twins space at n = " + std::to_string(c.n) + ", f = " + std::to_string(c.f) +
         " with --rounds " + std::to_string(c.rounds) + " --partitions " +
         std::to_string(c.partitions) + " has " +
         (c.space == search::kSaturated ? std::string("more than 1.8e19")
                                        : std::to_string(c.space)) +
         " scenarios, more than the " + std::to_string(kDefaultSpaceLimit) +
         " check enumerates without --budget; accepted: --budget N (a uniform sample of N "
         "scenarios), or smaller --rounds or --partitions";
}

}  // namespace

void add_schedule_search_options(po::options_description& options) {
  options.add_options()("twins",
                        "Twins search: f Byzantine agents get a twin; every leader and partition "
                        "of the first views (leader-based protocols)")(
      "random", "ByzzFuzz-style search: random value mutations and partitions (needs --budget)")(
      "rounds", po::value<std::string>(), "views searched, 1 to 8 (default 4)")(
      "partitions", po::value<std::string>(), "groups per view's partition, 1 to 3 (default 2)")(
      "budget", po::value<std::string>(),
      "scenarios to run at most: a larger Twins space is sampled (without it: refused above "
      "1e8); --random runs this many")(
      "process-faults", po::value<std::string>(),
      "--random: process faults per scenario (a Byzantine agent flips its messages of one view "
      "to some agents), 0 to 16 (default f)")(
      "network-faults", po::value<std::string>(),
      "--random: partitioned views per scenario, 0 to 16 (default 2)")(
      "witnesses", po::value<std::string>(), "witnesses printed, 0 to 100 (default 3)")(
      "threads", po::value<std::string>()->default_value("0"),
      "worker threads, 0 (all cores) to 1024; never changes the results")(
      "no-skip",
      "--twins: run every scenario, also those that differ from a run only in "
      "views it never started (to check that reduction)")(
      "progress", "progress on stderr (a bar on a terminal, else a line every 10 s)")(
      "out,o", po::value<std::string>()->default_value(""), "also write a one-row CSV there");
}

bool schedule_search_asked(const po::variables_map& vm) {
  if (vm.count("twins") || vm.count("random")) return true;
  for (const char* option : {"rounds", "partitions", "budget", "process-faults", "network-faults",
                             "witnesses", "no-skip", "progress", "out"})
    if (vm.count(option) && !vm[option].defaulted())
      throw UsageError{std::string("--") + option + ": applies with --twins or --random only"};
  return false;
}

std::string schedulable_protocols() {
  return protocols_where([](const ProtocolSpec& spec) { return spec.schedulable; });
}

int check_schedules(const po::variables_map& vm, const std::string& binary,
                    const LoadedScenario& loaded) {
  const Bounds b = read_bounds(vm);
  const Scenario& scenario = loaded.points.front().scenario;
  check_scenario(loaded, scenario);
  const ProtocolSpec& spec = spec_of(scenario.protocol);
  std::string others;
  const std::vector<int> byzantine = protocol_running_byzantine(scenario, others);
  const int f = scenario.protocol.f;
  ScheduleCheck c{scenario.name,
                  spec.name,
                  scenario.protocol.unsafe,
                  scenario.n(),
                  f,
                  b.twins,
                  b.rounds,
                  b.partitions,
                  b.process_faults.value_or(f),
                  b.network_faults,
                  byzantine,
                  0,
                  0,
                  0,
                  false,
                  0,
                  scenario.seed,
                  scenario.schedule.cut_delay};
  if (b.twins && static_cast<int>(byzantine.size()) != f)
    refuse(loaded, "/agents",
           "--twins gives a twin to each Byzantine agent that runs the protocol and needs f = " +
               std::to_string(f) + " of them; this scenario has " +
               std::to_string(byzantine.size()) + (others.empty() ? "" : " (" + others + ")"),
           std::string("accepted: exactly f ") + kRunnerHint);
  if (!b.twins && c.process_faults > 0 && byzantine.empty())
    refuse(loaded, "/agents",
           "--random mutates the messages of Byzantine agents that run the protocol; this "
           "scenario has none" +
               (others.empty() ? std::string() : " (" + others + ")"),
           std::string("accepted: ") + kRunnerHint + ", or --process-faults 0");
  if (b.twins && search::set_partition_count(c.n + f, b.partitions) > kMaxPartitionsPerView)
    refuse(loaded, "/agents",
           std::to_string(c.n + f) + " instances have more than " +
               std::to_string(kMaxPartitionsPerView) + " partitions into " +
               std::to_string(b.partitions) + " groups",
           "accepted: fewer agents, or a smaller --partitions");
  if (!b.out.empty()) {
    require_regular_output(b.out);
    require_outputs_spare_inputs({{"-o", b.out}}, {loaded.file});
  }

  const search::TwinsSpace space(c.n, b.twins ? byzantine : std::vector<int>{}, b.rounds,
                                 b.partitions);
  std::unique_ptr<search::ScenarioSource> source;
  if (b.twins) {
    c.space = space.size();
    c.choices_per_view = space.choices_per_view();
    c.partitions_per_view = space.partitions_per_view();
    const std::uint64_t limit = b.budget.value_or(kDefaultSpaceLimit);
    if (c.space > limit && !b.budget)
      throw UsageError{loaded.file + ": error: " + space_refusal(c)};
    c.sampled = c.space > limit;
    c.scenarios = c.sampled ? *b.budget : c.space;
    if (c.sampled)
      source = std::make_unique<search::SampledTwins>(space, scenario.seed, c.scenarios);
    else
      source = std::make_unique<search::EnumeratedTwins>(space, b.skip);
  } else {
    c.scenarios = *b.budget;
    c.sampled = true;
    source = std::make_unique<search::RandomFaults>(
        c.n, byzantine, phase_names(spec),
        search::FaultBounds{b.rounds, c.process_faults, b.network_faults, b.partitions},
        scenario.seed, c.scenarios);
  }

  print_check_header(std::cout, c);
  ProgressBar progress(b.progress ? (stderr_is_terminal() ? ProgressMode::bar : ProgressMode::lines)
                                  : ProgressMode::off,
                       {c.scenarios}, {1.0}, b.progress);
  progress.set_words({"byzsim check", "", "scenarios"});
  search::SearchOptions options;
  options.threads = static_cast<int>(worker_threads(b.threads));
  options.witnesses = b.witnesses;
  options.stop = &install_interrupt_handlers();
  options.on_progress = [&](std::uint64_t covered) { progress.update(covered, c.scenarios); };
  const auto start = std::chrono::steady_clock::now();
  const search::SearchResult result = run_search(scenario, *source, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result.complete) progress.point_done(0);
  progress.finish();
  print_check_results(std::cout, c, result, seconds, b.witnesses,
                      replay_of(binary, loaded.file, read_overrides(vm).sets, loaded));
  if (!result.complete) {
    std::cerr << "byzsim check: interrupted; the results above are partial"
              << (b.out.empty() ? "" : " and -o was not written") << "\n";
    return 130;
  }
  if (!b.out.empty()) write_file_atomically(b.out, check_csv(c, result, seconds));
  return kExitOk;
}

}  // namespace byzsim::cli
