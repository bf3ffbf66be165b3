// --help text that fits an 80-column terminal: the caption wrapped at word boundaries and the
// options laid out by boost at that width, descriptions from column 40 at most.
#pragma once

#include <string>
#include <string_view>

#include <boost/program_options.hpp>

namespace byzsim::cli {

inline constexpr unsigned kHelpColumns = 80;

// `text` with every line longer than `columns` broken at spaces (a word longer than a line
// stays whole); existing line breaks and blank lines are kept.
std::string wrap_text(std::string_view text, std::size_t columns = kHelpColumns);

// The options of a command, printed by --help: `caption` (the usage and what the command
// does) wrapped to kHelpColumns, and the options at that width.
boost::program_options::options_description help_options(const std::string& caption);

// The option that takes a command's positional arguments (scenario files, CSV files): the
// parser needs it, --help does not show it (the usage line names the arguments).
boost::program_options::options_description positional_option(const char* name,
                                                              const char* description);

}  // namespace byzsim::cli
