// An exact, order-independent sum of non-negative doubles (importance sampling's weights):
// each term is cut into 64-bit binary digits, each digit added into its own 128-bit limb, so
// adding terms in any order or merging partial sums in any grouping gives the same limbs, bit
// for bit. That keeps an importance run's numbers the same for any thread count, shard split
// and MPI size, as plain runs' integer counts are. Used by WeightSums (weight_sums.hpp).
#pragma once

#include <cmath>
#include <cstdint>

namespace byzsim {

class ExactSum {
 public:
  // Limb 0 holds whole units; limb k (1..kFractionLimbs) the digit worth 2^(-64k). Terms below
  // 2^(-64 kFractionLimbs) = 2^-256 are dropped (the same way wherever they are added).
  static constexpr int kFractionLimbs = 4;
  static constexpr int kLimbs = kFractionLimbs + 1;

  // Adds `term` (finite, >= 0; negative and NaN terms are a bug and ignored). Terms of 2^120
  // or more saturate there: a weight that large has already made the estimate degenerate.
  void add(double term) {
    if (!(term > 0)) return;
    if (term >= 0x1.0p120) term = 0x1.0p120;
    const double whole = std::floor(term);
    limbs[0] += static_cast<unsigned __int128>(whole);
    double fraction = term - whole;  // exact: both are doubles of the same binade or less
    for (int k = 1; k < kLimbs && fraction > 0; ++k) {
      fraction = std::ldexp(fraction, 64);
      const double digit = std::floor(fraction);
      limbs[k] += static_cast<std::uint64_t>(digit);
      fraction -= digit;
    }
  }
  void merge(const ExactSum& other) {
    for (int k = 0; k < kLimbs; ++k) limbs[k] += other.limbs[k];
  }
  // The sum rounded to a double: the same limbs always give the same value.
  double value() const {
    long double total = 0;
    for (int k = kLimbs - 1; k >= 0; --k)
      total += std::ldexp(static_cast<long double>(limbs[k]), -64 * k);
    return static_cast<double>(total);
  }
  bool operator==(const ExactSum&) const = default;

  unsigned __int128 limbs[kLimbs] = {};
};

}  // namespace byzsim
