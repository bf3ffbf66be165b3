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
    {"p_honest_decided", p_honest_decided},
    {"mean_honest_latency_s", mean_honest_latency_s},
    {"invalid_decisions", invalid_decisions},
    {"safety_violations", safety_violations},
    {"mean_msgs_vote", mean_per_trial<kFirstMessageCounter + 0>},
    {"mean_msgs_pre_prepare", mean_per_trial<kFirstMessageCounter + 1>},
    {"mean_msgs_prepare", mean_per_trial<kFirstMessageCounter + 2>},
    {"mean_msgs_commit", mean_per_trial<kFirstMessageCounter + 3>},
    {"mean_msgs_view_change", mean_per_trial<kFirstMessageCounter + 4>},
    {"mean_msgs_decide", mean_per_trial<kFirstMessageCounter + 5>},
    {"p_no_certificate", mean_per_trial<kNoCertificate>},
    {"p_not_terminated", mean_per_trial<kNotTerminated>},
    {"p_view_change", mean_per_trial<kViewChanged>},
}};

}  // namespace

std::span<const ResultColumn> result_columns() {
  return kColumns;
}

}  // namespace byzsim::pbft
