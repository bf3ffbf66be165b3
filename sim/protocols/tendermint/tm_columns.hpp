// tendermint's own output columns: what each TrialResult counter holds, and how the summed
// counters print (docs/tendermint.md, "Output"). Used by Tendermint::finish (measures) and
// tendermint's ProtocolSpec.
#pragma once

#include <span>

#include "sim/core/column_value.hpp"

namespace byzsim::tendermint {

// Indices into TrialResult::counters.
enum Counter : int {
  kHonest = 0,                           // honest agents this trial
  kHonestDecided,                        // of them, those that decided
  kHonestLatencySumNs,                   // the sum of their decision times
  kFirstMessageCounter,                  // messages sent by kind: VOTE .. DECIDE (5 counters)
  kNilVotes = kFirstMessageCounter + 5,  // nil PREVOTE and PRECOMMIT messages sent
  kDecidedTrials,                        // 1 when some honest agent decided
  kRoundsToDecide,                       // the first honest decision's round + 1 (0 when none)
  kRoundChanged,   // some protocol-following agent started a round after the first
  kNoCertificate,  // no consensus: no vote certificate could form
  kNotTerminated,  // no consensus although a certificate could form
  kWithoutQuorum,  // an honest decision without a quorum of PRECOMMIT senders
  kCounterCount,
};
static_assert(kCounterCount <= kProtocolCounters);

// In output order, after the generic result columns.
std::span<const ResultColumn> result_columns();

}  // namespace byzsim::tendermint
