// pbft's report path: the tally codec carries every field across MPI ranks, a safety
// violation is reported with its replay command, and pbft rows get their extra columns.
#include <algorithm>

#include <catch2/catch.hpp>

#include "sim/core/tally.hpp"
#include "sim/protocols/pbft/pbft_columns.hpp"
#include "sim/protocols/pbft/pbft_config.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"
#include "sim/report/safety_report.hpp"
#include "sim/run/tally_codec.hpp"
#include "sim/scenario/loader.hpp"

using namespace byzsim;

namespace {

TrialResult pbft_result(Outcome outcome, std::uint64_t trial, bool violation) {
  TrialResult r;
  r.outcome = outcome;
  r.trial = trial;
  r.rounds = 2;
  r.messages = 40;
  r.latency_ns = 3 * kSecond + static_cast<SimTime>(trial);
  r.counters[pbft::kHonest] = 3;
  r.behaved[0] = 3;  // honest, malicious, faulty after corruption
  r.behaved[1] = 1 + static_cast<std::uint32_t>(trial % 2);
  r.counters[pbft::kHonestDecided] = outcome == Outcome::no_consensus ? 0 : 3;
  r.counters[pbft::kHonestLatencySumNs] = 9 * kSecond;
  r.counters[pbft::kNoCertificate] = outcome == Outcome::no_consensus;
  r.invalid_decision = trial % 2 == 1;
  r.safety_violation = violation;
  for (int k = 0; k < pbft::kMessageKinds; ++k) r.counters[pbft::kFirstMessageCounter + k] = k + 1;
  return r;
}

// Every field, through the tally's own field list (a field added there is compared too).
void require_same(const Tally& a, const Tally& b) {
  CHECK(same_tally(a, b));
  CHECK(a.latency.quantile(0.99) == b.latency.quantile(0.99));
  int fields = 0;
  Tally::for_each_field(a, b, [&](const auto& x, const auto& y, TallyMerge) {
    ++fields;
    CHECK(x == y);
  });
  // A new field must be added to the list and here (a general column's sum counts itself).
  // Importance sampling's weight sums (two per outcome, in limbs) and the pilot's count.
  CHECK(fields == 9 + static_cast<int>(kGeneralColumnCount) + kProtocolCounters +
                      2 * kOutcomeCount * ExactSum::kLimbs + 1);
}

}  // namespace

TEST_CASE("a tally survives encoding with every field, and merging decoded halves") {
  Tally first, second, whole;
  for (std::uint64_t t = 0; t < 6; ++t) {
    const TrialResult r = pbft_result(t == 4 ? Outcome::no_consensus : Outcome::correct, t, t >= 3);
    (t < 3 ? first : second).add(r);
    whole.add(r);
    // Weights of importance sampling, with whole and fractional parts (exact in any order).
    const double log_weight = 0.7 * static_cast<double>(t) - 2.0;
    (t < 3 ? first : second).weights.add(r.outcome, log_weight);
    whole.weights.add(r.outcome, log_weight);
  }
  first.weights.pilot_events = second.weights.pilot_events = whole.weights.pilot_events = 5;
  REQUIRE(whole.safety_violations == 3);
  REQUIRE(whole.first_safety_violation_trial == 3);
  REQUIRE(whole.general_sums[general_column("mean_malicious")] == 9);  // 1 + 2 + 1 + 2 + 1 + 2
  Tally decoded;
  const auto words = encode_tally(whole);
  REQUIRE(decode_tally(words.data(), words.size(), decoded));
  require_same(whole, decoded);

  Tally a, b;
  const auto wa = encode_tally(first);
  const auto wb = encode_tally(second);
  REQUIRE(decode_tally(wa.data(), wa.size(), a));
  REQUIRE(decode_tally(wb.data(), wb.size(), b));
  b.merge(a);  // the order ranks arrive in must not matter
  require_same(whole, b);
}

TEST_CASE("a truncated or foreign tally buffer is refused") {
  Tally t;
  t.add(pbft_result(Outcome::correct, 0, false));
  auto words = encode_tally(t);
  Tally out;
  CHECK_FALSE(decode_tally(words.data(), words.size() - 1, out));
  words[0] ^= 1;
  CHECK_FALSE(decode_tally(words.data(), words.size(), out));
}

TEST_CASE("a safety violation is reported with its point, first trial and replay command") {
  Tally clean;
  clean.add(pbft_result(Outcome::correct, 0, false));
  CHECK(safety_violation_report("s.json", 4, clean).empty());
  Tally broken;
  broken.add(pbft_result(Outcome::correct, 0, false));
  broken.add(pbft_result(Outcome::disagreement, 17, true));
  broken.add(pbft_result(Outcome::disagreement, 9, true));
  const std::string text = safety_violation_report("s.json", 4, broken);
  CHECK(text.find("safety violation at point 4 trial 9 (2 of 3 trials)") != std::string::npos);
  CHECK(text.find("byzsim trace s.json --point 4 --trial 9") != std::string::npos);
}

TEST_CASE("pbft rows carry termination, checker and per-kind message columns") {
  const char* text = R"({"name": "x", "protocol": {"type": "pbft"},
    "agents": [{"role": "honest", "count": 4}]})";
  const LoadResult loaded = load_scenario_text(text, "x.json");
  REQUIRE(loaded.ok());
  const LoadedScenario& s = *loaded.scenario;
  Tally tally;
  tally.add(pbft_result(Outcome::correct, 0, false));
  tally.add(pbft_result(Outcome::no_consensus, 1, false));
  const Row row = sim_row(s, s.points[0], tally);
  REQUIRE(row.protocol_columns.size() == 13);
  CHECK(std::get<double>(row.protocol_values[0]) == Approx(0.5));   // p_honest_decided
  CHECK(std::get<double>(row.protocol_values[1]) == Approx(6.0));   // 18 s over 3 commits
  CHECK(std::get<std::uint64_t>(row.protocol_values[2]) == 1);      // invalid_decisions
  CHECK(std::get<double>(row.protocol_values[9]) == Approx(6.0));   // mean_msgs_decide
  CHECK(std::get<double>(row.protocol_values[10]) == Approx(0.5));  // p_no_certificate
  CHECK(std::get<double>(row.protocol_values[11]) == 0);            // p_not_terminated
  CHECK(std::get<double>(row.protocol_values[12]) == 0);            // p_view_change
  const RowFormat format = RowFormat::for_scenarios({&s});
  const auto& columns = format.columns();
  // pbft's 13 columns, then the design columns with max_views after max_rounds.
  REQUIRE(columns.size() == kContractColumns.size() + 13 + kDesignColumns.size() + 1);
  CHECK(columns[kContractColumns.size()] == "p_honest_decided");
  CHECK(columns[kContractColumns.size() + 9] == "mean_msgs_decide");
  CHECK(columns[kContractColumns.size() + 11] == "p_not_terminated");
  CHECK(columns[kContractColumns.size() + 19] == "max_views");
  CHECK(columns.back() == "byzsim_version");
  const std::string line = format.csv_row(row);
  // Roles 3, 1.5, 0 (trials 0 and 1); n = 4, f = 1: quorums 3 and 2, no max_rounds (pbft counts
  // views), max_views f + 2 = 3.
  const std::string tail =
      std::string(",0.5,6,1,0,1,2,3,4,5,6,0.5,0,0,3,1.5,0,3,2,,3,,") + BYZSIM_VERSION + "\n";
  CHECK(line.substr(line.size() - tail.size()) == tail);
}
