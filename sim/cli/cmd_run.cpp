// `byzsim run`: simulate every sweep point of every scenario and write one row per point.
// Batch semantics: invalid files are reported and skipped, the rest run, exit 2 at the end.
#include <iostream>
#include <map>
#include <memory>
#include <mutex>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/row_output.hpp"
#include "sim/cli/shard.hpp"
#include "sim/report/safety_report.hpp"
#include "sim/run/batch.hpp"
#include "sim/run/tally_exchange.hpp"
#ifdef BYZSIM_WITH_MPI
#include "sim/run/mpi/mpi_exchange.hpp"
#endif

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

po::options_description run_options() {
  po::options_description options(
      "byzsim run SCENARIO... [options]\n\nSimulate; one row per sweep point of every scenario. "
      "Under mpirun (MPI builds) the ranks share the work and rank 0 writes.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>()->default_value(""),
      "write there (default stdout); a directory gets one file per scenario")(
      "format", po::value<std::string>()->default_value("csv"), "csv or json")(
      "threads", po::value<std::string>()->default_value("0"),
      "worker threads, 0 (all cores, the default) to 1024; never changes the output")(
      "shard", po::value<std::string>(), "K/N: run only the points of shard K of N; see merge")(
      "resume", "keep the finished points already in --out and run the rest")(
      "progress", po::value<std::string>()->implicit_value("auto"),
      "progress on stderr: bar (redrawn line), lines (a plain line every 10 s and one at "
      "the end) or auto (bar on a terminal, else lines). Default: a bar on a terminal, "
      "else a line every 10 s")("quiet,q", "no progress output");
  add_override_options(options);
  add_meta_option(options);
  options.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
  return options;
}

std::unique_ptr<TallyExchange> make_exchange() {
#ifdef BYZSIM_WITH_MPI
  return std::make_unique<MpiExchange>();
#else
  return std::make_unique<SingleProcess>();
#endif
}

// --quiet: none; --progress[=auto|bar|lines]; default: a bar on a terminal, else lines
// (a Slurm log gets a plain line every 10 s, never '\r' frames).
ProgressMode progress_mode(const po::variables_map& vm, bool root) {
  if (!root || vm.count("quiet")) return ProgressMode::off;
  const std::string asked = vm.count("progress") ? vm["progress"].as<std::string>() : "auto";
  if (asked == "bar") return ProgressMode::bar;
  if (asked == "lines") return ProgressMode::lines;
  if (asked != "auto")
    throw UsageError{"--progress: '" + asked +
                     "' is not a progress style; accepted: auto, bar, lines"};
  return stderr_is_terminal() ? ProgressMode::bar : ProgressMode::lines;
}

struct Job {
  std::size_t scenario;
  const ScenarioPoint* point;
};

}  // namespace

