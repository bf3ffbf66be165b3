// Placing problems: patch origins first, then the raw text's line:column.
#include "sim/json/origin.hpp"

#include "sim/json/json_locate.hpp"

namespace byzsim {

namespace {

Diagnostic located(const SourceText& source, const std::vector<std::string>& tokens,
                   convert::Anchor anchor) {
  const TextIndex& index = *source.index;
  const LocatedValue found = index.locate(tokens);
  const bool complete = found.depth == tokens.size();
  const bool has_key = found.key_offset != LocatedValue::npos;
  // A missing value is reported at its parent's key, which is what the reader looks for.
  const bool use_key = has_key && (!complete || anchor == convert::Anchor::key);
  const TextPosition position = index.position(use_key ? found.key_offset : found.value_offset);
  Diagnostic d;
  d.file = std::string(source.label);
  d.line = position.line;
  d.column = position.column;
  return d;
}

std::vector<std::string> tokens_of(std::string_view pointer) {
  if (pointer.empty()) return {};
  return parse_pointer(pointer).tokens;
}

}  // namespace

Diagnostic diagnostic_in_file(const SourceText& source, std::string_view pointer,
                              convert::Anchor anchor, std::string message, std::string hint) {
  Diagnostic d = located(source, tokens_of(pointer), anchor);
  d.pointer = std::string(pointer);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic diagnostic_on_command_line(std::string pointer, std::string message, std::string hint) {
  Diagnostic d;
  d.file = std::string(kCommandLineFile);
  d.pointer = std::move(pointer);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic place_problem(const convert::Problem& problem, const SourceText& source,
                         const std::vector<PatchOrigin>& origins) {
  const std::vector<std::string> tokens = tokens_of(problem.pointer);
  const PatchOrigin* origin = nullptr;
  for (const PatchOrigin& candidate : origins)
    if (is_prefix(candidate.tokens, tokens)) origin = &candidate;
  std::string message = problem.message;
  if (origin && !origin->note.empty()) message += " " + origin->note;
  if (origin && origin->from_command_line)
    return diagnostic_on_command_line(problem.pointer, std::move(message), problem.hint);
  Diagnostic d = origin ? located(source, origin->file_tokens, convert::Anchor::value)
                        : located(source, tokens, problem.anchor);
  d.pointer = problem.pointer;
  d.message = std::move(message);
  d.hint = problem.hint;
  return d;
}

}  // namespace byzsim
