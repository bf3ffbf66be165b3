// nlohmann parsing; on failure the position is moved from where nlohmann stopped reading to the
// start of the token it stopped in (or just after), which is where a reader looks.
#include "sim/scenario/json_parse.hpp"

#include "sim/scenario/json_locate.hpp"

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

// A value nlohmann read but cannot hold: placed at the quoted token its message names.
Diagnostic unparsable_value(const SourceText& source, const std::string& what) {
  const std::size_t open = what.find('\'');
  const std::size_t close = open == std::string::npos ? open : what.find('\'', open + 1);
  std::size_t offset = std::string::npos;
  if (close != std::string::npos && close > open + 1)
    offset = source.text.find(what.substr(open + 1, close - open - 1));
  Diagnostic d;
  d.file = std::string(source.label);
  if (offset != std::string::npos) {
    const TextPosition position = position_of_offset(source.text, offset);
    d.line = position.line;
    d.column = position.column;
  }
  d.message = "invalid JSON: " + reason(what);
  d.hint = "accepted: numbers within the range of a double";
  return d;
}

}  // namespace

std::optional<Json> parse_json_document(const SourceText& source, Diagnostics& diagnostics) {
  if (nesting_depth(source.text) > kMaxJsonNesting) {
    diagnostics.push_back(diagnostic_in_file(
        source, "", convert::Anchor::value,
        "the JSON nests more than " + std::to_string(kMaxJsonNesting) + " levels deep",
        "accepted: a scenario object a few levels deep"));
    return std::nullopt;
  }
  try {
    return Json::parse(source.text);
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
