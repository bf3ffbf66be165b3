// A random (or constant) duration as the scenario describes it, and its sampler.
// Used by the network (latency) and agents (think time, crash time); depends on core only.
#pragma once

#include <cmath>
#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"

namespace byzsim {

// Parameters are doubles in nanoseconds so that "0.5ms" loses nothing; samples are
// rounded to integer nanoseconds.
struct Distribution {
  enum class Kind : std::uint8_t { constant, uniform, exponential, lognormal };
  Kind kind = Kind::constant;
  double value_ns = 0;   // constant
  double min_ns = 0;     // uniform
  double max_ns = 0;     // uniform
  double mean_ns = 0;    // exponential
  double median_ns = 0;  // lognormal
  double sigma = 0;      // lognormal (of the underlying normal)

  static Distribution constant(double ns) {
    Distribution d;
    d.value_ns = ns;
    return d;
  }
  bool is_zero() const { return kind == Kind::constant && value_ns == 0; }
  // The largest value a sample can take (kTimeNever when unbounded).
  double max_value_ns() const;
  bool operator==(const Distribution&) const = default;
};

// One draw. Constant distributions consume no randomness.
inline SimTime sample(const Distribution& d, Rng& rng) {
  double ns = 0;
  switch (d.kind) {
    case Distribution::Kind::constant:
      ns = d.value_ns;
      break;
    case Distribution::Kind::uniform:
      ns = d.min_ns + (d.max_ns - d.min_ns) * rng.uniform01();
      break;
    case Distribution::Kind::exponential:
      ns = rng.exponential(d.mean_ns);
      break;
    case Distribution::Kind::lognormal:
      ns = d.median_ns * std::exp(d.sigma * rng.standard_normal());
      break;
  }
  // Bound the sample so that a pathological tail cannot overflow the clock.
  constexpr double kMaxSampleNs = 1e17;  // about three years
  if (!(ns < kMaxSampleNs)) ns = kMaxSampleNs;
  if (!(ns > 0)) return 0;                // also maps NaN to 0
  return static_cast<SimTime>(ns + 0.5);  // round half up; cheaper than llround
}

inline double Distribution::max_value_ns() const {
  switch (kind) {
    case Kind::constant:
      return value_ns;
    case Kind::uniform:
      return max_ns;
    case Kind::exponential:
      return mean_ns == 0 ? 0 : static_cast<double>(kTimeNever);
    case Kind::lognormal:
      return median_ns == 0 ? 0 : sigma == 0 ? median_ns : static_cast<double>(kTimeNever);
  }
  return static_cast<double>(kTimeNever);
}

}  // namespace byzsim
