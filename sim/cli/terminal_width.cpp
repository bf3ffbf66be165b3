#include "sim/cli/terminal_width.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace byzsim::cli {

int terminal_columns(std::FILE* stream) {
  winsize size{};
  if (stream != nullptr) {
    const int fd = fileno(stream);
    if (fd >= 0 && ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS")) {
    int value = 0;
    const char* end = columns + std::strlen(columns);
    const auto [ptr, error] = std::from_chars(columns, end, value);
    if (error == std::errc() && ptr == end && value > 0) return value;
  }
  return kDefaultColumns;
}

}  // namespace byzsim::cli
