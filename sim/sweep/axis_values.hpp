// The values of one independent sweep axis: a list, or a range whose values are computed when
// read, so that an axis of a million seeds ("0:999999") costs no memory per value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

#include "sim/json/json_pointer.hpp"

namespace byzsim {

class AxisValues {
 public:
  AxisValues() = default;
  AxisValues(std::vector<Json> list) : list_(std::move(list)) {}  // NOLINT: a list converts
  // first, first + step, ... (count values; |values| <= 1e15, so nothing overflows).
  static AxisValues integer_range(std::int64_t first, std::int64_t step, std::size_t count);
  // round_12(first + i * step) for i < count (sweep.cpp's rounding to 12 significant digits).
  static AxisValues decimal_range(double first, double step, std::size_t count);

  std::size_t size() const { return kind_ == Kind::list ? list_.size() : count_; }
  bool empty() const { return size() == 0; }
  Json operator[](std::size_t i) const;
  std::vector<Json> to_list() const;
  bool operator==(const std::vector<Json>& list) const;

  // Values by value, in order (`for (const Json& v : values)` binds each to a temporary).
  class const_iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Json;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Json;
    const_iterator(const AxisValues* values, std::size_t i) : values_(values), i_(i) {}
    Json operator*() const { return (*values_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const const_iterator& other) const { return i_ == other.i_; }

   private:
    const AxisValues* values_;
    std::size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  enum class Kind { list, integers, decimals };
  AxisValues(Kind kind, std::size_t count) : kind_(kind), count_(count) {}
  Kind kind_ = Kind::list;
  std::vector<Json> list_;
  std::size_t count_ = 0;
  std::int64_t first_ = 0, step_ = 0;
  double first_decimal_ = 0, step_decimal_ = 0;
};

// Rounds to 12 significant digits: start + i * step without the binary noise of 0.1.
double round_12(double value);

}  // namespace byzsim
