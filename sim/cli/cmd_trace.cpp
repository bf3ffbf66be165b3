// `byzsim trace`: the events of one trial, replayed from its (seed, point, trial) stream, so it
// shows exactly what `run` simulated for that trial; or, with --find, of the first trials of a
// point with a given outcome. Formats: sim/trace/trace_formats.hpp.
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/importance.hpp"
#include "sim/run/trace_replay.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/run/trial_search.hpp"
#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

// Exit status of `--find` when no trial of the point has the outcome (docs/reference.md).
constexpr int kExitNotFound = 3;
constexpr std::uint64_t kMaxFindLimit = 1000;

std::string format_names() {
  std::string names;
  for (const TraceFormatSpec& f : trace_formats())
    names += (names.empty() ? "" : ", ") + std::string(f.name);
  return names;
}

std::string format_help() {
  std::string help = "output format:";
  for (const TraceFormatSpec& f : trace_formats())
    help += "\n  " + std::string(f.name) + ": " + std::string(f.what);
  return help;
}

// What --find looks for: an outcome of the contract, or "ic-violation" (interactive
// consistency broken: a disagreement, IC1, or the protocol's own trial_violation, e.g. IC2).
struct FindTarget {
  std::string name;
  std::optional<Outcome> outcome;  // empty: ic-violation
};

FindTarget parse_find(const std::string& text) {
  std::string accepted;
  for (int k = 0; k < kOutcomeCount; ++k) {
    const auto outcome = static_cast<Outcome>(k);
    if (text == to_string(outcome)) return FindTarget{text, outcome};
    accepted += (accepted.empty() ? "" : ", ") + std::string(to_string(outcome));
  }
  if (text == "ic-violation") return FindTarget{text, std::nullopt};
  throw UsageError{"--find: unknown outcome '" + text + "'; accepted: " + accepted +
                   ", ic-violation"};
}

std::string trial_list(const std::vector<std::uint64_t>& trials) {
  std::string list;
  for (const std::uint64_t t : trials) list += (list.empty() ? "" : ", ") + std::to_string(t);
  return list;
}

po::options_description trace_options() {
  po::options_description options = help_options(
      "byzsim trace SCENARIO [options]\n\nPrint the events of one trial: exactly what `run` "
      "simulated for (seed, point, trial). With --find, search the point's trials in order for "
      "an outcome and print the first ones found (exit 3 when none has it).\n\nOptions");
  options.add_options()("help,h", "show this help")("point",
                                                    po::value<std::string>()->default_value("0"),
                                                    "sweep point (the CSV's point column)")(
      "trial", po::value<std::string>(),
      "trial number within the point, from 0 to its trials - 1 (default 0)")(
      "find", po::value<std::string>(),
      "search the point's trials for this outcome: correct, wrong, no_consensus, disagreement, "
      "or ic-violation (a disagreement, or the protocol's own violation such as om/sm's IC2)")(
      "limit", po::value<std::string>()->default_value("1"),
      "with --find: how many of the first matching trials to print (1..1000)")(
      "format", po::value<std::string>()->default_value("text"), format_help().c_str())(
      "max-events", po::value<std::string>()->default_value(std::to_string(kTraceRecordCap)),
      "events kept per trial; beyond it the trace is cut with a notice")(
      "threads", po::value<std::string>()->default_value("0"),
      "worker threads for --find, 0 = all cores (never changes the trials found)")(
      "out,o", po::value<std::string>()->default_value(""), "write there (default stdout)");
  add_override_options(options);
  return options;
}

// The options other than the scenario, checked for syntax before the scenario is read.
struct TraceRequest {
  const TraceFormatSpec* format = nullptr;
  std::uint64_t point = 0;
  bool finding = false;  // --find given: it chooses the trials
  std::uint64_t trial = 0;
  FindTarget wanted;
  std::uint64_t limit = 1;
  std::uint64_t max_events = 0;
  int threads = 0;
  std::string out;  // empty: stdout
};

