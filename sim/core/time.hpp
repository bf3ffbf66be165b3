// Simulated time: signed 64-bit nanoseconds, never floating point in the engine, so equal
// times compare exactly and runs are reproducible. Used by every layer.
#pragma once

#include <cstdint>

namespace byzsim {

using SimTime = std::int64_t;  // nanoseconds since the proposal (t = 0)

inline constexpr SimTime kNanosecond = 1;
inline constexpr SimTime kMicrosecond = 1000;
inline constexpr SimTime kMillisecond = 1000 * kMicrosecond;
inline constexpr SimTime kSecond = 1000 * kMillisecond;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kTimeNever = INT64_MAX;

inline double to_seconds(SimTime t) {
  return static_cast<double>(t) / static_cast<double>(kSecond);
}

}  // namespace byzsim
