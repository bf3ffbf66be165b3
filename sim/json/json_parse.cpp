// nlohmann parsing; on failure the position is moved from where nlohmann stopped reading to the
// start of the token it stopped in (or just after), which is where a reader looks.
#include "sim/json/json_parse.hpp"

#include "sim/json/json_build.hpp"
#include "sim/json/json_locate.hpp"

namespace byzsim {

namespace {

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error
// ..." without the prefixes: the position is given separately.
std::string reason(const std::string& what) {
  std::string text = what;
  const std::size_t bracket = text.find("] ");
  if (!text.empty() && text.front() == '[' && bracket != std::string::npos)
    text = text.substr(bracket + 2);
  const std::size_t colon = text.find(": ");
  if (text.rfind("parse error", 0) == 0 && colon != std::string::npos)
    text = text.substr(colon + 2);
  return text;
}

// Where a number token equal to `literal` first appears in `text` (outside strings): nlohmann
// reports "number overflow parsing '1e999'" without a position, and the text before that token
// is valid JSON (the parser got that far).
std::size_t find_number(std::string_view text, std::string_view literal) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      std::size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      i = end + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() &&
             std::string_view("+-.eE0123456789").find(text[end]) != std::string_view::npos)
        ++end;
      if (text.substr(i, end - i) == literal) return i;
      i = end;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

// A value nlohmann read but cannot hold: placed at the number its message quotes.
Diagnostic unparsable_value(const SourceText& source, const std::string& what) {
  const std::size_t open = what.find('\'');
  const std::size_t close = open == std::string::npos ? open : what.find('\'', open + 1);
  std::size_t offset = std::string::npos;
  if (close != std::string::npos && close > open + 1)
    offset = find_number(source.text, std::string_view(what).substr(open + 1, close - open - 1));
  Diagnostic d;
  d.file = std::string(source.label);
  if (offset != std::string::npos) {
    const TextPosition position = position_of_offset(source.text, offset);
    d.line = position.line;
    d.column = position.column;
    d.pointer = pointer_at_offset(source.text, offset);
  }
  d.message = "invalid JSON: " + reason(what);
  d.hint = "accepted: numbers within the range of a double (about 1.8e308)";
  return d;
}

// Placed at the bracket that opens the level too many (the text is not parsed yet: copies of
// nlohmann values recurse), with the pointer of the value it opens.
Diagnostic too_deep(const SourceText& source, std::size_t offset) {
  const TextPosition position = position_of_offset(source.text, offset);
  Diagnostic d;
  d.file = std::string(source.label);
  d.line = position.line;
  d.column = position.column;
  d.pointer = pointer_at_offset(source.text, offset);
  d.message = "the JSON nests more than " + std::to_string(kMaxJsonNesting) + " levels deep";
  d.hint = "accepted: a scenario object a few levels deep";
  return d;
}

}  // namespace

std::optional<Json> parse_json_document(const SourceText& source, Diagnostics& diagnostics) {
  if (const std::size_t deep = first_too_deep(source.text, kMaxJsonNesting);
      deep != std::string_view::npos) {
    diagnostics.push_back(too_deep(source, deep));
    return std::nullopt;
  }
  try {
    return parse_ordered_json(source.text);
  } catch (const Json::parse_error& e) {
    const std::size_t stopped = e.byte > 0 ? e.byte - 1 : 0;
    const TextPosition position =
        position_of_offset(source.text, token_start(source.text, stopped));
    Diagnostic d;
    d.file = std::string(source.label);
    d.line = position.line;
    d.column = position.column;
    d.message = "invalid JSON: " + reason(e.what());
    d.hint = "accepted: a JSON object; check quotes, commas and brackets here and just before";
    diagnostics.push_back(std::move(d));
    return std::nullopt;
  } catch (const Json::exception& e) {  // e.g. out_of_range 406: "number overflow parsing '1e400'"
    diagnostics.push_back(unparsable_value(source, e.what()));
    return std::nullopt;
  }
}

}  // namespace byzsim
