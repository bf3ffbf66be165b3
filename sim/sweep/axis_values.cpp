// AxisValues: ranges computed on demand exactly as the listed values were before.
#include "sim/sweep/axis_values.hpp"

#include <charconv>

namespace byzsim {

AxisValues AxisValues::integer_range(std::int64_t first, std::int64_t step, std::size_t count) {
  AxisValues values(Kind::integers, count);
  values.first_ = first;
  values.step_ = step;
  return values;
}

AxisValues AxisValues::decimal_range(double first, double step, std::size_t count) {
  AxisValues values(Kind::decimals, count);
  values.first_decimal_ = first;
  values.step_decimal_ = step;
  return values;
}

Json AxisValues::operator[](std::size_t i) const {
  switch (kind_) {
    case Kind::list:
      return list_[i];
    case Kind::integers:
      return Json(first_ + static_cast<std::int64_t>(i) * step_);
    case Kind::decimals:
      return Json(round_12(first_decimal_ + static_cast<double>(i) * step_decimal_));
  }
  return Json();
}

std::vector<Json> AxisValues::to_list() const {
  if (kind_ == Kind::list) return list_;
  std::vector<Json> list;
  list.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) list.push_back((*this)[i]);
  return list;
}

bool AxisValues::operator==(const std::vector<Json>& list) const {
  if (list.size() != size()) return false;
  for (std::size_t i = 0; i < size(); ++i)
    if ((*this)[i] != list[i]) return false;
  return true;
}

double round_12(double value) {
  char buffer[64];
  auto printed =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 12);
  double rounded = value;
  std::from_chars(buffer, printed.ptr, rounded);
  return rounded == 0 ? 0.0 : rounded;  // no "-0"
}

}  // namespace byzsim
