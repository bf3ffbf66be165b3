// nlohmann parsing; on failure the position is moved from where nlohmann stopped reading to the
// start of the token it stopped in (or just after), which is where a reader looks.
#include "sim/json/json_parse.hpp"

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

// Where a number token equal to `literal` first appears in `text` (outside strings), and the
// JSON pointer of the value it is: nlohmann reports "number overflow parsing '1e999'" without a
// position, and the text before that token is valid JSON (the parser got that far).
struct NumberPlace {
  std::size_t offset = std::string::npos;
  std::string pointer;
};

NumberPlace find_number(std::string_view text, std::string_view literal) {
  struct Level {
    bool object;
    std::string token;  // the key, or the element index
    std::size_t index = 0;
  };
  std::vector<Level> path;
  bool expect_key = false;
  auto pointer = [&] {
    std::string p;
    for (const Level& level : path) p += "/" + escape_token(level.token);
    return p;
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      std::size_t end = i + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      if (expect_key && !path.empty()) {
        try {  // the key as nlohmann decodes it (escapes included)
          path.back().token = Json::parse(text.substr(i, end + 1 - i)).get<std::string>();
        } catch (const Json::exception&) {
          path.back().token = std::string(text.substr(i + 1, end - i - 1));
        }
        expect_key = false;
      }
      i = end + 1;
      continue;
    }
    if (c == '{' || c == '[') {
      path.push_back(Level{c == '{', "0", 0});
      expect_key = c == '{';
    } else if (c == '}' || c == ']') {
      if (!path.empty()) path.pop_back();
    } else if (c == ',' && !path.empty()) {
      if (path.back().object)
        expect_key = true;
      else
        path.back().token = std::to_string(++path.back().index);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() &&
             std::string_view("+-.eE0123456789").find(text[end]) != std::string_view::npos)
        ++end;
      if (text.substr(i, end - i) == literal) return NumberPlace{i, pointer()};
      i = end;
      continue;
    }
    ++i;
  }
  return NumberPlace{};
}

// A value nlohmann read but cannot hold: placed at the number its message quotes.
Diagnostic unparsable_value(const SourceText& source, const std::string& what) {
  const std::size_t open = what.find('\'');
  const std::size_t close = open == std::string::npos ? open : what.find('\'', open + 1);
  NumberPlace place;
  if (close != std::string::npos && close > open + 1)
    place = find_number(source.text, std::string_view(what).substr(open + 1, close - open - 1));
  Diagnostic d;
  d.file = std::string(source.label);
  if (place.offset != std::string::npos) {
    const TextPosition position = position_of_offset(source.text, place.offset);
    d.line = position.line;
    d.column = position.column;
    d.pointer = place.pointer;
  }
  d.message = "invalid JSON: " + reason(what);
  d.hint = "accepted: numbers within the range of a double (about 1.8e308)";
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
