// Importance sampling against the exact analysis on coordinator-vote and majority scenarios
// whose p_wrong is about 1e-6, 1e-9 and 1e-12 (with liars, corruption and correlation), and
// the coverage of its 95% intervals over 100 seeds. Seeds are fixed, so runs are reproducible.
// Confidence: an estimate within 4 standard errors has probability 0.99994 per check when the
// estimator is right (normal approximation); 90 or more of 100 intervals cover with
// probability 0.98 when their true coverage is 95%.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "tests/unit/importance_support.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

struct Case {
  const char* protocol;
  const char* agents;  // the honest group, without the closing ']'
  const char* extra;
  bool liars = false;  // and 4 oppose-truth agents
};

constexpr const char* kLiars = R"(, {"role": "malicious", "count": 4, "strategy": "oppose-truth"})";

const Case kCases[] = {
    {"majority", R"([{"role": "honest", "count": 13, "accuracy": 0.95})", ""},          // 1.0e-6
    {"majority", R"([{"role": "honest", "count": 31, "accuracy": 0.9})", ""},           // 6.9e-9
    {"majority", R"([{"role": "honest", "count": 31, "accuracy": 0.95})", ""},          // 2.2e-13
    {"coordinator-vote", R"([{"role": "honest", "count": 21, "accuracy": 0.97})", ""},  // 8.8e-7
    {"coordinator-vote", R"([{"role": "honest", "count": 31, "accuracy": 0.99})", ""},  // 3.5e-15
    {"coordinator-vote", R"([{"role": "honest", "count": 27, "accuracy": 0.97})", "", true},
    {"majority", R"([{"role": "honest", "count": 27, "accuracy": 0.93})", "", true},
    {"coordinator-vote", R"([{"role": "honest", "count": 25, "accuracy": 0.97})",
     R"(, "corruption": {"count": "0:3", "role": "malicious", "strategy": "oppose-truth"})"},
    {"majority", R"([{"role": "honest", "count": 25, "accuracy": 0.95})",
     R"(, "corruption": {"p": 0.05, "role": "malicious", "strategy": "oppose-truth"})"},
    {"majority", R"([{"role": "honest", "count": 21, "accuracy": 0.95, "correlation": 0.01})", ""},
};

std::string agents_of(const Case& c) {
  return std::string(c.agents) + (c.liars ? kLiars : "") + "]";
}

constexpr const char* kImportance = R"(, "estimator": {"type": "importance"})";

}  // namespace

TEST_CASE(
    "importance sampling p_wrong is within 4 se of exact with relative error below 10 percent",
    "[statistical][importance]") {
  for (const Case& c : kCases) {
    const Scenario s = load_one(
        importance_json(c.protocol, agents_of(c), 3, 10000, std::string(c.extra) + kImportance));
    const double exact = exact_p_wrong(s);
    const Estimate e = estimate(s);
    const ImportanceRate& wrong = e.stats.rates[static_cast<int>(Outcome::wrong)];
    INFO(c.protocol << " " << agents_of(c) << c.extra << ": exact " << exact << ", estimate "
                    << e.wrong.p << " +- " << wrong.se);
    CHECK(e.stats.status == kImportanceOk);
    CHECK(std::fabs(e.wrong.p - exact) <= 4 * wrong.se);
    REQUIRE(wrong.rel_err);
    CHECK(*wrong.rel_err <= 0.10);
  }
}

TEST_CASE("importance sampling 95 percent intervals cover the exact p_wrong in 90 of 100 seeds",
          "[statistical][importance]") {
  const std::string agents = R"([{"role": "honest", "count": 31, "accuracy": 0.9}])";
  const double exact = exact_p_wrong(load_one(importance_json("majority", agents, 1, 2000)));
  REQUIRE(exact == Approx(6.85e-9).epsilon(0.01));
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const Scenario s =
        load_one(importance_json("majority", agents, seed, 2000,
                                 R"(, "estimator": {"type": "importance", "pilot_trials": 500})"));
    const Estimate e = estimate(s);
    covered += e.wrong.lo <= exact && exact <= e.wrong.hi;
  }
  INFO(covered << " of 100 intervals cover " << exact);
  CHECK(covered >= 90);
}

TEST_CASE("importance sampling agrees with counted trials on pbft where counting sees the event",
          "[statistical][importance]") {
  // 7 pbft replicas of accuracy 0.95: p_wrong about 1.8e-3, which 100,000 counted trials
  // measure to about 7%.
  const std::string text =
      importance_json("pbft", R"([{"role": "honest", "count": 7, "accuracy": 0.95}])", 11, 5000,
                      R"(, "network": {"latency": {"dist": "uniform", "min": "5ms", "max": "50ms"}},
           "estimator": {"type": "importance"})");
  const Scenario rare = load_one(text);
  const Estimate e = estimate(rare, 2);
  Scenario plain = rare;
  plain.estimator = Estimator{};
  plain.trials = 100000;
  const Tally counted = run_point(plain, 2);
  const double n = static_cast<double>(counted.trials);
  const double p = static_cast<double>(counted.count(Outcome::wrong)) / n;
  const double se_plain = std::sqrt(p * (1 - p) / n);
  const double se_rare = e.stats.rates[static_cast<int>(Outcome::wrong)].se;
  INFO("importance " << e.wrong.p << " +- " << se_rare << ", counted " << p << " +- " << se_plain);
  CHECK(e.stats.status == kImportanceOk);
  CHECK(p > 5e-4);
  CHECK(std::fabs(e.wrong.p - p) <= 4 * std::hypot(se_plain, se_rare));
}
