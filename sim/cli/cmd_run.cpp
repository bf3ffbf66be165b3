// `byzsim run`: simulate every sweep point of every scenario and write one row per point.
// Batch semantics: invalid files are reported and skipped, the rest run, exit 2 at the end.
#include <iostream>
#include <map>
#include <memory>
#include <mutex>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/cli/interrupt.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/rare_option.hpp"
#include "sim/cli/row_output.hpp"
#include "sim/cli/run_jobs.hpp"
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
  po::options_description options = help_options(
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
      "else a line every 10 s")("quiet,q", "no progress output")(
      "rare", "estimate every point by importance sampling (docs/rare-events.md)");
  add_override_options(options);
  add_meta_option(options);
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
// The value is checked even where it is not used (--quiet, MPI ranks other than 0), so that a
// typo is refused on every command line, not only on some.
ProgressMode progress_mode(const po::variables_map& vm, bool root) {
  const std::string asked = vm.count("progress") ? vm["progress"].as<std::string>() : "auto";
  if (asked != "auto" && asked != "bar" && asked != "lines")
    throw UsageError{"--progress: '" + asked +
                     "' is not a progress style; accepted: auto, bar, lines"};
  if (!root || vm.count("quiet")) return ProgressMode::off;
  if (asked == "bar") return ProgressMode::bar;
  if (asked == "lines") return ProgressMode::lines;
  return stderr_is_terminal() ? ProgressMode::bar : ProgressMode::lines;
}

// The progress bar's estimate: per job its trials and the cost of one of them (not read when
// no progress is shown).
ProgressBar make_progress(ProgressMode style, RunJobs& jobs, bool asked) {
  if (style == ProgressMode::off)
    return ProgressBar(style, jobs.size(), [](std::size_t) { return std::make_pair(0ULL, 0.0); });
  jobs.learn_costs();
  return ProgressBar(
      style, jobs.size(),
      [&jobs](std::size_t job) { return std::make_pair(jobs.trials(job), jobs.trial_cost(job)); },
      asked);
}

// What the batch callbacks reach while run_batch runs: the jobs, the output (root only), the
// progress, and the safety reports, printed at the end in job order, where a progress bar
// cannot hide them.
struct RunSink {
  const RunJobs& jobs;
  TallyExchange& exchange;
  RowOutput* output;  // null off the root
  ProgressBar& progress;
  std::map<std::size_t, std::string> safety_reports;
  std::mutex safety_mutex;
  ImportanceWarnings importance_warnings;
  ScenarioPoint scratch;  // the point of a row made on the calling thread

  const LoadedScenario& scenario_of(std::size_t w) const {
    return *jobs.scenarios()[jobs.scenario_of(w)];
  }
  Row row(std::size_t w, const ScenarioPoint& point, const Tally& tally) {
    const LoadedScenario& loaded = scenario_of(w);
    Row row = sim_row(loaded, point, tally);
    importance_warnings.note(w, loaded.file, row);
    return row;
  }
  // Violations are bugs, so rare: the lock is taken only for one.
  void note_safety(std::size_t w, const Tally& tally) {
    if (tally.safety_violations == 0) return;
    std::string report =
        safety_violation_report(scenario_of(w).file, static_cast<int>(jobs.point_index(w)), tally);
    std::lock_guard lock(safety_mutex);
    safety_reports.emplace(w, std::move(report));
  }
};

// Single process, CSV: rows are formatted on the workers; this thread only writes them in order.
void render_on_workers(BatchOptions& batch, RunSink& sink) {
  batch.render = [&sink](std::size_t w, const ScenarioPoint& point, const Tally& tally,
                         std::string& out) {
    sink.note_safety(w, tally);
    sink.output->append_csv_row(sink.jobs.scenario_of(w), sink.row(w, point, tally), out);
  };
  batch.on_job_rendered = [&sink](std::size_t w, std::string_view text) {
    sink.output->add_text(sink.jobs.scenario_of(w), text);
    sink.progress.point_done(w);
  };
}