// A trace keeps its records in memory until it is written (about kTraceRecordBytes each, their
// text included); a cap whose records could exceed the memory limit is refused up front.
void refuse_trace_beyond_memory(std::uint64_t max_events, std::uint64_t memory_limit) {
  constexpr std::uint64_t kTraceRecordBytes = 320;
  if (max_events <= memory_limit / kTraceRecordBytes) return;
  throw UsageError{"--max-events '" + std::to_string(max_events) +
                   "': a trace keeps up to that many records in memory, about " +
                   std::to_string(kTraceRecordBytes) +
                   " bytes each: " + std::to_string(max_events * kTraceRecordBytes >> 20) +
                   " MiB, more than the memory limit of " + std::to_string(memory_limit >> 20) +
                   " MiB; accepted: at most " + std::to_string(memory_limit / kTraceRecordBytes) +
                   " under this limit, or a higher --memory-limit"};
}

// Each check throws UsageError; their order decides which message a command line with several
// mistakes gets, so it stays as documented (format, point, find/trial, limit, max-events...).
TraceRequest read_request(const po::variables_map& vm) {
  TraceRequest r;
  const std::string format_name = vm["format"].as<std::string>();
  r.format = find_trace_format(format_name);
  if (!r.format)
    throw UsageError{"--format: unknown format '" + format_name + "'; accepted: " + format_names()};
  r.point = parse_whole_number("--point", vm["point"].as<std::string>(), 0, UINT64_MAX);
  r.finding = vm.count("find") > 0;
  if (r.finding && vm.count("trial"))
    throw UsageError{"--find and --trial exclude each other: --find chooses the trials"};
  if (vm.count("trial"))
    r.trial = parse_whole_number("--trial", vm["trial"].as<std::string>(), 0, UINT64_MAX);
  r.wanted = r.finding ? parse_find(vm["find"].as<std::string>())
                       : FindTarget{"correct", Outcome::correct};
  r.limit = parse_whole_number("--limit", vm["limit"].as<std::string>(), 1, kMaxFindLimit);
  if (!r.finding && !vm["limit"].defaulted()) throw UsageError{"--limit applies to --find only"};
  r.max_events =
      parse_whole_number("--max-events", vm["max-events"].as<std::string>(), 1, 100'000'000);
  refuse_trace_beyond_memory(
      r.max_events, vm.count("memory-limit")
                        ? parse_memory_size("--memory-limit", vm["memory-limit"].as<std::string>())
                        : convert::kDefaultMemoryBudget);
  r.threads = parse_threads(vm["threads"].as<std::string>());
  r.out = vm["out"].as<std::string>();
  if (!r.out.empty()) require_regular_output(r.out);
  if (vm.count("scenario"))
    require_outputs_spare_inputs({{"-o", r.out}}, vm["scenario"].as<std::vector<std::string>>());
  return r;
}

// The scenario of the requested point, made from the lazily loaded sweep with --trials and
// --seed applied; UsageError when the point or the trial is out of range.
const Scenario& requested_point(const LoadedScenario& s, const TraceRequest& r,
                                const ScenarioOverrides& overrides, ScenarioPoint& made) {
  if (r.point >= s.point_count())
    throw UsageError{"--point " + std::to_string(r.point) + " is out of range: the scenario has " +
                     std::to_string(s.point_count()) + " point(s), 0.." +
                     std::to_string(s.point_count() - 1)};
  s.lazy->make(static_cast<std::size_t>(r.point), made);
  if (overrides.trials) made.scenario.trials = *overrides.trials;
  if (overrides.seed) made.scenario.seed = *overrides.seed;
  const Scenario& scenario = made.scenario;
  if (r.trial >= scenario.trials)
    throw UsageError{"--trial " + std::to_string(r.trial) + " is out of range: point " +
                     std::to_string(r.point) + " has " + std::to_string(scenario.trials) +
                     " trials, 0.." + std::to_string(scenario.trials - 1) +
                     " (raise them with --trials)"};
  return scenario;
}

// --find: the point's first `limit` trials with the wanted outcome, searched in trial order.
TrialSearchResult search_trials(const Scenario& scenario, const TraceRequest& r) {
  TrialSearch search;
  search.limit = r.limit;
  search.threads = r.threads;
  search.stop = &install_interrupt_handlers();
  const auto violation = spec_of(scenario.protocol).trial_violation;
  const auto matches = [&](const TrialResult& result) {
    if (r.wanted.outcome) return result.outcome == *r.wanted.outcome;
    return result.outcome == Outcome::disagreement || (violation && violation(result));
  };
  return find_trials(scenario, r.point, matches, search);
}

