// hotstuff's own output columns: what each TrialResult counter holds, and how the summed counters
// print (docs/hotstuff.md, "Output"). Used by HotStuff::finish (measures) and the spec.
#pragma once

#include <span>

#include "sim/core/column_value.hpp"
#include "sim/core/outcome.hpp"

namespace byzsim::hotstuff {

// Indices into TrialResult::counters.
enum Counter : int {
  kHonest = 0,                                // honest agents this trial
  kHonestDecided,                             // of them, those that committed
  kHonestLatencySumNs,                        // the sum of their commit times
  kFirstMessageCounter,                       // messages sent by kind: VOTE .. DECIDE (5)
  kNoCertificate = kFirstMessageCounter + 5,  // no consensus: no review certificate could form
  kNotTerminated,                             // no consensus although one could form
  kDecisionViews,  // decided trials: views up to the first honest commit (its view + 1)
  kTimeouts,       // view timeouts of protocol-following agents
  kTimedOut,       // some protocol-following agent's view timed out
  kUncertified,    // an honest commit without a three-chain of quorum certificates
  kCounterCount,
};
static_assert(kCounterCount <= kProtocolCounters);

// In output order, after the generic result columns.
std::span<const ResultColumn> result_columns();

}  // namespace byzsim::hotstuff
