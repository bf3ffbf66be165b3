// The CSV column of an unnamed sweep axis, derived from its JSON pointer so that pandas and R
// read it as a plain name (docs/sweeps.md, "Names"): /corruption/count -> corruption_count.
#pragma once

#include <string>
#include <string_view>

namespace byzsim {

// The leading '/' dropped, every other '/' (and an escaped one, ~1) made '_', and every byte
// that is not an ASCII letter, digit or '_' ('-', '.', '~', ...) made '_'. A result that does
// not start with a letter gets the prefix "axis_" ("axis" for the whole document); one that
// repeats a fixed output column (/seed -> seed) gets the suffix "_axis" (seed_axis), so the
// column never repeats a header every row has.
std::string unnamed_axis_column(std::string_view pointer);

}  // namespace byzsim
