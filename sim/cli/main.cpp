// byzsim's entry point: dispatches to a command and turns errors into exit statuses
// (0 success, 2 bad usage or invalid scenario, 1 internal or write error). No stack traces.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/json/suggest.hpp"
#ifdef BYZSIM_WITH_MPI
#include "sim/run/mpi/mpi_exchange.hpp"
#endif

namespace {

constexpr const char* kUsage = R"(byzsim — a discrete-event simulator for Byzantine agents

usage:
  byzsim run SCENARIO...      simulate; one CSV row per sweep point of every
                              scenario
  byzsim exact SCENARIO...    the same rows computed analytically (method=exact)
  byzsim validate SCENARIO... check files, print every problem, exit 2 on any
  byzsim trace SCENARIO       the events of one trial (replays exactly what
                              `run` did), or of the first with an outcome
                              (--find wrong)
  byzsim merge CSV...         merge shard outputs into one file, in point order
  byzsim bench                performance self-measurement
  byzsim check SCENARIO       exhaustive traitors for om/sm at small n; the
                              witness as a trace command
  byzsim plan SPEC            the designs (protocol, n, quorums) that meet
                              targets, cheapest first
  byzsim --help | --version   (and `byzsim CMD --help`)

Exit status: 0 success; 2 bad usage or an invalid scenario; 1 internal error or
output that cannot be written (see docs/errors.md);
3 trace --find found no trial with the outcome;
130 interrupted (the output keeps every finished point; see run --resume).
See README.md for the scenario format and the CSV columns.
)";

// Output to stdout is checked once, at the end: a full disk or a closed pipe behind stdout
// must not pass for success. Returns the exit status given that of the command.
int check_stdout(int status) {
  std::cout.flush();
  const bool failed = std::cout.fail() || std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (!failed) return status;
  if (status == byzsim::cli::kExitInternal) return status;  // already reported (WriteError)
  std::cerr << "byzsim: cannot write to stdout: " << std::strerror(errno)
            << " (is the disk full or the reader gone?)\n";
  return status == byzsim::cli::kExitOk ? byzsim::cli::kExitInternal : status;
}

int run_command(int argc, char** argv) {
  using namespace byzsim::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "--version" || command == "-V") {
    std::cout << "byzsim " << BYZSIM_VERSION << "\n";
    return kExitOk;
  }
#ifdef BYZSIM_WITH_MPI
  byzsim::MpiSession mpi(&argc, &argv);
#endif
  try {
    // Commands see argv from the command name on.
    if (command == "run") return cmd_run(argc - 1, argv + 1);
    if (command == "exact") return cmd_exact(argc - 1, argv + 1);
    if (command == "validate") return cmd_validate(argc - 1, argv + 1);
    if (command == "trace") return cmd_trace(argc - 1, argv + 1);
    if (command == "merge") return cmd_merge(argc - 1, argv + 1);
    if (command == "bench") return cmd_bench(argc - 1, argv + 1);
    if (command == "check") return cmd_check(argc - 1, argv + 1, argv[0]);
    if (command == "plan") return cmd_plan(argc - 1, argv + 1);
    constexpr std::string_view kCommands[] = {"run",   "exact", "validate", "trace",
                                              "merge", "bench", "check",    "plan"};
    std::cerr << "byzsim: unknown command '" << command << "'";
    if (const auto near = byzsim::nearest_name(command, kCommands))
      std::cerr << "; did you mean '" << *near << "'?";
    std::cerr << " (accepted: " << byzsim::join_names(kCommands) << "; see byzsim --help)\n";
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << e.message << "\n";
    return kExitUsage;
  } catch (const WriteError& e) {
    std::cerr << "byzsim: " << e.message << "\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "byzsim: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // A reader that goes away (`byzsim run s.json | head -3`) makes the next write fail with
  // EPIPE, reported as a write error (exit 1, one line), instead of killing byzsim silently.
  std::signal(SIGPIPE, SIG_IGN);
  return check_stdout(run_command(argc, argv));
}
