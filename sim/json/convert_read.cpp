// Typed readers over nlohmann values with problems collected as values.
#include "sim/json/convert_read.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "sim/json/suggest.hpp"

namespace byzsim::convert {

namespace {

// Integral doubles up to 2^53 are exact, so 3.0 may stand for 3 (sweeps of "0:4:1.0").
constexpr double kExactIntegerLimit = 9007199254740992.0;

bool integral_double(const Json& value, double& out) {
  if (!value.is_number_float()) return false;
  out = value.get<double>();
  return std::isfinite(out) && std::floor(out) == out && std::fabs(out) <= kExactIntegerLimit;
}

// Shortest round-trip decimal form of a bound ("0.1", "1e+06").
std::string bound_text(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string range_message(const Field& f, const Json& value, bool below, const std::string& bound) {
  return "'" + f.name + "' is " + json_text(value) + ", " + (below ? "below " : "above ") + bound;
}

}  // namespace

Field field(const Json& object, std::string_view object_pointer, std::string_view key) {
  Field out;
  out.pointer = child_pointer(object_pointer, key);
  out.name = std::string(key);
  if (object.is_object()) {
    auto it = object.find(std::string(key));
    if (it != object.end()) out.value = &*it;
  }
  return out;
}

std::string json_text(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string: {
      std::string text = json_text(value);
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return "the string " + text;
    }
    default:
      return "the number " + json_text(value);
  }
}

void add_problem(Problems& problems, std::string pointer, std::string message, std::string hint,
                 Anchor anchor) {
  problems.push_back({std::move(pointer), std::move(message), std::move(hint), anchor});
}

void check_keys(const Json& object, std::string_view pointer,
                std::span<const std::string_view> accepted, Problems& problems) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    if (!key.empty() && key.front() == '_') continue;  // a comment
    bool known = false;
    for (std::string_view name : accepted) known = known || name == key;
    if (known) continue;
    add_problem(problems, child_pointer(pointer, key), "unknown key '" + key + "'",
                accepted_hint(key, accepted), Anchor::key);
  }
}

bool require(const Field& f, Problems& problems, std::string_view hint) {
  if (f.present()) return true;
  add_problem(problems, f.pointer, "missing required key '" + f.name + "'", std::string(hint));
  return false;
}

void report_wrong_type(const Field& f, Problems& problems, std::string_view expected,
                       std::string_view hint) {
  add_problem(problems, f.pointer,
              "'" + f.name + "' must be " + std::string(expected) + ", not " + describe(*f.value),
              std::string(hint));
}

bool read_object(const Field& f, Problems& problems, std::string_view hint) {
  if (!f.present()) return false;
  if (f.value->is_object()) return true;
  report_wrong_type(f, problems, "an object", hint);
  return false;
}

namespace {

// `result` (read from `value`) when within [min, max]; else a problem naming the bound it
// crossed. Shared by the integer readers, signed and unsigned.
template <class Integer>
std::optional<Integer> within(const Field& f, const Json& value, Integer result, Integer min,
                              Integer max, const std::string& accepted, Problems& problems) {
  if (result >= min && result <= max) return result;
  const bool below = result < min;
  add_problem(problems, f.pointer,
              range_message(f, value, below, std::to_string(below ? min : max)), accepted);
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> read_integer(const Field& f, Problems& problems, std::int64_t min,
                                         std::int64_t max, std::string_view hint) {
  if (!f.present()) return std::nullopt;
  const std::string accepted = hint.empty() ? "accepted: an integer from " + std::to_string(min) +
                                                  " to " + std::to_string(max)
                                            : std::string(hint);
  const Json& value = *f.value;
  double integral = 0;
  std::int64_t result = 0;
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    const auto largest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    result = u > largest ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(u);
  } else if (value.is_number_integer()) {
    result = value.get<std::int64_t>();
  } else if (integral_double(value, integral)) {
    result = static_cast<std::int64_t>(integral);
  } else {
    report_wrong_type(f, problems, "an integer", accepted);
    return std::nullopt;
  }
  return within(f, value, result, min, max, accepted, problems);
}

std::optional<std::uint64_t> read_unsigned(const Field& f, Problems& problems, std::uint64_t min,
                                           std::uint64_t max, std::string_view hint) {
  if (!f.present()) return std::nullopt;
  const std::string accepted = hint.empty() ? "accepted: an integer from " + std::to_string(min) +
                                                  " to " + std::to_string(max)
                                            : std::string(hint);
  const Json& value = *f.value;
  double integral = 0;
  if (value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0) {
    add_problem(problems, f.pointer,
                "'" + f.name + "' is " + json_text(value) + ", a negative number", accepted);
    return std::nullopt;
  }
  std::uint64_t result = 0;
  if (value.is_number_integer()) {
    result = value.get<std::uint64_t>();
  } else if (integral_double(value, integral) && integral >= 0) {
    result = static_cast<std::uint64_t>(integral);
  } else {
    report_wrong_type(f, problems, "a non-negative integer", accepted);
    return std::nullopt;
  }
  return within(f, value, result, min, max, accepted, problems);
}

std::optional<double> read_number(const Field& f, Problems& problems, double min, double max,
                                  std::string_view hint) {
  if (!f.present()) return std::nullopt;
  const std::string accepted =
      hint.empty() ? "accepted: a number from " + bound_text(min) + " to " + bound_text(max)
                   : std::string(hint);
  if (!f.value->is_number()) {
    report_wrong_type(f, problems, "a number", accepted);
    return std::nullopt;
  }
  const double value = f.value->get<double>();
  if (!(value >= min && value <= max)) {
    const bool below = !(value >= min);
    add_problem(problems, f.pointer,
                range_message(f, *f.value, below, bound_text(below ? min : max)), accepted);
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_probability(const Field& f, Problems& problems) {
  return read_number(f, problems, 0.0, 1.0, "accepted: a probability from 0 to 1");
}

std::optional<bool> read_bool(const Field& f, Problems& problems) {
  if (!f.present()) return std::nullopt;
  if (f.value->is_boolean()) return f.value->get<bool>();
  report_wrong_type(f, problems, "true or false", "accepted: true, false");
  return std::nullopt;
}

std::optional<std::string> read_string(const Field& f, Problems& problems, std::string_view hint) {
  if (!f.present()) return std::nullopt;
  if (f.value->is_string()) return f.value->get<std::string>();
  report_wrong_type(f, problems, "a string", hint);
  return std::nullopt;
}

std::optional<std::size_t> read_choice(const Field& f, Problems& problems, std::string_view what,
                                       std::span<const std::string_view> names) {
  auto name = read_string(f, problems, "accepted: " + join_names(names));
  if (!name) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == *name) return i;
  add_problem(problems, f.pointer, "unknown " + std::string(what) + " '" + *name + "'",
              accepted_hint(*name, names));
  return std::nullopt;
}

}  // namespace byzsim::convert
