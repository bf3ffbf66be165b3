// Sweep specs and row-major point numbering.
#include "sim/sweep/sweep.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "sim/json/json_build.hpp"
#include "sim/json/json_locate.hpp"
#include "sim/json/json_parse.hpp"

namespace byzsim {

namespace {

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

bool is_integer_text(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<double> parse_decimal(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

// Range of integers (|values| <= 1e15, so no arithmetic overflows).
SpecParse integer_range(const std::vector<std::string_view>& parts) {
  std::int64_t v[3] = {0, 0, 0};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto text = parts[i];
    if (text.front() == '+') text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v[i]);
    if (ec != std::errc() || end != text.data() + text.size() || v[i] > 1000000000000000 ||
        v[i] < -1000000000000000)
      return {{}, "range bound '" + std::string(parts[i]) + "' is too large"};
  }
  const std::int64_t step = parts.size() == 3 ? v[2] : (v[1] >= v[0] ? 1 : -1);
  // Signs compared, never multiplied: (end - start) * step overflows for steps near 1e15.
  if (step == 0 || (v[1] > v[0] && step < 0) || (v[1] < v[0] && step > 0))
    return {{},
            "the range is empty: the step " + std::to_string(step) + " does not lead from " +
                std::to_string(v[0]) + " to " + std::to_string(v[1])};
  const std::int64_t count = (v[1] - v[0]) / step + 1;  // |end - start| <= 2e15: no overflow
  if (count > static_cast<std::int64_t>(kMaxAxisValues))
    return {{},
            "the range has " + std::to_string(count) + " values, more than the limit of " +
                std::to_string(kMaxAxisValues)};
  SpecParse out;
  out.values = AxisValues::integer_range(v[0], step, static_cast<std::size_t>(count));
  return out;
}

SpecParse decimal_range(const std::vector<std::string_view>& parts) {
  double v[3] = {0, 0, 0};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto value = parse_decimal(parts[i]);
    if (!value) return {{}, std::string("'").append(parts[i]).append("' is not a number")};
    v[i] = *value;
  }
  const double step = parts.size() == 3 ? v[2] : (v[1] >= v[0] ? 1.0 : -1.0);
  // Signs compared, never multiplied: (end - start) * step underflows to -0 for tiny numbers.
  const auto empty = [&] {
    return SpecParse{{},
                     "the range is empty: the step " +
                         std::string(parts.size() == 3 ? parts[2] : "1") + " does not lead from " +
                         std::string(parts[0]) + " to " + std::string(parts[1])};
  };
  if (step == 0 || (v[1] > v[0] && step < 0) || (v[1] < v[0] && step > 0)) return empty();
  // A small tolerance so that 0:1:0.1 includes 1 despite 1/0.1 = 9.999999999999998.
  const double steps = std::floor((v[1] - v[0]) / step + 1e-9);
  if (!std::isfinite(steps) || steps < 0) return empty();
  if (steps + 1 > static_cast<double>(kMaxAxisValues))
    return {{}, "the range has more values than the limit of " + std::to_string(kMaxAxisValues)};
  SpecParse out;
  out.values = AxisValues::decimal_range(v[0], step, static_cast<std::size_t>(steps) + 1);
  return out;
}

}  // namespace

std::string json_nesting_error(std::string_view text) {
  if (nesting_depth(text) <= kMaxJsonNesting) return "";
  return "the value nests more than " + std::to_string(kMaxJsonNesting) + " levels deep";
}

std::string abbreviated(std::string_view text) {
  constexpr std::size_t kShown = 80;
  if (text.size() <= kShown) return std::string(text);
  return std::string(text.substr(0, kShown)) + "... (" + std::to_string(text.size()) +
         " characters)";
}

Json parse_json_or_string(std::string_view text) {
  std::optional<Json> value = try_parse_ordered_json(text);
  if (!value) return Json(std::string(text));
  return std::move(*value);
}

SpecParse parse_sweep_spec(std::string_view spec) {
  spec = trim(spec);
  if (spec.empty()) return {{}, "the spec is empty"};
  if (auto error = json_nesting_error(spec); !error.empty()) return {{}, error};
  if (spec.front() == '[') {
    const std::optional<Json> array = try_parse_ordered_json(spec);
    if (array && array->is_array() && !array->empty()) {
      SpecParse out;
      out.values = std::vector<Json>(array->begin(), array->end());
      return out;
    }
  }
  if (spec.find(',') != std::string_view::npos) {
    std::vector<Json> items;
    for (auto item : split(spec, ',')) {
      item = trim(item);
      if (item.empty()) return {{}, "the list has an empty item"};
      items.push_back(parse_json_or_string(item));
    }
    return {std::move(items), ""};
  }
  if (spec.find(':') == std::string_view::npos) {
    return {std::vector<Json>{parse_json_or_string(spec)}, ""};
  }
  auto parts = split(spec, ':');
  if (parts.size() > 3) return {{}, "a range has at most three parts (start:end:step)"};
  bool integers = true;
  for (auto& part : parts) {
    part = trim(part);
    if (part.empty()) return {{}, "a range part is empty"};
    integers = integers && is_integer_text(part);
  }
  return integers ? integer_range(parts) : decimal_range(parts);
}

std::optional<std::size_t> point_count(const std::vector<std::size_t>& sizes, std::size_t limit) {
  std::size_t total = 1;
  for (std::size_t size : sizes) {
    if (size == 0) return 0;
    if (total > limit / size) return std::nullopt;
    total *= size;
  }
  if (total > limit) return std::nullopt;
  return total;
}

std::vector<std::size_t> point_coordinates(std::size_t index,
                                           const std::vector<std::size_t>& sizes) {
  std::vector<std::size_t> coordinates(sizes.size(), 0);
  for (std::size_t i = sizes.size(); i-- > 0;) {
    coordinates[i] = index % sizes[i];
    index /= sizes[i];
  }
  return coordinates;
}

}  // namespace byzsim
