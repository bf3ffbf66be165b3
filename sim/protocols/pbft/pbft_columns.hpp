// pbft's own output columns: what each TrialResult counter holds, and how the summed counters
// print (docs/pbft.md, "Output"). Used by Pbft::finish (measures) and pbft's ProtocolSpec.
#pragma once

#include <span>

#include "sim/core/column_value.hpp"

namespace byzsim::pbft {

// Indices into TrialResult::counters.
enum Counter : int {
  kHonest = 0,                                // honest agents this trial
  kHonestDecided,                             // of them, those that committed
  kHonestLatencySumNs,                        // the sum of their commit times
  kFirstMessageCounter,                       // messages sent by kind: VOTE .. DECIDE (6 counters)
  kNoCertificate = kFirstMessageCounter + 6,  // no consensus: no vote certificate could form
  kNotTerminated,                             // no consensus although a certificate could form
  kViewChanged,  // some protocol-following agent entered a view after the first
  kCounterCount,
};
static_assert(kCounterCount <= kProtocolCounters);

// In output order, after the generic result columns: p_honest_decided ... p_view_change.
std::span<const ResultColumn> result_columns();

}  // namespace byzsim::pbft