// Otherwise each point's tally is combined over the ranks on this thread; the root writes it.
void report_on_caller(BatchOptions& batch, RunSink& sink, bool root) {
  batch.on_job_done = [&sink, root](std::size_t w, const Tally& local) {
    const Tally tally = sink.exchange.combine(local);
    if (!root) return;
    const ScenarioPoint& point = sink.jobs.point(w, sink.scratch);
    sink.output->add(sink.jobs.scenario_of(w), sink.row(w, point, tally));
    sink.note_safety(w, tally);
    sink.progress.point_done(w);
  };
}

BatchOptions batch_options(RunSink& sink, int threads, OutputFormat format, bool root) {
  BatchOptions batch;
  batch.threads = threads;
  batch.rank = sink.exchange.rank();
  batch.ranks = sink.exchange.size();
  // A distributed run cannot stop part-way without leaving ranks waiting on each other.
  if (sink.exchange.size() == 1) batch.stop = &install_interrupt_handlers();
  if (sink.exchange.size() == 1 && format == OutputFormat::csv)
    render_on_workers(batch, sink);
  else
    report_on_caller(batch, sink, root);
  batch.on_idle = [&sink, root] {
    if (root) sink.output->flush();
  };
  batch.on_progress = [&sink](std::uint64_t done_trials, std::uint64_t total) {
    sink.progress.update(done_trials, total);
  };
  return batch;
}

}  // namespace

int cmd_run(int argc, char** argv) {
  const po::options_description options = run_options();
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("run", argc, argv, options, positional_option("scenario", "scenario files"),
                     positional, vm);
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
  const Shard shard = vm.count("shard") ? parse_shard(vm["shard"].as<std::string>()) : Shard{};
  const RunMeta meta =
      read_run_meta(argc, argv, vm, vm["format"].as<std::string>(), overrides, "sim", shard);
  const std::unique_ptr<TallyExchange> exchange = make_exchange();
  const bool root = exchange->rank() == 0;
  const ProgressMode progress_style = progress_mode(vm, root);
  if (vm.count("resume") && exchange->size() > 1)
    throw UsageError{
        "--resume: not supported under mpirun; resume a single-process run, or "
        "use --shard with job arrays"};

  // Every point is checked now, before any output exists, but made again only when a worker
  // reaches it: memory does not grow with the points.
  LoadedBatch loaded = load_batch(vm["scenario"].as<std::vector<std::string>>(), overrides,
                                  root ? &std::cerr : nullptr, /*lazy=*/true);
  if (vm.count("rare")) apply_rare(loaded);
  std::vector<const LoadedScenario*> scenarios;
  for (const LoadedScenario& scenario : loaded.scenarios) scenarios.push_back(&scenario);
  if (scenarios.empty()) return kExitUsage;  // every file was invalid; nothing was written
  RunJobs jobs(scenarios, shard, overrides, vm.count("rare") > 0);

  std::unique_ptr<RowOutput> output;
  if (root) {
    output = std::make_unique<RowOutput>(vm["out"].as<std::string>(), format, scenarios, &meta);
    if (vm.count("resume"))
      jobs.skip_done(output->resume(
          jobs.owned(), [&jobs](std::size_t s, std::size_t j) { return jobs.identity(s, j); }));
    output->open();
  }
  ProgressBar progress = make_progress(progress_style, jobs, vm.count("progress") > 0);
  RunSink sink{jobs, *exchange, output.get(), progress, {}, {}, {}, {}};
  const bool complete = run_batch(jobs, batch_options(sink, threads, format, root));
  progress.finish();
  if (root) output->finish();
  for (const auto& [job, report] : sink.safety_reports) std::cerr << report;
  if (root) sink.importance_warnings.print(std::cerr);
  if (!complete) {
    if (root)
      std::cerr << (format == OutputFormat::csv && !vm["out"].as<std::string>().empty()
                        ? "byzsim run: interrupted; the output holds every finished point "
                          "(continue with --resume)\n"
                        : "byzsim run: interrupted; the output holds every finished point "
                          "(--resume continues CSV written to a file with -o only)\n");
    return 130;
  }
  if (!sink.safety_reports.empty()) return kExitInternal;  // a bug in byzsim outranks bad input
  return loaded.failed > 0 ? kExitUsage : kExitOk;
}

}  // namespace byzsim::cli
