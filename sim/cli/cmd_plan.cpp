// `byzsim plan SPEC`: the designs (protocol, n, quorums, rounds) that meet a plan's targets,
// cheapest first, as CSV (stdout or -o FILE), and the one-paragraph answer on stderr.
#include <iostream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/plan/plan_answer.hpp"
#include "sim/plan/plan_csv.hpp"
#include "sim/plan/plan_evaluate.hpp"
#include "sim/plan/plan_frontier.hpp"
#include "sim/plan/plan_load.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

int cmd_plan(int argc, char** argv) {
  po::options_description options = help_options(
      "byzsim plan SPEC [options]\n\nEvaluate every candidate design of a plan file against its "
      "targets, exactly where the exact model applies and otherwise (pbft, or populations it "
      "refuses) by simulation until a sequential test decides: CSV of the designs, feasible and "
      "cheapest first, and the answer on stderr (docs/plan.md).\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>()->default_value(""), "write the CSV there (default stdout)")(
      "set", po::value<std::vector<std::string>>(),
      "PTR=VALUE: set one value of the plan file (e.g. /population/agents/0/accuracy=0.99)")(
      "max-sim-hours", po::value<std::string>()->default_value("2"),
      "HOURS: refuse a plan whose simulated designs may need more core-hours in the worst case "
      "(a whole number, 1 to 1000000; docs/plan.md)");
  po::positional_options_description positional;
  positional.add("spec", -1);
  po::variables_map vm;
  parse_command_line("plan", argc, argv, options, positional_option("spec", "the plan file"),
                     positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("spec") || vm["spec"].as<std::vector<std::string>>().size() != 1)
    throw UsageError{"byzsim plan: give exactly one plan file (see 'byzsim plan --help')"};
  const std::string file = vm["spec"].as<std::vector<std::string>>().front();
  require_outputs_spare_inputs({{"-o", vm["out"].as<std::string>()}}, {file});
  const std::uint64_t max_sim_hours =
      parse_whole_number("--max-sim-hours", vm["max-sim-hours"].as<std::string>(), 1, 1000000);
  const PlanLoadResult loaded =
      load_plan_file(file, vm.count("set") ? vm["set"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{});
  for (const Diagnostic& d : loaded.diagnostics) std::cerr << d.to_string() << "\n";
  if (!loaded.plan) return kExitUsage;
  PlanSpec plan = *loaded.plan;
  plan.max_sim_core_hours = static_cast<double>(max_sim_hours);
  PlanEvaluation evaluation = evaluate_plan(plan);
  for (const Diagnostic& d : evaluation.diagnostics) std::cerr << d.to_string() << "\n";
  if (!evaluation.diagnostics.empty()) return kExitUsage;
  rank_designs(evaluation.designs);
  const std::string csv = plan_csv(loaded.plan->name, evaluation.designs);
  const std::string out = vm["out"].as<std::string>();
  if (out.empty())
    std::cout << csv;
  else
    write_file_atomically(out, csv);
  std::cerr << plan_answer(*loaded.plan, evaluation.designs);
  return kExitOk;
}

}  // namespace byzsim::cli
