// A small scanner over already-validated JSON text: it finds where a pointer's value starts,
// so that diagnostics can say line:column (nlohmann keeps no positions).
#include "sim/json/json_locate.hpp"

#include <algorithm>
#include <unordered_set>

#include "sim/json/json_pointer.hpp"

namespace byzsim {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
  }

  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      ++pos_;
  }

  bool consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // At an opening quote: the decoded string, leaving the scanner after the closing quote.
  std::string read_string() {
    std::string out;
    if (!consume('"')) return out;
    while (!at_end()) {
      const char c = text_[pos_++];
      if (c == '"') break;
      if (c != '\\') {
        out += c;
      } else if (!at_end()) {
        read_escape(out);
      }
    }
    return out;
  }

  void skip_string() {
    if (!consume('"')) return;
    while (!at_end()) {
      const char c = text_[pos_++];
      if (c == '"') return;
      if (c == '\\' && !at_end()) ++pos_;
    }
  }

  // Skips one value (object and array bodies by bracket counting, without recursion).
  void skip_value() {
    skip_space();
    const char c = peek();
    if (c == '"') return skip_string();
    if (c == '{' || c == '[') {
      int depth = 0;
      while (!at_end()) {
        const char d = peek();
        if (d == '"') {
          skip_string();
          continue;
        }
        ++pos_;
        if (d == '{' || d == '[') ++depth;
        if ((d == '}' || d == ']') && --depth == 0) return;
      }
      return;
    }
    while (!at_end() && std::string_view(",]} \t\r\n").find(peek()) == std::string_view::npos)
      ++pos_;
  }

 private:
  unsigned read_hex4() {
    unsigned code = 0;
    for (int i = 0; i < 4 && !at_end(); ++i) {
      const char h = text_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9') code |= static_cast<unsigned>(h - '0');
      if (h >= 'a' && h <= 'f') code |= static_cast<unsigned>(h - 'a' + 10);
      if (h >= 'A' && h <= 'F') code |= static_cast<unsigned>(h - 'A' + 10);
    }
    return code;
  }

  void read_escape(std::string& out) {
    const char e = text_[pos_++];
    switch (e) {
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'n':
        out += '\n';
        return;
      case 'r':
        out += '\r';
        return;
      case 't':
        out += '\t';
        return;
      case 'u':
        break;
      default:
        out += e;
        return;
    }
    unsigned code = read_hex4();
    if (code >= 0xD800 && code < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
      pos_ += 2;
      const unsigned low = read_hex4();
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
  }

  static void append_utf8(std::string& out, unsigned code) {
    // Leading byte, then 6-bit continuation bytes from the most significant.
    int continuation = 0;
    unsigned lead = code;
    if (code >= 0x10000) {
      continuation = 3, lead = 0xF0 | (code >> 18);
    } else if (code >= 0x800) {
      continuation = 2, lead = 0xE0 | (code >> 12);
    } else if (code >= 0x80) {
      continuation = 1, lead = 0xC0 | (code >> 6);
    }
    out += static_cast<char>(lead);
    for (int i = continuation - 1; i >= 0; --i)
      out += static_cast<char>(0x80 | ((code >> (6 * i)) & 0x3F));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

void collect_duplicates(Scanner& s, const std::string& pointer, int depth, int max_depth,
                        std::vector<DuplicateKey>& out) {
  s.skip_space();
  const char c = s.peek();
  if (depth >= max_depth || (c != '{' && c != '[')) return s.skip_value();
  s.consume(c);
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0;; ++i) {
    s.skip_space();
    std::string child = pointer + "/" + std::to_string(i);
    if (c == '{') {
      if (s.peek() != '"') break;
      const std::size_t key_offset = s.pos();
      const std::string key = s.read_string();
      child = child_pointer(pointer, key);
      if (!seen.insert(key).second) out.push_back({child, key_offset});
      s.skip_space();
      s.consume(':');
    } else if (s.at_end() || s.peek() == ']') {
      break;
    }
    collect_duplicates(s, child, depth + 1, max_depth, out);
    s.skip_space();
    if (!s.consume(',')) break;
  }
  s.skip_space();
  s.consume(c == '{' ? '}' : ']');
}

// Where columns start counting: after a UTF-8 byte order mark, which is not a column.
std::size_t first_column_byte(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

// The position of byte `to`, from `at`, the position of byte `from`.
TextPosition advance(std::string_view text, std::size_t from, TextPosition at, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++at.column;
    }
  }
  return at;
}

constexpr std::size_t kCheckpointBytes = 4096;

}  // namespace

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
  return advance(text, first_column_byte(text), TextPosition{}, std::min(offset, text.size()));
}

LocatedValue locate_pointer(std::string_view text, const std::vector<std::string>& tokens) {
  return TextIndex(text).locate(tokens);
}

