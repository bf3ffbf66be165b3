#include "sim/cli/help_text.hpp"

#include <vector>

namespace byzsim::cli {

namespace po = boost::program_options;

std::string wrap_text(std::string_view text, std::size_t columns) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    // Break at the last space that keeps the piece within the width.
    while (line.size() > columns) {
      std::size_t cut = line.rfind(' ', columns);
      if (cut == std::string_view::npos || cut == 0) cut = line.find(' ', columns);
      if (cut == std::string_view::npos) break;
      out.append(line.substr(0, cut));
      out += '\n';
      line.remove_prefix(cut + 1);
    }
    out.append(line);
    if (end == text.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

po::options_description help_options(const std::string& caption) {
  // boost's line length counts the whole line, so kHelpColumns is the widest line printed;
  // descriptions start at column 40 at most, so that long option names leave them room.
  return po::options_description(wrap_text(caption), kHelpColumns, kHelpColumns / 2);
}

po::options_description positional_option(const char* name, const char* description) {
  po::options_description hidden;
  hidden.add_options()(name, po::value<std::vector<std::string>>(), description);
  return hidden;
}

}  // namespace byzsim::cli
