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

// Durations are scaled (slow agents and links) and added to clock readings; both saturate at
// kTimeNever instead of overflowing. kTimeNever means "never": it lies beyond every trial's time
// limit (Simulator refuses limits of kTimeNever), so an event scheduled then is never processed
// and a message that far out never arrives, whatever the factor that pushed it there.
inline constexpr SimTime saturating_add(SimTime time, SimTime duration) {
  if (duration <= 0) return time;  // durations are never negative; do not wrap either way
  return time > kTimeNever - duration ? kTimeNever : time + duration;
}

inline SimTime saturating_scale(SimTime duration, double factor) {
  const double scaled = static_cast<double>(duration) * factor;
  // 2^63 is exactly representable; anything at or above it (or NaN) is "never".
  if (!(scaled < 9223372036854775808.0)) return kTimeNever;
  if (!(scaled > 0)) return 0;
  return static_cast<SimTime>(scaled);
}

inline double to_seconds(SimTime t) {
  return static_cast<double>(t) / static_cast<double>(kSecond);
}

}  // namespace byzsim
