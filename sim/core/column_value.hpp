// One value of an output row and the columns a protocol adds from its tally. Used by the
// protocol specs (which define their columns) and report/ (which prints them, CSV and JSON).
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "sim/core/column_kind.hpp"
#include "sim/core/tally.hpp"

namespace byzsim {

// Empty (CSV: nothing; JSON: null), a count, a number, or text. Counts and numbers stay apart
// because JSON prints them differently (0 and 0.0).
using ColumnValue =
    std::variant<std::monostate, std::int64_t, std::uint64_t, double, std::string_view>;

// An output column computed from a point's tally, e.g. pbft's `p_honest_decided`: the protocol
// measures per trial into TrialResult::counters and says here how the sums print.
// The most result columns one protocol may add (the registry refuses a spec with more).
inline constexpr std::size_t kMaxProtocolColumns = 16;

struct ResultColumn {
  std::string_view name;
  ColumnValue (*value)(const Tally& tally);
  ColumnKind kind;               // count, rate or mean (the sidecar says it)
  std::string_view description;  // one line, for the sidecar (the registry refuses an empty one)
  std::string_view label = {};   // short, for a plot's axis; empty: the scripts derive one
};

}  // namespace byzsim
