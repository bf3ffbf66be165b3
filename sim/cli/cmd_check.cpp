// `byzsim check`: the exhaustive adversary for the Byzantine Generals protocols (those whose spec
// gives a check_algorithm: om and sm) at small sizes. Every deterministic choice of the
// traitors' messages, for each commander placement and order, searched for IC1 and IC2; the
// first witness is printed as a `byzsim trace` command that replays it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/cli/check_replay.hpp"
#include "sim/cli/check_schedules.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/protocols/generals_common/exhaustive.hpp"
#include "sim/protocols/registry.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

using namespace byzsim::generals;

constexpr int kMaxGenerals = 8;
constexpr int kMaxM = 2;

std::string count_text(double count) {
  char text[64];
  if (count < 1e15)
    std::snprintf(text, sizeof text, "%.0f", count);
  else
    std::snprintf(text, sizeof text, "%.3g", count);
  return text;
}

const char* order_text(Orders o) {
  return o == kApprove ? "ATTACK" : o == kReject ? "RETREAT" : "-";
}

std::string case_text(const CheckCase& at) {
  return "commander " + std::to_string(at.commander) +
         (at.commander_traitor ? " (traitor)"
                               : std::string(" (loyal, orders ") + order_text(at.order) + ")");
}

std::string replay_command(const Replay& replay, const Witness& w) {
  std::vector<std::string> sets = {"/protocol/commander=" + std::to_string(w.at.commander),
                                   "/protocol/choices=" + std::to_string(w.script)};
  if (!w.at.commander_traitor)
    sets.push_back(std::string("/truth=") + (w.at.order == kApprove ? "good" : "bad"));
  return cli::replay_command(replay, sets);
}

std::string witness_text(const std::string& kind, const Witness& w, const Replay& replay,
                         const std::vector<bool>& traitor) {
  std::ostringstream out;
  out << "witness (" << kind << "): " << case_text(w.at) << "\n  decisions:";
  for (std::size_t g = 0; g < w.decisions.size(); ++g)
    if (static_cast<int>(g) != w.at.commander)
      out << " agent " << g << (traitor[g] ? " (traitor) " : " ") << order_text(w.decisions[g])
          << ";";
  out << "\n  replay: " << replay_command(replay, w) << "\n";
  return out.str();
}

// "om and sm": the protocols check searches (their specs give it an algorithm), so a new one
// needs no edit here.
std::string checkable_protocols() {
  return protocols_where([](const ProtocolSpec& spec) { return spec.check_algorithm != nullptr; });
}

po::options_description check_options() {
  po::options_description options = help_options(
      "byzsim check SCENARIO [options]\n\nSearch for attacks. For " + checkable_protocols() +
      " (n <= 8, m <= 2): every deterministic choice of the traitors' messages, for the "
      "commander loyal (both orders) and a traitor; reports whether IC1 or IC2 can fail. For "
      "the leader-based protocols (" +
      schedulable_protocols() +
      "): --twins (every leader and partition of the first views, the f Byzantine agents "
      "twinned) or --random --budget N (random value mutations and partitions); reports the "
      "scenarios breaking agreement, validity or quorums. Witnesses print as byzsim trace "
      "commands (docs/check.md).\n\nOptions");
  options.add_options()("help,h", "show this help");
  add_schedule_search_options(options);
  add_override_options(options);
  return options;
}

std::string scenario_file(const po::variables_map& vm) {
  if (!vm.count("scenario") || vm["scenario"].as<std::vector<std::string>>().size() != 1)
    throw UsageError{"byzsim check: give exactly one scenario file (see 'byzsim check --help')"};
  return vm["scenario"].as<std::vector<std::string>>().front();
}

