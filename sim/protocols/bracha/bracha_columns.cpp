// bracha's result columns from its summed counters (bracha_columns.hpp).
#include "sim/protocols/bracha/bracha_columns.hpp"

#include <array>

namespace byzsim::bracha {

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

// Over the trials in which every honest agent decided (the histogram's trials).
ColumnValue mean_decide_round(const Tally& t) {
  unsigned __int128 trials = 0;
  for (int b = 0; b < 6; ++b) trials += t.counter_sums[kFirstRoundBucket + b];
  if (trials == 0) return std::monostate{};
  return as_double(t.counter_sums[kDecideRoundSum]) / as_double(trials);
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
    {"invalid_decisions", invalid_decisions, ColumnKind::count,
     "trials in which an honest agent decided a value no honest agent started with"},
    {"safety_violations", safety_violations, ColumnKind::count,
     "trials with a violation the configuration provably excludes (0 unless byzsim has a bug)"},
    {"mean_decide_round", mean_decide_round, ColumnKind::mean,
     "the round by which every honest agent had decided, over the trials where all did"},
    {"p_decide_round_1", mean_per_trial<kFirstRoundBucket + 0>, ColumnKind::rate,
     "trials in which every honest agent decided in round 1"},
    {"p_decide_round_2", mean_per_trial<kFirstRoundBucket + 1>, ColumnKind::rate,
     "trials in which the last honest agent decided in round 2"},
    {"p_decide_round_3", mean_per_trial<kFirstRoundBucket + 2>, ColumnKind::rate,
     "trials in which the last honest agent decided in round 3"},
    {"p_decide_round_4_7", mean_per_trial<kFirstRoundBucket + 3>, ColumnKind::rate,
     "trials in which the last honest agent decided in rounds 4 to 7"},
    {"p_decide_round_8_15", mean_per_trial<kFirstRoundBucket + 4>, ColumnKind::rate,
     "trials in which the last honest agent decided in rounds 8 to 15"},
    {"p_decide_round_16_plus", mean_per_trial<kFirstRoundBucket + 5>, ColumnKind::rate,
     "trials in which the last honest agent decided in round 16 or later"},
    {"p_round_limit", mean_per_trial<kRoundLimit>, ColumnKind::rate,
     "trials in which an undecided agent reached max_rounds"},
    {"mean_coin_flips", mean_per_trial<kCoinFlips>, ColumnKind::mean,
     "local coins flipped by honest agents per trial"},
    {"mean_msgs_initial", mean_per_trial<kFirstMessageCounter + 0>, ColumnKind::mean,
     "INITIAL messages sent per trial (one per step message and recipient)"},
    {"mean_msgs_echo", mean_per_trial<kFirstMessageCounter + 1>, ColumnKind::mean,
     "ECHO messages sent per trial"},
    {"mean_msgs_ready", mean_per_trial<kFirstMessageCounter + 2>, ColumnKind::mean,
     "READY messages sent per trial"},
}};

}  // namespace

std::span<const ResultColumn> result_columns() {
  return kColumns;
}

}  // namespace byzsim::bracha
