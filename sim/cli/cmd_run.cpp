// `byzsim run`: simulate every sweep point of every scenario and write one row per point.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/row_output.hpp"
#include "sim/run/batch.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

int cmd_run(int argc, char** argv) {
  po::options_description options("byzsim run SCENARIO... [options]\n\nSimulate; one row per sweep point of every scenario.\n\nOptions");
  options.add_options()
      ("help,h", "show this help")
      ("out,o", po::value<std::string>()->default_value(""),
       "write there (default stdout); a directory gets one file per scenario")
      ("format", po::value<std::string>()->default_value("csv"), "csv or json")
      ("threads", po::value<int>()->default_value(0),
       "worker threads (default: all cores); never changes the output")
      ("progress", "progress bar on stderr (default when stderr is a terminal)")
      ("quiet,q", "no progress output");
  add_override_options(options);
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("run", argc, argv, options, positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError{"byzsim run: no scenario file given (see 'byzsim run --help')"};
  if (vm["threads"].as<int>() < 0) throw UsageError{"--threads must be 0 (all cores) or more"};
  const OutputFormat format = parse_format(vm["format"].as<std::string>());
  const ScenarioOverrides overrides = read_overrides(vm);

  auto loaded = load_all(vm["scenario"].as<std::vector<std::string>>(), overrides, std::cerr);
  if (!loaded) return kExitUsage;

  std::vector<const LoadedScenario*> scenarios;
  std::vector<PointJob> jobs;
  std::vector<std::pair<std::size_t, const ScenarioPoint*>> job_points;  // (scenario, point)
  for (std::size_t s = 0; s < loaded->size(); ++s) {
    scenarios.push_back(&(*loaded)[s]);
    for (const auto& point : (*loaded)[s].points) {
      jobs.push_back(PointJob{&point.scenario, static_cast<std::uint64_t>(point.index),
                              point.scenario.trials});
      job_points.emplace_back(s, &point);
    }
  }

  RowOutput output(vm["out"].as<std::string>(), format, scenarios);
  const bool show_progress =
      !vm.count("quiet") && (vm.count("progress") || stderr_is_terminal());
  ProgressBar progress(show_progress, jobs.size());

  BatchOptions batch;
  batch.threads = vm["threads"].as<int>();
  batch.on_job_done = [&](std::size_t job, const Tally& tally) {
    const auto& [s, point] = job_points[job];
    output.add(s, sim_row(*scenarios[s], *point, tally));
    progress.point_done();
  };
  batch.on_progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  run_batch(jobs, batch);
  progress.finish();
  output.finish();
  return kExitOk;
}

}  // namespace byzsim::cli
