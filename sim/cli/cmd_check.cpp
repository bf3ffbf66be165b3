// `byzsim check`: the exhaustive adversary for om and sm at small sizes. Every deterministic
// choice of the traitors' messages, for each commander placement and order, searched for IC1
// and IC2; the first witness is printed as a `byzsim trace` command that replays it.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/protocols/generals_common/exhaustive.hpp"
#include "sim/protocols/om/oral_messages.hpp"
#include "sim/protocols/sm/signed_messages.hpp"

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

std::string shell_quote(const std::string& s) {
  if (s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") ==
      std::string::npos)
    return s;
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string witness_text(const std::string& kind, const Witness& w, const std::string& file,
                         const std::vector<bool>& traitor) {
  std::ostringstream out;
  out << "witness (" << kind << "): " << case_text(w.at) << "\n  decisions:";
  for (std::size_t g = 0; g < w.decisions.size(); ++g)
    if (static_cast<int>(g) != w.at.commander)
      out << " agent " << g << (traitor[g] ? " (traitor) " : " ") << order_text(w.decisions[g])
          << ";";
  out << "\n  replay: byzsim trace " << shell_quote(file)
      << " --set /protocol/commander=" << w.at.commander << " --set /protocol/choices=" << w.script;
  if (!w.at.commander_traitor) out << " --set /truth=" << (w.at.order == kApprove ? "good" : "bad");
  out << "\n";
  return out.str();
}

}  // namespace

int cmd_check(int argc, char** argv) {
  po::options_description options(
      "byzsim check SCENARIO [options]\n\nExhaustive adversary for protocols om and sm (n <= 8, "
      "m <= 2): every deterministic choice of the traitors' messages, for the commander loyal "
      "(both orders) and a traitor; reports whether IC1 or IC2 can fail and the first witness "
      "as a byzsim trace command. The network is taken as reliable.\n\nOptions");
  options.add_options()("help,h", "show this help");
  add_override_options(options);
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("check", argc, argv, options, positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario") || vm["scenario"].as<std::vector<std::string>>().size() != 1)
    throw UsageError{"byzsim check: give exactly one scenario file (see 'byzsim check --help')"};
  const std::string file = vm["scenario"].as<std::vector<std::string>>().front();
  auto loaded = load_all({file}, read_overrides(vm), std::cerr);
  if (!loaded) return kExitUsage;
  const Scenario& scenario = loaded->front().points.front().scenario;
  const std::string_view protocol = scenario.protocol.name();
  std::unique_ptr<GeneralsAlgorithm> algorithm;
  if (protocol == "om") algorithm = std::make_unique<OralMessages>();
  if (protocol == "sm") algorithm = std::make_unique<SignedMessages>();
  if (!algorithm)
    throw UsageError{file + ": byzsim check searches protocols om and sm, not " +
                     std::string(protocol) + " (use run or exact)"};
  if (scenario.corruption.enabled)
    throw UsageError{file + ": byzsim check needs fixed traitors; remove \"corruption\""};
  const int n = scenario.n();
  const int m = static_cast<int>(scenario.protocol.integer("m"));
  std::vector<bool> traitor, loyal;
  for (const AgentGroup& g : scenario.agents)
    for (int k = 0; k < g.count; ++k) {
      traitor.push_back(g.role == Role::malicious);
      loyal.push_back(g.role == Role::honest);
    }
  std::vector<CheckCase> cases;
  for (int g = 0; g < n; ++g)
    if (traitor[static_cast<std::size_t>(g)]) {
      cases.push_back({g, true, kReject});
      break;
    }
  for (int g = 0; g < n; ++g)
    if (!traitor[static_cast<std::size_t>(g)]) {
      cases.push_back({g, false, kApprove});
      cases.push_back({g, false, kReject});
      break;
    }
  PathTree tree;
  double space = 0;
  for (const CheckCase& at : cases) {
    tree.build(n, at.commander, m);
    algorithm->prepare(tree);
    space += assignment_count(*algorithm, tree, traitor, at);
  }
  if (n > kMaxGenerals || m > kMaxM || space > kMaxAssignments) {
    std::cerr << file << ": error: byzsim check enumerates up to n = " << kMaxGenerals
              << " generals with m <= " << kMaxM << " and at most " << count_text(kMaxAssignments)
              << " traitor assignments per case; n = " << n << ", m = " << m << " would need "
              << count_text(space) << "\n";
    return kExitUsage;
  }
  int traitors = 0;
  std::string traitor_list;
  for (int g = 0; g < n; ++g)
    if (traitor[static_cast<std::size_t>(g)]) {
      traitor_list += (traitors++ ? ", " : "") + std::to_string(g);
    }
  std::cout << "check " << scenario.name << ": " << protocol << ", n = " << n << ", m = " << m
            << ", " << traitors << " traitor" << (traitors == 1 ? "" : "s")
            << (traitors ? " (agent " + traitor_list + ")" : std::string()) << "\n";
  std::uint64_t runs = 0;
  double assignments = 0;
  std::optional<Witness> ic1, ic2;
  for (const CheckCase& at : cases) {
    tree.build(n, at.commander, m);
    algorithm->prepare(tree);
    const auto report = check_case(*algorithm, tree, traitor, loyal, at);
    if (!report) {
      std::cerr << file << ": error: " << case_text(at) << " needs more than " << kMaxRuns
                << " runs of " << protocol
                << " (its space: " << count_text(assignment_count(*algorithm, tree, traitor, at))
                << " assignments); byzsim check refuses it\n";
      return kExitUsage;
    }
    runs += report->runs;
    assignments += report->assignments;
    std::cout << "  " << case_text(at) << ": " << count_text(report->assignments)
              << " assignments, " << report->runs << " runs: IC1 "
              << (report->ic1 ? "FAILS" : "holds");
    if (!at.commander_traitor) std::cout << ", IC2 " << (report->ic2 ? "FAILS" : "holds");
    std::cout << "\n";
    if (!ic1 && report->ic1) ic1 = report->ic1;
    if (!ic2 && report->ic2) ic2 = report->ic2;
  }
  std::cout << "IC1 (loyal lieutenants agree): " << (ic1 ? "can fail" : "cannot fail") << "\n"
            << "IC2 (a loyal commander is obeyed): " << (ic2 ? "can fail" : "cannot fail") << "\n"
            << "cases checked: " << count_text(assignments) << " traitor assignments in "
            << cases.size() << " placements (" << runs
            << " runs; lieutenants are interchangeable, so these cover every placement of "
            << traitors << " traitor" << (traitors == 1 ? "" : "s") << ")\n";
  if (ic1) std::cout << witness_text("IC1", *ic1, file, traitor);
  if (ic2) std::cout << witness_text("IC2", *ic2, file, traitor);
  return kExitOk;
}

}  // namespace byzsim::cli
