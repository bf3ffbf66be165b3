// How many columns the terminal behind a stream has, so that a redrawn line never wraps.
#pragma once

#include <cstdio>

namespace byzsim::cli {

inline constexpr int kDefaultColumns = 80;

// The terminal's width (TIOCGWINSZ on the stream's descriptor), else the COLUMNS environment
// variable when it is a positive number, else kDefaultColumns. Cheap: read it per redraw, so
// a resized window is followed.
int terminal_columns(std::FILE* stream);

}  // namespace byzsim::cli
