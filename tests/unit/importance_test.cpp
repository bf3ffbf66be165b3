// Importance sampling's mechanics: exact, order-independent weight sums; the same tally for
// any thread count and work-unit size; the codec carries the weights; the user's nominal tilt
// is plain Monte Carlo; the loader's refusals; a tilt that cannot help is flagged.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "sim/core/exact_sum.hpp"
#include "sim/core/fixed_columns.hpp"
#include "sim/report/importance_columns.hpp"
#include "sim/run/tally_codec.hpp"
#include "tests/unit/importance_support.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

const std::string kMajority21 = R"([{"role": "honest", "count": 21, "accuracy": 0.9}])";

std::string problems_of(const std::string& text) {
  return all_messages(load_scenario_text(text, "importance.json"));
}

}  // namespace

TEST_CASE("ExactSum gives the same limbs in any order and grouping", "[importance]") {
  std::mt19937_64 gen(7);
  std::vector<double> terms;
  for (int i = 0; i < 1000; ++i)
    terms.push_back(std::ldexp(std::uniform_real_distribution<double>(0.5, 1)(gen),
                               static_cast<int>(gen() % 200) - 150));
  ExactSum forward, split_a, split_b;
  for (double t : terms) forward.add(t);
  std::reverse(terms.begin(), terms.end());
  for (std::size_t i = 0; i < terms.size(); ++i) (i % 3 ? split_a : split_b).add(terms[i]);
  split_a.merge(split_b);
  CHECK(forward == split_a);
  long double plain = 0;
  for (double t : terms) plain += t;
  CHECK(forward.value() == Approx(static_cast<double>(plain)).epsilon(1e-12));
}

TEST_CASE("an importance tally is the same for any thread count and work-unit size",
          "[importance]") {
  const Scenario s = load_one(importance_json("majority", kMajority21, 5, 3000,
                                              R"(, "estimator": {"type": "importance"})"));
  const Tally one = run_point(s, 1);
  CHECK(one.weights.weight[1].value() > 0);
  CHECK(same_tally(one, run_point(s, 3)));
  std::vector<PointJob> jobs{PointJob{&s, 0, s.trials}};
  Tally small_units;
  BatchOptions options;
  options.threads = 2;
  options.block_trials = 7;
  options.on_job_done = [&](std::size_t, const Tally& t) { small_units = t; };
  REQUIRE(run_batch(jobs, options));
  CHECK(same_tally(one, small_units));
  Tally decoded;
  const std::vector<std::uint64_t> words = encode_tally(one);
  REQUIRE(decode_tally(words.data(), words.size(), decoded));
  CHECK(same_tally(one, decoded));
}

TEST_CASE("importance sampling with the nominal law as the given tilt is plain Monte Carlo",
          "[importance]") {
  const Scenario s = load_one(
      importance_json("majority", kMajority21, 5, 2000,
                      R"(, "estimator": {"type": "importance", "tilt": {"judgement": 0.1}})"));
  const Tally tally = run_point(s, 2);
  for (int o = 0; o < kOutcomeCount; ++o)
    CHECK(tally.weights.weight[o].value() ==
          Approx(static_cast<double>(tally.counts[o])).epsilon(1e-12));
}

TEST_CASE("the loader refuses a bad estimator with a pointer and what is accepted",
          "[importance]") {
  const std::string agents = kMajority21;
  std::string text =
      importance_json("majority", agents, 1, 10, R"(, "estimator": {"type": "importanse"})");
  CHECK_THAT(problems_of(text), Catch::Contains("/estimator/type") &&
                                    Catch::Contains("unknown estimator type 'importanse'") &&
                                    Catch::Contains("importance"));
  text = importance_json("majority", agents, 1, 10,
                         R"(, "estimator": {"type": "importance", "tilt": {"judgement": 1}})");
  CHECK_THAT(problems_of(text), Catch::Contains("/estimator/tilt/judgement") &&
                                    Catch::Contains("strictly between 0 and 1"));
  text = importance_json("majority", agents, 1, 10,
                         R"(, "estimator": {"type": "importance", "tilt": {"drop": 0}})");
  CHECK_THAT(problems_of(text), Catch::Contains("/estimator/tilt/drop"));
  text = importance_json("majority", agents, 1, 10,
                         R"(, "estimator": {"type": "plain", "tilt": {"drop": 0.5}})");
  CHECK_THAT(problems_of(text),
             Catch::Contains("/estimator/tilt") && Catch::Contains("only by importance sampling"));
  text = importance_json("majority", R"([{"role": "honest", "count": 5, "accuracy": 1}])", 1, 10,
                         R"(, "estimator": {"type": "importance"})");
  CHECK_THAT(problems_of(text), Catch::Contains("/estimator/type") &&
                                    Catch::Contains("importance sampling cannot be used"));
}

TEST_CASE("a wrong outcome driven by timing alone is flagged, not estimated", "[importance]") {
  // Three slow liars must all vote before three of four accurate honest agents; the only
  // tilted choice (corruption into always-approve) cannot make that likelier.
  const Scenario s = load_one(R"({"seed": 5, "trials": 500, "truth": "good",
    "protocol": {"type": "coordinator-vote", "approve_quorum": 3, "reject_quorum": 3},
    "agents": [{"role": "honest", "count": 4, "accuracy": 1,
                "think_time": {"dist": "exponential", "mean": "1s"}},
               {"role": "malicious", "count": 3, "strategy": "oppose-truth",
                "think_time": {"dist": "exponential", "mean": "300s"}}],
    "corruption": {"p": 0.01, "role": "malicious", "strategy": "always-approve"},
    "estimator": {"type": "importance", "pilot_trials": 200, "pilot_stages": 4}})");
  const Estimate e = estimate(s, 2);
  CHECK(e.stats.degenerate());
  CHECK(e.stats.status == kImportancePilotNoEvent);
}

TEST_CASE("importance columns are output column names no sweep axis may take", "[importance]") {
  for (const ImportanceColumn& column : kImportanceColumns) {
    INFO(column.info.name);
    CHECK(is_fixed_column(column.info.name));
  }
}
