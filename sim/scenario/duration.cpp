// Duration strings: a decimal number, optional spaces, a unit from a fixed table.
#include "sim/scenario/duration.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "sim/json/suggest.hpp"

namespace byzsim {

namespace {

struct Unit {
  std::string_view name;
  double ns;
};

constexpr std::array<Unit, 7> kUnits{{
    {"ns", 1.0},
    {"us", 1e3},
    {"\xC2\xB5s", 1e3},  // "µs"
    {"ms", 1e6},
    {"s", 1e9},
    {"min", 60e9},
    {"h", 3600e9},
}};

constexpr std::array<std::string_view, 6> kUnitNames{"ns", "us", "ms", "s", "min", "h"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Length of the leading decimal number ([+-]digits[.digits][e[+-]digits]), 0 if none.
std::size_t number_length(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    std::size_t exponent_digits = 0;
    while (j < text.size() && is_digit(text[j])) ++j, ++exponent_digits;
    if (exponent_digits > 0) i = j;
  }
  return i;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

DurationParse parse_duration(std::string_view text) {
  // Appended piecewise: "'" + std::string(...) trips GCC 12's false -Wrestrict at -O3.
  std::string quoted = "'";
  quoted.append(text).append("'");
  text = trim(text);
  const std::size_t length = number_length(text);
  if (length == 0) return {std::nullopt, "duration " + quoted + " does not start with a number"};
  std::string_view number = text.substr(0, length);
  if (number.front() == '+') number.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value))
    return {std::nullopt, "duration " + quoted + " has an unreadable number"};
  const std::string_view unit = trim(text.substr(length));
  if (unit.empty())
    return {std::nullopt, "duration " + quoted + " has no unit (a string needs one; " +
                              "a bare number means seconds)"};
  for (const Unit& u : kUnits) {
    if (u.name == unit) {
      const double ns = value * u.ns;
      if (!std::isfinite(ns)) return {std::nullopt, "duration " + quoted + " is too large"};
      return {ns, ""};
    }
  }
  std::string error = "duration " + quoted + " has an unknown unit '" + std::string(unit) + "'";
  if (unit == "m") {
    error += " (write 'min' for minutes or 'ms' for milliseconds)";
  } else if (auto near = nearest_name(unit, kUnitNames)) {
    error += " (did you mean '" + *near + "'?)";
  }
  return {std::nullopt, error};
}

std::string format_duration_ns(double ns) {
  // Largest unit in which the value is at least 1; kUnits is ordered from small to large.
  const Unit* best = &kUnits[0];
  for (const Unit& u : kUnits)
    if (std::fabs(ns) >= u.ns && u.name != kUnits[2].name) best = &u;
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, ns / best->ns, std::chars_format::general, 6);
  return std::string(buffer, result.ptr) + std::string(best->name);
}

}  // namespace byzsim
