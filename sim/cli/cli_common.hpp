// Helpers shared by the command files: loading scenarios with the common overrides,
// printing diagnostics, atomic output files. Exit codes are decided only in cli/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/scenario/convert.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitUsage = 2;

// Thrown for bad usage (exit 2); the message is printed as is.
struct UsageError {
  std::string message;
};

// Thrown when output cannot be written (disk full, stdout closed): exit 1, since it is not
// the user's input that is wrong. The message is printed as is.
struct WriteError {
  std::string message;
};

// Bounds of the numeric options (docs/errors.md explains each).
inline constexpr int kMaxThreads = 1024;  // far above any machine's cores; a thread costs ~8 MiB

// A whole number given to an option: digits, or a decimal/exponent form whose value is whole
// ("1e12", "2.5e3"). Negative numbers, fractions, other text and values outside [min, max]
// throw UsageError naming the option and the accepted range.
std::uint64_t parse_whole_number(const std::string& option, const std::string& text,
                                 std::uint64_t min, std::uint64_t max);

struct ScenarioOverrides {
  std::vector<std::string> sets;
  std::vector<std::string> varies;
  std::vector<std::string> wheres;
  std::optional<std::uint64_t> trials;
  std::optional<std::uint64_t> seed;
  std::uint64_t memory_limit = convert::kDefaultMemoryBudget;  // --memory-limit, bytes
};

// "4GiB", "512MiB", "8GB", "2e9" (bytes): a size from 64 MiB to 1 TiB; UsageError otherwise.
std::uint64_t parse_memory_size(const std::string& option, const std::string& text);

// Adds --set, --vary, --where, --trials, --seed to a command's options.
void add_override_options(boost::program_options::options_description& options);
ScenarioOverrides read_overrides(const boost::program_options::variables_map& vm);

struct LoadedBatch {
  std::vector<LoadedScenario> scenarios;  // the files that loaded, in command-line order
  int failed = 0;                         // files with problems (all printed)
};

// Loads every file; prints every diagnostic to `err` (when given). `lazy`: LoadOptions::lazy
// (the stored points, one per kind of row, get --trials and --seed; made points do not).
LoadedBatch load_batch(const std::vector<std::string>& files, const ScenarioOverrides& overrides,
                       std::ostream* err, bool lazy = false);
// The same, all or nothing: nothing when any file has a problem.
std::optional<std::vector<LoadedScenario>> load_all(const std::vector<std::string>& files,
                                                    const ScenarioOverrides& overrides,
                                                    std::ostream& err);

// Parses a command line into vm; throws UsageError with the reason and a pointer to --help.
// `hidden`: options the parser accepts but --help does not show (positional_option).
void parse_command_line(const std::string& command, int argc, char** argv,
                        const boost::program_options::options_description& options,
                        const boost::program_options::options_description& hidden,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& vm);
void parse_command_line(const std::string& command, int argc, char** argv,
                        const boost::program_options::options_description& options,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& vm);

// Writes `content` to `path` atomically: a temporary file beside it, then a rename, so a
// reader never sees a half-written file and a failure leaves the old file untouched. It takes
// the lock `run` holds on its output (refused while another byzsim writes the file); only a
// regular file (or nothing) may be at `path` (output_file.hpp); a write failure is a WriteError.
// `option` names the path in messages ("-o", "--meta").
void write_file_atomically(const std::string& path, const std::string& content,
                           std::string_view option = "-o");
// The same, with the content streamed by `write` (merge writes files larger than memory); an
// exception from `write` removes the temporary file and propagates.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string_view option = "-o");

// "a", "a and b", "a, b and c": names in a message.
std::string and_list(const std::vector<std::string_view>& names);

// The builtin protocols `has` holds for, as an and_list ("coordinator-vote and majority").
std::string protocols_where(bool (*has)(const ProtocolSpec&));

// --threads: 0 (all cores) to kMaxThreads.
int parse_threads(const std::string& text);

// Whether stderr is a terminal (for progress bars).
bool stderr_is_terminal();

}  // namespace byzsim::cli
