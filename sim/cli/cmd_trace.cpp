// `byzsim trace`: the events of one trial, replayed from its (seed, point, trial) stream,
// so it shows exactly what `run` simulated for that trial.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "sim/agents/strategy.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/run/trial_runner.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

std::string who(int id, int n) {
  if (id < 0) return "";
  if (id == n) return "coordinator";
  return "agent " + std::to_string(id);
}

std::string trace_text(const std::vector<TraceRecord>& records, int n) {
  std::ostringstream out;
  char time[32];
  for (const auto& r : records) {
    std::snprintf(time, sizeof time, "%16.9f", to_seconds(r.at));
    std::string parties = who(r.from, n);
    if (r.to >= 0) parties += " -> " + who(r.to, n);
    char line[512];
    std::snprintf(line, sizeof line, "%s s  %-8s %-28s %s\n", time, r.kind.c_str(), parties.c_str(),
                  r.detail.c_str());
    out << line;
  }
  return out.str();
}

}  // namespace

int cmd_trace(int argc, char** argv) {
  po::options_description options(
      "byzsim trace SCENARIO [options]\n\nPrint the events of one trial: exactly what `run` "
      "simulated for (seed, point, trial).\n\nOptions");
  options.add_options()("help,h", "show this help")("point",
                                                    po::value<std::string>()->default_value("0"),
                                                    "sweep point (the CSV's point column)")(
      "trial", po::value<std::string>()->default_value("0"),
      "trial number within the point, from 0 to its trials - 1")(
      "format", po::value<std::string>()->default_value("text"), "text or json")(
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
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw UsageError{"--format: unknown format '" + format + "'; accepted: text, json"};
  // Syntax first (before reading the scenario), then the ranges the scenario sets.
  const std::uint64_t point_given =
      parse_whole_number("--point", vm["point"].as<std::string>(), 0, UINT64_MAX);
  const std::uint64_t trial =
      parse_whole_number("--trial", vm["trial"].as<std::string>(), 0, UINT64_MAX);
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
  const int point = static_cast<int>(point_given);
  const Scenario& scenario = s.points[static_cast<std::size_t>(point)].scenario;
  if (trial >= scenario.trials)
    throw UsageError{"--trial " + std::to_string(trial) + " is out of range: point " +
                     std::to_string(point) + " has " + std::to_string(scenario.trials) +
                     " trials, 0.." + std::to_string(scenario.trials - 1) +
                     " (raise them with --trials)"};

  TrialRunner runner;
  runner.prepare(scenario, static_cast<std::uint64_t>(point));
  TraceBuffer buffer;
  const TrialResult result = runner.run(trial, &buffer);

  std::string content;
  const int n = scenario.n();
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["scenario"] = scenario.name;
    doc["point"] = point;
    doc["trial"] = trial;
    doc["seed"] = scenario.seed;
    doc["n"] = n;
    doc["outcome"] = to_string(result.outcome);
    doc["rounds"] = result.rounds;
    doc["messages"] = result.messages;
    doc["truncated"] = buffer.truncated();
    auto& events = doc["events"] = nlohmann::ordered_json::array();
    for (const auto& r : buffer.records())
      events.push_back({{"t_s", to_seconds(r.at)},
                        {"kind", r.kind},
                        {"from", who(r.from, n)},
                        {"to", who(r.to, n)},
                        {"detail", r.detail}});
    content = doc.dump(2) + "\n";
  } else {
    std::ostringstream head;
    head << "# scenario '" << scenario.name << "', point " << point << ", trial " << trial
         << ", seed " << scenario.seed << ", n = " << n << "\n";
    int first = 0;
    for (const AgentGroup& g : scenario.agents) {  // who is who, as configured
      if (g.count == 0) continue;
      head << "# agents " << first;
      if (g.count > 1) head << "-" << first + g.count - 1;
      head << ": " << to_string(g.role) << " " << strategy_of(g).name << "\n";
      first += g.count;
    }
    if (scenario.corruption.enabled)
      head << "# corruption: " << result.corrupted << " honest agent"
           << (result.corrupted == 1 ? "" : "s") << " replaced this trial (see 'corrupt')\n";
    content = head.str() + trace_text(buffer.records(), n);
    std::ostringstream tail;
    tail << "# outcome: " << to_string(result.outcome) << ", rounds " << result.rounds
         << ", messages " << result.messages;
    if (result.outcome == Outcome::correct || result.outcome == Outcome::wrong)
      tail << ", decision latency " << to_seconds(result.latency_ns) << " s";
    if (buffer.truncated()) tail << " (trace truncated)";
    content += tail.str() + "\n";
  }
  if (out.empty())
    std::cout << content;
  else
    write_file_atomically(out, content);
  return kExitOk;
}

}  // namespace byzsim::cli
