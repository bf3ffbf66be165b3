// Where things are in the raw JSON text: line:column of a byte offset, of the value a JSON
// pointer names, nesting depth and duplicate keys. Used by the loader to place diagnostics.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace byzsim {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 code points), a tab counts as one
};

// Position of the byte at `offset` (clamped to the end of the text).
TextPosition position_of_offset(std::string_view text, std::size_t offset);

// The start of the JSON token that contains `offset`, or that ends just before it (nlohmann
// reports errors where it stopped reading, often a token's last character or the one after);
// `offset` itself when neither.
std::size_t token_start(std::string_view text, std::size_t offset);

struct LocatedValue {
  static constexpr std::size_t npos = std::string_view::npos;
  std::size_t depth = 0;          // how many of the pointer's tokens were found
  std::size_t value_offset = 0;   // start of the deepest value found
  std::size_t key_offset = npos;  // start of that value's key string; npos for array elements
};

// Walks `text` (valid JSON) along `tokens`; when a key repeats, the last one counts, as in
// nlohmann. Stops at the deepest value that exists.
LocatedValue locate_pointer(std::string_view text, const std::vector<std::string>& tokens);

// Deepest nesting of objects and arrays (0 for a scalar document).
int nesting_depth(std::string_view text);

// The offset of the first '{' or '[' that opens a level deeper than `max_depth`; npos when none.
std::size_t first_too_deep(std::string_view text, int max_depth);

// The JSON pointer of the value at `offset` (the containers open there and their current key
// or index), for text that is valid JSON up to `offset`.
std::string pointer_at_offset(std::string_view text, std::size_t offset);

// The answers of position_of_offset and locate_pointer for one text, from tables built on first
// use (line:column every few kB, the members of each object and array a lookup enters): a file
// with many diagnostics (200,000 unknown keys) is read a few times, not once per diagnostic.
// Thread-safe: points are converted and their problems placed on every core.
class TextIndex {
 public:
  explicit TextIndex(std::string_view text) : text_(text) {}
  TextPosition position(std::size_t offset) const;
  LocatedValue locate(const std::vector<std::string>& tokens) const;

 private:
  struct Member {
    std::size_t key_offset;
    std::size_t value_offset;
  };
  // An object's members by key (the last of a repeated key, as nlohmann keeps), or an array's
  // elements by index (key "0", "1", ...; key_offset npos).
  using Members = std::unordered_map<std::string, Member>;
  const Members& members_at(std::size_t offset) const;  // the container starting there

  std::string_view text_;
  mutable std::mutex mutex_;
  mutable std::vector<TextPosition> checkpoints_;  // the position at every kCheckpointBytes
  mutable std::unordered_map<std::size_t, Members> containers_;  // by their start offset
};

struct DuplicateKey {
  std::string pointer;     // of the repeated key
  std::size_t key_offset;  // of its second (or later) occurrence
};

// Every key that appears twice in one object (valid JSON; objects deeper than `max_depth` are
// not examined).
std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, int max_depth);

}  // namespace byzsim
