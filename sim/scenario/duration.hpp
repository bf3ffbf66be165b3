// Durations as users write them: a number of seconds, or a string with a unit ("250ms", "1.5s").
// Used by the scenario converters for think times, latencies, crash times, timeouts and limits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace byzsim {

// What the converters say a duration may look like.
inline constexpr std::string_view kDurationHint =
    "accepted: a number of seconds, or a string with a unit ns, us, ms, s, min or h "
    "(\"250ms\", \"1.5s\", \"2min\")";

struct DurationParse {
  std::optional<double> ns;  // set on success (may be negative or zero: callers check ranges)
  std::string error;         // what is wrong with the text, when ns is empty
};

// "250ms", "1.5 s", "2min", "1h", "3us", "10ns", "-1s" -> nanoseconds as a double.
// A string without a unit is refused: "5" could mean seconds or milliseconds.
DurationParse parse_duration(std::string_view text);

// A JSON number of seconds -> nanoseconds.
inline double seconds_to_ns(double seconds) {
  return seconds * 1e9;
}

// A short human form for messages: "1.5s", "250ms", "2min".
std::string format_duration_ns(double ns);

}  // namespace byzsim