// A fresh instance of the scenario's algorithm; UsageError for a protocol check cannot search.
std::unique_ptr<GeneralsAlgorithm> algorithm_for(const std::string& file,
                                                 const Scenario& scenario) {
  const ProtocolSpec& spec = spec_of(scenario.protocol);
  if (const auto make = spec.check_algorithm) return make();
  if (spec.schedulable)
    throw UsageError{file + ": error: byzsim check searches " + std::string(spec.name) +
                     " by schedules: give --twins (every leader and partition of the first "
                     "views) or --random --budget N (random faults); see docs/check.md"};
  throw UsageError{file + ": byzsim check searches protocols " + checkable_protocols() + " and " +
                   schedulable_protocols() + ", not " + std::string(scenario.protocol.name()) +
                   " (use run or exact)"};
}

// What one check searches: the generals of a scenario, in agent order, and the depth m.
struct CheckInput {
  std::string file;
  std::string_view protocol;
  int n = 0;
  int m = 0;
  std::vector<bool> traitor;  // a malicious agent
  std::vector<bool> loyal;    // an honest agent (a faulty one is neither)
};

CheckInput check_input(const std::string& file, const Scenario& scenario) {
  // A traitor is a fixed agent: enumerating its choices says nothing of random corruption.
  if (scenario.corruption.enabled)
    throw UsageError{file + ": byzsim check needs fixed traitors; remove \"corruption\""};
  CheckInput in{file,         scenario.protocol.name(),
                scenario.n(), static_cast<int>(scenario.protocol.integer("m")),
                {},           {}};
  for (const AgentGroup& g : scenario.agents)
    for (int k = 0; k < g.count; ++k) {
      in.traitor.push_back(g.role == Role::malicious);
      in.loyal.push_back(g.role == Role::honest);
    }
  return in;
}

// Lieutenants are interchangeable, so three cases cover every placement: the first traitor as
// commander, and the first other general as a loyal commander giving each order.
std::vector<CheckCase> check_cases(const std::vector<bool>& traitor) {
  std::vector<CheckCase> cases;
  const auto first_traitor = std::find(traitor.begin(), traitor.end(), true);
  if (first_traitor != traitor.end())
    cases.push_back({static_cast<int>(first_traitor - traitor.begin()), true, kReject});
  const auto first_loyal = std::find(traitor.begin(), traitor.end(), false);
  if (first_loyal != traitor.end()) {
    const int g = static_cast<int>(first_loyal - traitor.begin());
    cases.push_back({g, false, kApprove});
    cases.push_back({g, false, kReject});
  }
  return cases;
}

// The traitor assignments of all cases together, counted before any is searched.
double search_space(GeneralsAlgorithm& algorithm, const CheckInput& in,
                    const std::vector<CheckCase>& cases) {
  PathTree tree;
  double space = 0;
  for (const CheckCase& at : cases) {
    tree.build(in.n, at.commander, in.m);
    algorithm.prepare(tree);
    space += assignment_count(algorithm, tree, in.traitor, at);
  }
  return space;
}

void print_too_big(const CheckInput& in, double space) {
  std::cerr << in.file << ": error: byzsim check enumerates up to n = " << kMaxGenerals
            << " generals with m <= " << kMaxM << " and at most " << count_text(kMaxAssignments)
            << " traitor assignments per case; n = " << in.n << ", m = " << in.m << " would need "
            << count_text(space) << "\n";
}

int traitor_count(const CheckInput& in) {
  return static_cast<int>(std::count(in.traitor.begin(), in.traitor.end(), true));
}

void print_header(const std::string& scenario_name, const CheckInput& in) {
  std::string traitor_list;
  for (int g = 0; g < in.n; ++g)
    if (in.traitor[static_cast<std::size_t>(g)])
      traitor_list += (traitor_list.empty() ? "" : ", ") + std::to_string(g);
  const int traitors = traitor_count(in);
  std::cout << "check " << scenario_name << ": " << in.protocol << ", n = " << in.n
            << ", m = " << in.m << ", " << traitors << " traitor" << (traitors == 1 ? "" : "s")
            << (traitors ? " (agent " + traitor_list + ")" : std::string()) << "\n";
}

