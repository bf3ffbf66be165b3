// bracha's own output columns: what each TrialResult counter holds, and how the summed counters
// print (docs/bracha.md, "Output"). Used by Bracha::finish (measures) and bracha's ProtocolSpec.
#pragma once

#include <span>

#include "sim/core/column_value.hpp"
#include "sim/core/outcome.hpp"

namespace byzsim::bracha {

// Indices into TrialResult::counters.
enum Counter : int {
  kHonest = 0,           // honest agents this trial
  kHonestDecided,        // of them, those that decided
  kCoinFlips,            // local coins flipped by honest agents
  kRoundLimit,           // 1 when an undecided agent reached max_rounds
  kDecideRoundSum,       // the round by which every honest agent decided (0: not all did)
  kFirstMessageCounter,  // messages sent by kind: INITIAL, ECHO, READY (3 counters)
  kFirstRoundBucket = kFirstMessageCounter + 3,  // 1 in the bucket of that round (6 counters)
  kCounterCount = kFirstRoundBucket + 6,
};
static_assert(kCounterCount <= kProtocolCounters);

// The histogram's buckets of rounds to decide: 1, 2, 3, 4-7, 8-15, 16+.
inline int round_bucket(int round) {
  if (round <= 3) return round - 1;
  if (round <= 7) return 3;
  if (round <= 15) return 4;
  return 5;
}

// In output order, after the generic result columns.
std::span<const ResultColumn> result_columns();

}  // namespace byzsim::bracha
