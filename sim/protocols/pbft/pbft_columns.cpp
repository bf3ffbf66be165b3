// pbft's result columns from its summed counters (pbft_columns.hpp).
#include "sim/protocols/pbft/pbft_columns.hpp"

#include <array>

namespace byzsim::pbft {

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

ColumnValue invalid_decisions(const Tally& t) {
  return t.invalid_decisions;
}

ColumnValue safety_violations(const Tally& t) {
  return t.safety_violations;
}

constexpr std::array<ResultColumn, 13> kColumns{{
    {"p_honest_decided", p_honest_decided, ColumnKind::rate,
     "honest agents that committed, over all honest agents of all trials (termination)"},
    {"mean_honest_latency_s", mean_honest_latency_s, ColumnKind::mean,
     "mean commit time of the honest commits, in seconds (per agent, not per trial)"},
    {"invalid_decisions", invalid_decisions, ColumnKind::count,
     "trials in which an honest agent committed without a genuine certificate"},
    {"safety_violations", safety_violations, ColumnKind::count,
     "trials with a violation the configuration provably excludes (0 unless byzsim has a bug)"},
    {"mean_msgs_vote", mean_per_trial<kFirstMessageCounter + 0>, ColumnKind::mean,
     "VOTE messages sent per trial"},
    {"mean_msgs_pre_prepare", mean_per_trial<kFirstMessageCounter + 1>, ColumnKind::mean,
     "PRE-PREPARE messages sent per trial"},
    {"mean_msgs_prepare", mean_per_trial<kFirstMessageCounter + 2>, ColumnKind::mean,
     "PREPARE messages sent per trial"},
    {"mean_msgs_commit", mean_per_trial<kFirstMessageCounter + 3>, ColumnKind::mean,
     "COMMIT messages sent per trial"},
    {"mean_msgs_view_change", mean_per_trial<kFirstMessageCounter + 4>, ColumnKind::mean,
     "VIEW-CHANGE messages sent per trial"},
    {"mean_msgs_decide", mean_per_trial<kFirstMessageCounter + 5>, ColumnKind::mean,
     "DECIDE messages sent per trial"},
    {"p_no_certificate", mean_per_trial<kNoCertificate>, ColumnKind::rate,
     "trials with no consensus in which no vote certificate could form"},
    {"p_not_terminated", mean_per_trial<kNotTerminated>, ColumnKind::rate,
     "trials with no consensus although a certificate could form (p_no_certificate + "
     "p_not_terminated = p_no_consensus)"},
    {"p_view_change", mean_per_trial<kViewChanged>, ColumnKind::rate,
     "trials that needed a view change (the first leader did not get a decision through)"},
}};

}  // namespace

std::span<const ResultColumn> result_columns() {
  return kColumns;
}

}  // namespace byzsim::pbft