void print_case(const CaseReport& report) {
  const CheckCase& at = report.at;
  std::cout << "  " << case_text(at) << ": " << count_text(report.assignments) << " assignments, "
            << report.runs << " runs: IC1 " << (report.ic1 ? "FAILS" : "holds");
  if (!at.commander_traitor) std::cout << ", IC2 " << (report.ic2 ? "FAILS" : "holds");
  std::cout << "\n";
}

// The sums over the cases and the first witness of each violation.
struct CheckTotals {
  std::uint64_t runs = 0;
  double assignments = 0;
  std::optional<Witness> ic1, ic2;
};

// Searches the cases in order, printing each; nullopt (after the error) when one needs more
// than kMaxRuns runs.
std::optional<CheckTotals> search_cases(GeneralsAlgorithm& algorithm, const CheckInput& in,
                                        const std::vector<CheckCase>& cases) {
  PathTree tree;
  CheckTotals totals;
  for (const CheckCase& at : cases) {
    tree.build(in.n, at.commander, in.m);
    algorithm.prepare(tree);
    const auto report = check_case(algorithm, tree, in.traitor, in.loyal, at);
    if (!report) {
      std::cerr << in.file << ": error: " << case_text(at) << " needs more than " << kMaxRuns
                << " runs of " << in.protocol
                << " (its space: " << count_text(assignment_count(algorithm, tree, in.traitor, at))
                << " assignments); byzsim check refuses it\n";
      return std::nullopt;
    }
    totals.runs += report->runs;
    totals.assignments += report->assignments;
    print_case(*report);
    if (!totals.ic1 && report->ic1) totals.ic1 = report->ic1;
    if (!totals.ic2 && report->ic2) totals.ic2 = report->ic2;
  }
  return totals;
}

void print_summary(const CheckInput& in, std::size_t cases, const CheckTotals& totals,
                   const Replay& replay) {
  const int traitors = traitor_count(in);
  std::cout << "IC1 (loyal lieutenants agree): " << (totals.ic1 ? "can fail" : "cannot fail")
            << "\n"
            << "IC2 (a loyal commander is obeyed): " << (totals.ic2 ? "can fail" : "cannot fail")
            << "\n"
            << "cases checked: " << count_text(totals.assignments) << " traitor assignments in "
            << cases << " placements (" << totals.runs
            << " runs; lieutenants are interchangeable, so these cover every placement of "
            << traitors << " traitor" << (traitors == 1 ? "" : "s") << ")\n";
  if (totals.ic1) std::cout << witness_text("IC1", *totals.ic1, replay, in.traitor);
  if (totals.ic2) std::cout << witness_text("IC2", *totals.ic2, replay, in.traitor);
}

}  // namespace

int cmd_check(int argc, char** argv, const std::string& binary) {
  const po::options_description options = check_options();
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("check", argc, argv, options, positional_option("scenario", "scenario file"),
                     positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  const std::string file = scenario_file(vm);
  auto loaded = load_all({file}, read_overrides(vm), std::cerr);
  if (!loaded) return kExitUsage;
  if (schedule_search_asked(vm)) return check_schedules(vm, binary, loaded->front());
  const Scenario& scenario = loaded->front().points.front().scenario;
  const std::unique_ptr<GeneralsAlgorithm> algorithm = algorithm_for(file, scenario);
  const CheckInput in = check_input(file, scenario);
  const std::vector<CheckCase> cases = check_cases(in.traitor);
  // Refused before anything is printed, so a search too big to finish never starts.
  const double space = search_space(*algorithm, in, cases);
  if (in.n > kMaxGenerals || in.m > kMaxM || space > kMaxAssignments) {
    print_too_big(in, space);
    return kExitUsage;
  }
  print_header(scenario.name, in);
  const std::optional<CheckTotals> totals = search_cases(*algorithm, in, cases);
  if (!totals) return kExitUsage;
  const Replay replay = replay_of(binary, file, read_overrides(vm).sets, loaded->front());
  print_summary(in, cases.size(), *totals, replay);
  return kExitOk;
}

}  // namespace byzsim::cli
