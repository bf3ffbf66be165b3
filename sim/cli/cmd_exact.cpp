// `byzsim exact`: the rows of `run`, computed analytically (method=exact) where the exact
// model applies; a scenario it cannot handle is reported with the reason (exit 2).
#include <fstream>
#include <iostream>
#include <iterator>

#include "analysis/exact/exact.hpp"
#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/cli/row_output.hpp"
#include "sim/json/origin.hpp"
#include "sim/protocols/registry.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

// Why `exact` refuses a point, placed like a loader diagnostic: the reasons of
// analysis/exact start with the JSON pointer of the setting it does not model ("/network/gst:
// ..."), which gives the file's line:column; a reason without one names the file only.
Diagnostic refusal(const LoadedScenario& scenario, const ScenarioPoint& point,
                   const std::string& reason) {
  std::string pointer, what = reason;
  const std::size_t colon = reason.find(": ");
  if (!reason.empty() && reason[0] == '/' && colon != std::string::npos) {
    pointer = reason.substr(0, colon);
    what = reason.substr(colon + 2);
  }
  std::string message = "the exact model cannot handle this scenario";
  if (scenario.points.size() > 1) message += " at sweep point " + std::to_string(point.index);
  message += ": " + what;
  const std::string hint =
      "accepted: the settings analysis/exact/README.md lists; or use 'byzsim run' to simulate it";
  std::ifstream in(scenario.file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.bad() && !text.empty() && !pointer.empty())
    return diagnostic_in_file(SourceText{text, scenario.file}, pointer, convert::Anchor::key,
                              message, hint);
  Diagnostic d;
  d.file = scenario.file;
  d.pointer = pointer;
  d.message = message;
  d.hint = hint;
  return d;
}

Row exact_row(const LoadedScenario& loaded, const ScenarioPoint& point, const ExactOutcome& e) {
  Row row = row_header_for(loaded, point, "exact");
  const double p[kOutcomeCount] = {e.p_correct, e.p_wrong, e.p_no_consensus, e.p_disagreement};
  for (int i = 0; i < kOutcomeCount; ++i) row.rates[i] = Interval{p[i], p[i], p[i]};
  // The general columns the exact model gives (the others stay empty: p99 is never given, and
  // the mean decision latency is exact only for some timings). As in simulated rows, a point
  // where no trial decides has no latency and a per-minute cost of 0; otherwise an unknown
  // latency leaves expected_cost empty when per_minute is set.
  const Scenario& s = point.scenario;
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
    if (applies(kGeneralColumns[c], s)) row.general[c] = exact_general(e, s, c);
  const bool decides = e.p_correct + e.p_wrong > 0;
  if (s.costs.enabled && (e.mean_latency_s || !decides || s.costs.per_minute == 0))
    row.expected_cost =
        expected_cost(s, e.p_wrong, e.p_no_consensus, e.mean_latency_s.value_or(0.0));
  return row;
}

// "coordinator-vote and majority": the protocols whose specs give an exact rule.
std::string modelled_protocols() {
  return protocols_where([](const ProtocolSpec& spec) { return spec.exact.has_value(); });
}

// The analysis computes the rule the protocol's spec names; a protocol without one is refused
// here, naming those with one (analysis/exact sees no spec, so it cannot).
ExactReport exact_for(const Scenario& scenario) {
  if (const auto rule = spec_of(scenario.protocol).exact) return compute_exact(scenario, *rule);
  const std::string list = modelled_protocols();
  ExactReport refused;
  refused.unsupported_reason = "/protocol/type: protocol " + std::string(scenario.protocol.name()) +
                               ": the exact model covers " + list;
  return refused;
}

}  // namespace

int cmd_exact(int argc, char** argv) {
  po::options_description options = help_options(
      "byzsim exact SCENARIO... [options]\n\nCompute the rows of `run` analytically "
      "(method=exact) for " +
      modelled_protocols() + " with independent votes.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>()->default_value(""),
      "write there (default stdout); a directory gets one file per scenario")(
      "format", po::value<std::string>()->default_value("csv"), "csv or json");
  add_override_options(options);
  add_meta_option(options);
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("exact", argc, argv, options, positional_option("scenario", "scenario files"),
                     positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario"))
    throw UsageError{"byzsim exact: no scenario file given (see 'byzsim exact --help')"};
  const OutputFormat format = parse_format(vm["format"].as<std::string>());
  const ScenarioOverrides overrides = read_overrides(vm);
  auto loaded = load_all(vm["scenario"].as<std::vector<std::string>>(), overrides, std::cerr);
  if (!loaded) return kExitUsage;

  // Compute everything first: an unsupported point fails the command before any output.
  std::vector<std::vector<Row>> rows(loaded->size());
  bool ok = true;
  for (std::size_t s = 0; s < loaded->size(); ++s) {
    const LoadedScenario& scenario = (*loaded)[s];
    for (const auto& point : scenario.points) {
      const ExactReport report = exact_for(point.scenario);
      if (!report.outcome) {
        std::cerr << refusal(scenario, point, report.unsupported_reason).to_string() << "\n";
        ok = false;
        break;
      }
      rows[s].push_back(exact_row(scenario, point, *report.outcome));
    }
  }
  if (!ok) return kExitUsage;
  std::vector<const LoadedScenario*> scenarios;
  for (const auto& s : *loaded) scenarios.push_back(&s);
  const RunMeta meta =
      read_run_meta(argc, argv, vm, vm["format"].as<std::string>(), overrides, "exact");
  RowOutput output(vm["out"].as<std::string>(), format, scenarios, &meta);
  output.open();
  for (std::size_t s = 0; s < rows.size(); ++s)
    for (const Row& row : rows[s]) output.add(s, row);
  output.finish();
  return kExitOk;
}

}  // namespace byzsim::cli
