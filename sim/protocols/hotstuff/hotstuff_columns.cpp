// hotstuff's result columns from its summed counters (hotstuff_columns.hpp).
#include "sim/protocols/hotstuff/hotstuff_columns.hpp"

#include <array>

#include "sim/core/tally.hpp"

namespace byzsim::hotstuff {

namespace {

double as_double(unsigned __int128 v) {
  return static_cast<double>(v);
}

// Counter k per trial on average (for a 0/1 counter: the share of trials it marks).
template <int k>
ColumnValue mean_per_trial(const Tally& t) {
  return as_double(t.counter_sums[k]) / static_cast<double>(t.trials);
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

ColumnValue mean_views_to_decide(const Tally& t) {
  if (t.decided == 0) return std::monostate{};
  return as_double(t.counter_sums[kDecisionViews]) / static_cast<double>(t.decided);
}

ColumnValue invalid_decisions(const Tally& t) {
  return t.invalid_decisions;
}

ColumnValue safety_violations(const Tally& t) {
  return t.safety_violations;
}

ColumnValue uncertified_decisions(const Tally& t) {
  return static_cast<std::uint64_t>(t.counter_sums[kUncertified]);
}

constexpr std::array<ResultColumn, 15> kColumns{{
    {"p_honest_decided", p_honest_decided, ColumnKind::rate,
     "honest agents that committed, over all honest agents of all trials (termination)"},
    {"mean_honest_latency_s", mean_honest_latency_s, ColumnKind::mean,
     "mean commit time of the honest commits, in seconds (per agent, not per trial)"},
    {"invalid_decisions", invalid_decisions, ColumnKind::count,
     "trials in which an honest agent committed a value without a certificate of signed votes"},
    {"safety_violations", safety_violations, ColumnKind::count,
     "trials with a violation the configuration provably excludes (0 unless byzsim has a bug)"},
    {"uncertified_decisions", uncertified_decisions, ColumnKind::count,
     "trials in which an honest agent committed without a three-chain of quorum certificates"},
    {"mean_msgs_vote", mean_per_trial<kFirstMessageCounter + 0>, ColumnKind::mean,
     "VOTE (review vote) messages sent per trial"},
    {"mean_msgs_proposal", mean_per_trial<kFirstMessageCounter + 1>, ColumnKind::mean,
     "PROPOSAL messages sent per trial"},
    {"mean_msgs_block_vote", mean_per_trial<kFirstMessageCounter + 2>, ColumnKind::mean,
     "BLOCK-VOTE messages sent per trial"},
    {"mean_msgs_new_view", mean_per_trial<kFirstMessageCounter + 3>, ColumnKind::mean,
     "NEW-VIEW messages sent per trial"},
    {"mean_msgs_decide", mean_per_trial<kFirstMessageCounter + 4>, ColumnKind::mean,
     "DECIDE messages sent per trial"},
    {"p_no_certificate", mean_per_trial<kNoCertificate>, ColumnKind::rate,
     "trials with no consensus in which no review-vote certificate could form"},
    {"p_not_terminated", mean_per_trial<kNotTerminated>, ColumnKind::rate,
     "trials with no consensus although a certificate could form (p_no_certificate + "
     "p_not_terminated = p_no_consensus)"},
    {"mean_views_to_decide", mean_views_to_decide, ColumnKind::mean,
     "decided trials: views up to the first honest commit (4 in the normal case)"},
    {"mean_view_timeouts", mean_per_trial<kTimeouts>, ColumnKind::mean,
     "view timeouts of protocol-following agents per trial"},
    {"p_view_timeout", mean_per_trial<kTimedOut>, ColumnKind::rate,
     "trials in which some protocol-following agent's view timed out"},
}};

}  // namespace

std::span<const ResultColumn> result_columns() {
  return kColumns;
}

}  // namespace byzsim::hotstuff
