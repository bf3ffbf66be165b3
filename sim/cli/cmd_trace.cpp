// `byzsim trace`: the events of one trial, replayed from its (seed, point, trial) stream, so it
// shows exactly what `run` simulated for that trial; or, with --find, of the first trials of a
// point with a given outcome. Formats: sim/trace/trace_formats.hpp.
#include <iostream>
#include <optional>
#include <sstream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/protocols/registry.hpp"
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

}  // namespace

int cmd_trace(int argc, char** argv) {
  po::options_description options(
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
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("trace", argc, argv, options, positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario") || vm["scenario"].as<std::vector<std::string>>().size() != 1)
    throw UsageError{"byzsim trace: give exactly one scenario file (see 'byzsim trace --help')"};
  const std::string format_name = vm["format"].as<std::string>();
  const TraceFormatSpec* format = find_trace_format(format_name);
  if (!format)
    throw UsageError{"--format: unknown format '" + format_name + "'; accepted: " + format_names()};
  // Syntax first (before reading the scenario), then the ranges the scenario sets.
  const std::uint64_t point_given =
      parse_whole_number("--point", vm["point"].as<std::string>(), 0, UINT64_MAX);
  const bool finding = vm.count("find") > 0;
  if (finding && vm.count("trial"))
    throw UsageError{"--find and --trial exclude each other: --find chooses the trials"};
  const std::uint64_t trial =
      vm.count("trial")
          ? parse_whole_number("--trial", vm["trial"].as<std::string>(), 0, UINT64_MAX)
          : 0;
  const FindTarget wanted =
      finding ? parse_find(vm["find"].as<std::string>()) : FindTarget{"correct", Outcome::correct};
  const std::uint64_t limit =
      parse_whole_number("--limit", vm["limit"].as<std::string>(), 1, kMaxFindLimit);
  if (!finding && !vm["limit"].defaulted()) throw UsageError{"--limit applies to --find only"};
  const std::uint64_t max_events =
      parse_whole_number("--max-events", vm["max-events"].as<std::string>(), 1, 100'000'000);
  const int threads = parse_threads(vm["threads"].as<std::string>());
  const std::string out = vm["out"].as<std::string>();
  if (!out.empty()) require_regular_output(out);
  auto loaded =
      load_all(vm["scenario"].as<std::vector<std::string>>(), read_overrides(vm), std::cerr);
  if (!loaded) return kExitUsage;
  const LoadedScenario& s = loaded->front();
  if (point_given >= s.points.size())
    throw UsageError{"--point " + std::to_string(point_given) +
                     " is out of range: the scenario has " + std::to_string(s.points.size()) +
                     " point(s), 0.." + std::to_string(s.points.size() - 1)};
  const std::uint64_t point = point_given;
  const Scenario& scenario = s.points[static_cast<std::size_t>(point)].scenario;
  if (trial >= scenario.trials)
    throw UsageError{"--trial " + std::to_string(trial) + " is out of range: point " +
                     std::to_string(point) + " has " + std::to_string(scenario.trials) +
                     " trials, 0.." + std::to_string(scenario.trials - 1) +
                     " (raise them with --trials)"};

  std::vector<std::uint64_t> trials{trial};
  if (finding) {
    TrialSearch search;
    search.limit = limit;
    search.threads = threads;
    search.stop = &install_interrupt_handlers();
    const auto violation = spec_of(scenario.protocol).trial_violation;
    const auto matches = [&](const TrialResult& r) {
      if (wanted.outcome) return r.outcome == *wanted.outcome;
      return r.outcome == Outcome::disagreement || (violation && violation(r));
    };
    const TrialSearchResult found = find_trials(scenario, point, matches, search);
    const std::string what = "outcome '" + wanted.name + "'";
    if (found.stopped) {
      std::cerr << "byzsim trace: interrupted after searching trials 0.." << found.searched
                << " of point " << point << "; nothing written\n";
      return 130;
    }
    if (found.trials.empty()) {
      std::cerr << "byzsim trace: no trial of point " << point << " (trials 0.."
                << scenario.trials - 1 << ", seed " << scenario.seed << ") has " << what
                << "; nothing written (more trials: --trials N, another stream: --seed S)\n";
      return kExitNotFound;
    }
    std::cerr << "byzsim trace: " << what << " in trial" << (found.trials.size() > 1 ? "s " : " ")
              << trial_list(found.trials) << " of point " << point;
    if (found.trials.size() < limit)
      std::cerr << " (only " << found.trials.size() << " of the " << limit << " asked for in all "
                << scenario.trials << " trials)";
    else
      std::cerr << " (the first " << found.trials.size() << ", searching trials 0.."
                << found.searched - 1 << ")";
    std::cerr << "\n";
    trials = found.trials;
  }

  // One trial at a time: replayed, written, dropped (K traces are never all in memory).
  TrialRunner runner;
  runner.prepare(scenario, point);
  auto write = [&](std::ostream& stream) {
    for (std::size_t k = 0; k < trials.size(); ++k) {
      const ReplayedTrial r = replay_trial(runner, trials[k], static_cast<std::size_t>(max_events));
      if (r.run.dropped_records)
        std::cerr << "byzsim trace: trial " << trials[k] << ": "
                  << trace_format::truncation_notice(r.run) << "\n";
      format->write(TraceView{&r.run, &r.records, k, trials.size()}, stream);
    }
  };
  if (out.empty())
    write(std::cout);
  else
    write_file_atomically(out, write);
  return kExitOk;
}

}  // namespace byzsim::cli