int cmd_run(int argc, char** argv) {
  const po::options_description options = run_options();
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("run", argc, argv, options, positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario"))
    throw UsageError{"byzsim run: no scenario file given (see 'byzsim run --help')"};
  // Every option is checked before any file is read or written.
  const int threads = parse_threads(vm["threads"].as<std::string>());
  const OutputFormat format = parse_format(vm["format"].as<std::string>());
  const ScenarioOverrides overrides = read_overrides(vm);
  const RunMeta meta = read_run_meta(argc, argv, vm, vm["format"].as<std::string>(), overrides);
  const Shard shard = vm.count("shard") ? parse_shard(vm["shard"].as<std::string>()) : Shard{};
  const std::unique_ptr<TallyExchange> exchange = make_exchange();
  const bool root = exchange->rank() == 0;
  const ProgressMode progress_style = progress_mode(vm, root);
  if (vm.count("resume") && exchange->size() > 1)
    throw UsageError{
        "--resume: not supported under mpirun; resume a single-process run, or "
        "use --shard with job arrays"};

  LoadedBatch loaded = load_batch(vm["scenario"].as<std::vector<std::string>>(), overrides,
                                  root ? &std::cerr : nullptr);
  std::vector<const LoadedScenario*> scenarios;
  std::vector<Job> jobs;
  std::vector<JobIdentity> identities;
  for (std::size_t s = 0; s < loaded.scenarios.size(); ++s) {
    scenarios.push_back(&loaded.scenarios[s]);
    for (const auto& point : loaded.scenarios[s].points) {
      if (!shard.owns(point.index)) continue;
      jobs.push_back(Job{s, &point});
      identities.push_back(JobIdentity{s, point.scenario.name, point.index, point.scenario.trials,
                                       point.scenario.seed});
    }
  }
  if (scenarios.empty()) return kExitUsage;  // every file was invalid; nothing was written

  std::unique_ptr<RowOutput> output;
  std::vector<bool> done(jobs.size(), false);
  if (root) {
    output = std::make_unique<RowOutput>(vm["out"].as<std::string>(), format, scenarios, &meta);
    if (vm.count("resume")) done = output->resume(identities);
    output->open();
  }
  std::vector<PointJob> work;
  std::vector<std::size_t> work_job;  // index into jobs
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (done[j]) continue;
    const Scenario& s = jobs[j].point->scenario;
    work.push_back(PointJob{&s, static_cast<std::uint64_t>(jobs[j].point->index), s.trials});
    work_job.push_back(j);
  }

  std::vector<std::uint64_t> work_trials;
  std::vector<double> work_cost;
  for (const PointJob& job : work) {
    work_trials.push_back(job.trials);
    work_cost.push_back(trial_cost_units(*job.scenario));
  }
  ProgressBar progress(progress_style, std::move(work_trials), std::move(work_cost),
                       vm.count("progress") > 0);
  BatchOptions batch;
  batch.threads = threads;
  batch.rank = exchange->rank();
  batch.ranks = exchange->size();
  // A distributed run cannot stop part-way without leaving ranks waiting on each other.
  if (exchange->size() == 1) batch.stop = &install_interrupt_handlers();
  // Printed at the end, in job order, where a progress bar cannot hide them. Violations are
  // bugs, so rare: the lock is taken only for one.
  std::map<std::size_t, std::string> safety_reports;
  std::mutex safety_mutex;
  auto safety_report = [&](std::size_t w, const Tally& tally) {
    if (tally.safety_violations == 0) return;
    const Job& job = jobs[work_job[w]];
    std::string report =
        safety_violation_report(scenarios[job.scenario]->file, job.point->index, tally);
    std::lock_guard lock(safety_mutex);
    safety_reports.emplace(w, std::move(report));
  };
  if (exchange->size() == 1 && format == OutputFormat::csv) {
    // Rows are formatted on the workers; this thread only writes them in order.
    batch.render = [&](std::size_t w, const Tally& tally) {
      const Job& job = jobs[work_job[w]];
      safety_report(w, tally);
      return output->csv_row(job.scenario, sim_row(*scenarios[job.scenario], *job.point, tally));
    };
    batch.on_job_rendered = [&](std::size_t w, std::string_view text) {
      output->add_text(jobs[work_job[w]].scenario, text);
      progress.point_done(w);
    };
  } else {
    batch.on_job_done = [&](std::size_t w, const Tally& local) {
      const Tally tally = exchange->combine(local);
      if (!root) return;
      const Job& job = jobs[work_job[w]];
      output->add(job.scenario, sim_row(*scenarios[job.scenario], *job.point, tally));
      safety_report(w, tally);
      progress.point_done(w);
    };
  }
  batch.on_idle = [&] {
    if (root) output->flush();
  };
  batch.on_progress = [&](std::uint64_t done_trials, std::uint64_t total) {
    progress.update(done_trials, total);
  };
  const bool complete = run_batch(work, batch);
  progress.finish();
  if (root) output->finish();
  for (const auto& [job, report] : safety_reports) std::cerr << report;
  if (!complete) {
    if (root)
      std::cerr << "byzsim run: interrupted; the output holds every finished point "
                   "(continue with --resume)\n";
    return 130;
  }
  if (!safety_reports.empty()) return kExitInternal;  // a bug in byzsim outranks bad input
  return loaded.failed > 0 ? kExitUsage : kExitOk;
}

}  // namespace byzsim::cli
