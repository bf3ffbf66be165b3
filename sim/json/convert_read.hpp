// Typed reading of scenario JSON that collects problems instead of throwing: the converters'
// toolkit. Used by the convert_*.cpp files; every reader says what is wrong and what is accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/json/json_pointer.hpp"

namespace byzsim::convert {

// What a problem points at in the text: the value (usual) or its key (unknown keys).
enum class Anchor : std::uint8_t { value, key };

// A problem in one document, before the loader places it in the file (line:column).
struct Problem {
  std::string pointer;
  std::string message;
  std::string hint;
  Anchor anchor = Anchor::value;
};
using Problems = std::vector<Problem>;

// One member of an object, present or not.
struct Field {
  const Json* value = nullptr;  // nullptr when the key is absent
  std::string pointer;
  std::string name;  // the key, for messages
  bool present() const { return value != nullptr; }
};

Field field(const Json& object, std::string_view object_pointer, std::string_view key);

// JSON text of a value for messages (invalid UTF-8 from the command line is replaced, not thrown).
std::string json_text(const Json& value);

// For messages: "the string \"5\"", "the number 2.5", "an object", "null".
std::string describe(const Json& value);

void add_problem(Problems& problems, std::string pointer, std::string message, std::string hint,
                 Anchor anchor = Anchor::value);

// Reports every key of `object` not in `accepted` (keys starting with "_" are comments).
void check_keys(const Json& object, std::string_view pointer,
                std::span<const std::string_view> accepted, Problems& problems);

// Reports a missing required key; returns whether it is present.
bool require(const Field& f, Problems& problems, std::string_view hint);

// "expected EXPECTED, got the string \"x\"".
void report_wrong_type(const Field& f, Problems& problems, std::string_view expected,
                       std::string_view hint);

// The readers return nullopt when the key is absent (silently) or wrong (with a problem).
// An empty `hint` gets a generated one ("accepted: an integer from 0 to 10").
bool read_object(const Field& f, Problems& problems, std::string_view hint);
std::optional<std::int64_t> read_integer(const Field& f, Problems& problems, std::int64_t min,
                                         std::int64_t max, std::string_view hint = {});
std::optional<std::uint64_t> read_unsigned(const Field& f, Problems& problems, std::uint64_t min,
                                           std::uint64_t max, std::string_view hint = {});
std::optional<double> read_number(const Field& f, Problems& problems, double min, double max,
                                  std::string_view hint = {});
std::optional<double> read_probability(const Field& f, Problems& problems);
std::optional<bool> read_bool(const Field& f, Problems& problems);
std::optional<std::string> read_string(const Field& f, Problems& problems, std::string_view hint);

// One of `names`, as its index; an unknown name is reported as "unknown WHAT 'x'" with the
// accepted names and the nearest one.
std::optional<std::size_t> read_choice(const Field& f, Problems& problems, std::string_view what,
                                       std::span<const std::string_view> names);

}  // namespace byzsim::convert
