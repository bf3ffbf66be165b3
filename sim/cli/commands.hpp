// The byzsim commands, one file each; main.cpp dispatches. Each returns the exit status
// and may throw cli::UsageError (exit 2).
#pragma once

#include <string>

namespace byzsim::cli {

// argv[0] is the command name; options follow.
int cmd_run(int argc, char** argv);
int cmd_exact(int argc, char** argv);
int cmd_validate(int argc, char** argv);
int cmd_trace(int argc, char** argv);
int cmd_merge(int argc, char** argv);
int cmd_bench(int argc, char** argv);
// binary: argv[0] as invoked, for the replay command check prints.
int cmd_check(int argc, char** argv, const std::string& binary);
int cmd_plan(int argc, char** argv);

}  // namespace byzsim::cli
