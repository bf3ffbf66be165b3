// Where each value of a patched document came from (file, --set, --vary, sweep) and how a problem
// at a pointer becomes a Diagnostic with file and line:column. Used by the loader and expansion.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/json/convert_read.hpp"
#include "sim/json/diagnostic.hpp"
#include "sim/json/json_locate.hpp"

namespace byzsim {

inline constexpr std::string_view kCommandLineFile = "<command line>";

// One patch applied to the document: problems at or under `tokens` are reported where the
// patch came from, not where the pointer would lead in the file.
struct PatchOrigin {
  std::vector<std::string> tokens;       // the patched pointer
  bool from_command_line = false;        // --set or --vary
  std::vector<std::string> file_tokens;  // otherwise: where the value is in the file
  std::string note;                      // appended to messages, e.g. "(from --set /f=9)"
};

// The text a document was parsed from, for line:column.
struct SourceText {
  SourceText() : SourceText({}, {}) {}
  SourceText(std::string_view source_text, std::string_view source_label)
      : text(source_text), label(source_label), index(std::make_shared<TextIndex>(source_text)) {}
  std::string_view text;
  std::string_view label;  // the file name messages use
  // Positions in `text`, built as diagnostics need them and shared by copies.
  std::shared_ptr<const TextIndex> index;
};

// A diagnostic at `pointer` of the file text (at its key when `anchor` says so; at the nearest
// existing parent's key when the pointer names nothing).
Diagnostic diagnostic_in_file(const SourceText& source, std::string_view pointer,
                              convert::Anchor anchor, std::string message, std::string hint);

// A diagnostic about the command line (no line:column).
Diagnostic diagnostic_on_command_line(std::string pointer, std::string message, std::string hint);

// Places a problem found in the patched document: the last origin (in patch order) whose
// pointer is a prefix of the problem's decides where it is; without one, the file text.
Diagnostic place_problem(const convert::Problem& problem, const SourceText& source,
                         const std::vector<PatchOrigin>& origins);

}  // namespace byzsim