std::string wanted_text(const TraceRequest& r) {
  return "outcome '" + r.wanted.name + "'";
}

void print_not_found(const Scenario& scenario, const TraceRequest& r) {
  std::cerr << "byzsim trace: no trial of point " << r.point << " (trials 0.."
            << scenario.trials - 1 << ", seed " << scenario.seed << ") has " << wanted_text(r)
            << "; nothing written (more trials: --trials N, another stream: --seed S)\n";
}

void print_found(const TrialSearchResult& found, const Scenario& scenario, const TraceRequest& r) {
  std::cerr << "byzsim trace: " << wanted_text(r) << " in trial"
            << (found.trials.size() > 1 ? "s " : " ") << trial_list(found.trials) << " of point "
            << r.point;
  if (found.trials.size() < r.limit)
    std::cerr << " (only " << found.trials.size() << " of the " << r.limit << " asked for in all "
              << scenario.trials << " trials)";
  else
    std::cerr << " (the first " << found.trials.size() << ", searching trials 0.."
              << found.searched - 1 << ")";
  std::cerr << "\n";
}

// One trial at a time: replayed, written, dropped (K traces are never all in memory).
void write_traces(const Scenario& scenario, const std::vector<std::uint64_t>& trials,
                  const TraceRequest& r) {
  TrialRunner runner;
  std::unique_ptr<const TiltParams> tilt;  // importance points replay their tilted trials
  if (scenario.estimator.kind == Estimator::Kind::importance)
    tilt = std::make_unique<const TiltParams>(choose_tilt(scenario, r.point));
  runner.prepare(scenario, r.point, tilt.get());
  auto write = [&](std::ostream& stream) {
    for (std::size_t k = 0; k < trials.size(); ++k) {
      const ReplayedTrial replayed =
          replay_trial(runner, trials[k], static_cast<std::size_t>(r.max_events));
      if (replayed.run.dropped_records)
        std::cerr << "byzsim trace: trial " << trials[k] << ": "
                  << trace_format::truncation_notice(replayed.run) << "\n";
      r.format->write(TraceView{&replayed.run, &replayed.records, k, trials.size()}, stream);
    }
  };
  if (r.out.empty())
    write(std::cout);
  else
    write_file_atomically(r.out, write);
}

}  // namespace

int cmd_trace(int argc, char** argv) {
  const po::options_description options = trace_options();
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("trace", argc, argv, options, positional_option("scenario", "scenario file"),
                     positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario") || vm["scenario"].as<std::vector<std::string>>().size() != 1)
    throw UsageError{"byzsim trace: give exactly one scenario file (see 'byzsim trace --help')"};
  // Syntax first (before reading the scenario), then the ranges the scenario sets.
  const TraceRequest request = read_request(vm);
  // Every point is checked, only the requested one is made (a 10^6-point sweep is not held).
  const ScenarioOverrides overrides = read_overrides(vm);
  const LoadedBatch loaded = load_batch(vm["scenario"].as<std::vector<std::string>>(), overrides,
                                        &std::cerr, /*lazy=*/true);
  if (loaded.failed > 0) return kExitUsage;
  ScenarioPoint made;
  const Scenario& scenario = requested_point(loaded.scenarios.front(), request, overrides, made);

  std::vector<std::uint64_t> trials{request.trial};
  if (request.finding) {
    const TrialSearchResult found = search_trials(scenario, request);
    if (found.stopped) {
      std::cerr << "byzsim trace: interrupted after searching trials 0.." << found.searched
                << " of point " << request.point << "; nothing written\n";
      return 130;
    }
    if (found.trials.empty()) {
      print_not_found(scenario, request);
      return kExitNotFound;
    }
    print_found(found, scenario, request);
    trials = found.trials;
  }
  write_traces(scenario, trials, request);
  return kExitOk;
}

}  // namespace byzsim::cli
