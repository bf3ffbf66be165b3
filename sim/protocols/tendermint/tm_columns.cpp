// tendermint's result columns from its summed counters (tm_columns.hpp).
#include "sim/protocols/tendermint/tm_columns.hpp"

#include <array>

namespace byzsim::tendermint {

namespace {

double as_double(unsigned __int128 v) {
  return static_cast<double>(v);
}

// Counter k per trial on average (for a 0/1 counter: the share of trials it marks).
template <int k>
ColumnValue mean_per_trial(const Tally& t) {
  return as_double(t.counter_sums[k]) / static_cast<double>(t.trials);
}

template <int k>
ColumnValue total(const Tally& t) {
  return static_cast<std::uint64_t>(t.counter_sums[k]);
}

ColumnValue p_honest_decided(const Tally& t) {
  if (t.counter_sums[kHonest] == 0) return 0.0;
  return as_double(t.counter_sums[kHonestDecided]) / as_double(t.counter_sums[kHonest]);
}

ColumnValue mean_honest_latency_s(const Tally& t) {
  if (t.counter_sums[kHonestDecided] == 0) return std::monostate{};
  return as_double(t.counter_sums[kHonestLatencySumNs]) /
         as_double(t.counter_sums[kHonestDecided]) / static_cast<double>(kSecond);
}

ColumnValue mean_rounds_to_decide(const Tally& t) {
  if (t.counter_sums[kDecidedTrials] == 0) return std::monostate{};
  return as_double(t.counter_sums[kRoundsToDecide]) / as_double(t.counter_sums[kDecidedTrials]);
}

ColumnValue invalid_decisions(const Tally& t) {
  return t.invalid_decisions;
}

ColumnValue safety_violations(const Tally& t) {
  return t.safety_violations;
}

constexpr std::array<ResultColumn, 15> kColumns{{
    {"p_honest_decided", p_honest_decided, ColumnKind::rate,
     "honest agents that decided, over all honest agents of all trials (termination)"},
    {"mean_honest_latency_s", mean_honest_latency_s, ColumnKind::mean,
     "mean decision time of the honest decisions, in seconds (per agent, not per trial)"},
    {"mean_rounds_to_decide", mean_rounds_to_decide, ColumnKind::mean,
     "round of the first honest decision plus one, over the trials with a decision"},
    {"invalid_decisions", invalid_decisions, ColumnKind::count,
     "trials in which an honest agent decided without a genuine vote certificate"},
    {"quorumless_decisions", total<kWithoutQuorum>, ColumnKind::count,
     "trials in which an honest agent decided without a quorum of PRECOMMIT senders (0 unless "
     "byzsim has a bug)"},
    {"safety_violations", safety_violations, ColumnKind::count,
     "trials with a violation the configuration provably excludes (0 unless byzsim has a bug)"},
    {"mean_msgs_vote", mean_per_trial<kFirstMessageCounter + 0>, ColumnKind::mean,
     "VOTE messages sent per trial"},
    {"mean_msgs_proposal", mean_per_trial<kFirstMessageCounter + 1>, ColumnKind::mean,
     "PROPOSAL messages sent per trial"},
    {"mean_msgs_prevote", mean_per_trial<kFirstMessageCounter + 2>, ColumnKind::mean,
     "PREVOTE messages sent per trial (nil ones included)"},
    {"mean_msgs_precommit", mean_per_trial<kFirstMessageCounter + 3>, ColumnKind::mean,
     "PRECOMMIT messages sent per trial (nil ones included)"},
    {"mean_msgs_decide", mean_per_trial<kFirstMessageCounter + 4>, ColumnKind::mean,
     "DECIDE messages sent per trial"},
    {"mean_nil_votes", mean_per_trial<kNilVotes>, ColumnKind::mean,
     "nil PREVOTE and PRECOMMIT messages sent per trial"},
    {"p_round_change", mean_per_trial<kRoundChanged>, ColumnKind::rate,
     "trials that needed a round after the first"},
    {"p_no_certificate", mean_per_trial<kNoCertificate>, ColumnKind::rate,
     "trials with no consensus in which no vote certificate could form"},
    {"p_not_terminated", mean_per_trial<kNotTerminated>, ColumnKind::rate,
     "trials with no consensus although a certificate could form (p_no_certificate + "
     "p_not_terminated = p_no_consensus)"},
}};

}  // namespace

std::span<const ResultColumn> result_columns() {
  return kColumns;
}

}  // namespace byzsim::tendermint
