// Wilson's interval rather than the normal one: it stays inside [0, 1] and is honest for the
// small rates (1e-3 and below) that plan targets usually are.
#include "sim/plan/stopping_rule.hpp"

#include <cmath>

namespace byzsim {

RateBounds wilson_bounds(std::uint64_t events, std::uint64_t trials, double z) {
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(events) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Verdict judge_rate(std::uint64_t events, std::uint64_t trials, double target, double z) {
  if (target >= 1) return Verdict::meets;
  if (trials == 0) return Verdict::undecided;
  const RateBounds b = wilson_bounds(events, trials, z);
  if (b.hi <= target) return Verdict::meets;
  if (b.lo > target) return Verdict::misses;
  return Verdict::undecided;
}

}  // namespace byzsim