std::size_t token_start(std::string_view text, std::size_t offset) {
  constexpr std::string_view kPunctuation = "{}[]:,";
  constexpr std::string_view kSpace = " \t\r\n";
  std::size_t candidate = offset;
  std::size_t i = 0;
  while (i < text.size() && i <= offset) {
    if (kSpace.find(text[i]) != std::string_view::npos) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (text[i] == '"') {  // to the closing quote, or to a raw control character
      ++i;
      while (i < text.size() && text[i] != '"' && static_cast<unsigned char>(text[i]) >= 0x20)
        i += text[i] == '\\' ? 2 : 1;
      if (i < text.size() && text[i] == '"') ++i;
    } else if (kPunctuation.find(text[i]) != std::string_view::npos) {
      ++i;
    } else {
      while (i < text.size() && kPunctuation.find(text[i]) == std::string_view::npos &&
             kSpace.find(text[i]) == std::string_view::npos && text[i] != '"')
        ++i;
    }
    if (offset < i) return start;
    if (offset == i) candidate = start;
  }
  return candidate;
}

int nesting_depth(std::string_view text) {
  Scanner s(text);
  int depth = 0;
  int deepest = 0;
  while (!s.at_end()) {
    const char c = s.peek();
    if (c == '"') {
      s.skip_string();
      continue;
    }
    s.seek(s.pos() + 1);
    if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
    if (c == '}' || c == ']') --depth;
  }
  return deepest;
}

std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, int max_depth) {
  std::vector<DuplicateKey> out;
  Scanner s(text);
  collect_duplicates(s, "", 0, max_depth, out);
  return out;
}

std::size_t first_too_deep(std::string_view text, int max_depth) {
  Scanner s(text);
  int depth = 0;
  while (!s.at_end()) {
    const char c = s.peek();
    if (c == '"') {
      s.skip_string();
      continue;
    }
    if ((c == '{' || c == '[') && ++depth > max_depth) return s.pos();
    if (c == '}' || c == ']') --depth;
    s.seek(s.pos() + 1);
  }
  return std::string_view::npos;
}

std::string pointer_at_offset(std::string_view text, std::size_t offset) {
  struct Level {
    bool object;
    std::string token;  // the current key, or the current element's index
    std::size_t index = 0;
  };
  std::vector<Level> path;
  bool expect_key = false;
  Scanner s(text);
  while (!s.at_end() && s.pos() < offset) {
    const char c = s.peek();
    if (c == '"') {
      std::string decoded = s.read_string();
      if (expect_key && !path.empty()) path.back().token = std::move(decoded);
      expect_key = false;
      continue;
    }
    s.seek(s.pos() + 1);
    if (c == '{' || c == '[') {
      path.push_back(Level{c == '{', "0", 0});
      expect_key = c == '{';
    } else if ((c == '}' || c == ']') && !path.empty()) {
      path.pop_back();
    } else if (c == ',' && !path.empty()) {
      if (path.back().object)
        expect_key = true;
      else
        path.back().token = std::to_string(++path.back().index);
    }
  }
  std::string pointer;
  for (const Level& level : path) {
    pointer += '/';
    pointer += escape_token(level.token);
  }
  return pointer;
}

TextPosition TextIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const std::size_t first = first_column_byte(text_);
  const std::lock_guard lock(mutex_);
  if (checkpoints_.empty()) {  // checkpoint c: the position of byte c * kCheckpointBytes
    checkpoints_.push_back(TextPosition{});
    for (std::size_t end = kCheckpointBytes; end <= text_.size(); end += kCheckpointBytes)
      checkpoints_.push_back(
          advance(text_, std::max(first, end - kCheckpointBytes), checkpoints_.back(), end));
  }
  const std::size_t c = offset / kCheckpointBytes;
  return advance(text_, std::max(first, c * kCheckpointBytes), checkpoints_[c], offset);
}

LocatedValue TextIndex::locate(const std::vector<std::string>& tokens) const {
  Scanner s(text_);
  s.skip_space();
  LocatedValue out;
  out.value_offset = s.pos();
  const std::lock_guard lock(mutex_);
  for (const std::string& token : tokens) {
    s.seek(out.value_offset);
    if (s.peek() != '{' && s.peek() != '[') break;
    const Members& members = members_at(out.value_offset);
    const auto found = members.find(token);
    if (found == members.end()) break;
    ++out.depth;
    out.value_offset = found->second.value_offset;
    out.key_offset = found->second.key_offset;
  }
  return out;
}

const TextIndex::Members& TextIndex::members_at(std::size_t offset) const {
  const auto [at, added] = containers_.try_emplace(offset);
  Members& members = at->second;
  if (!added) return members;
  Scanner s(text_);
  s.seek(offset);
  const bool object = s.consume('{');
  if (!object) s.consume('[');
  for (std::size_t index = 0;; ++index) {
    s.skip_space();
    Member member{LocatedValue::npos, 0};
    std::string key;
    if (object) {
      if (s.peek() != '"') break;
      member.key_offset = s.pos();
      key = s.read_string();
      s.skip_space();
      s.consume(':');
      s.skip_space();
    } else {
      if (s.at_end() || s.peek() == ']') break;
      key = std::to_string(index);
    }
    member.value_offset = s.pos();
    members[key] = member;  // a repeated key: the last one counts
    s.skip_value();
    s.skip_space();
    if (!s.consume(',')) break;
  }
  return members;
}

}  // namespace byzsim
