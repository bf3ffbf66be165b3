// The simulator agrees with the exact analysis over a grid of populations, accuracies,
// drops and rounds. Confidence: each rate must lie in the Wilson interval of the observed
// count at a z chosen so that the whole family of checks has a 99.9% chance to pass when
// the simulator is right (Bonferroni: per check 1 - 0.001 / checks). Seeds are fixed, so a
// run is reproducible; the trials (50,000 per point) make the interval about +-0.01 at
// p = 0.5, tight enough to catch a wrong model of any one strategy.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "analysis/exact/exact.hpp"
#include "sim/core/tally.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/trial_runner.hpp"
#include "tests/unit/scenario_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

constexpr int kPoints = 48;
constexpr int kChecksPerPoint = 3;  // correct, wrong, no consensus
constexpr std::uint64_t kTrials = 50000;

// Inverse of the standard normal upper tail by bisection (enough for a test constant).
double upper_quantile(double tail) {
  double lo = 0, hi = 10;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(mid / std::sqrt(2.0)) > tail ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// Wilson score interval of k successes in n at normal quantile z.
std::pair<double, double> wilson(std::uint64_t k, std::uint64_t n, double z) {
  const double p = static_cast<double>(k) / static_cast<double>(n), nn = static_cast<double>(n);
  const double z2n = z * z / nn;
  const double center = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / nn + z2n / (4 * nn));
  return {center - half, center + half};
}

// The bad agents of grid point i: every strategy the exact model covers, in turn.
AgentGroup bad_group(int i, int count) {
  switch (i % 8) {
    case 0:
      return with_strategy(Role::malicious, builtin_strategy("oppose-truth"), count);
    case 1:
      return with_strategy(Role::malicious, builtin_strategy("random"), count);
    case 2:
      return with_strategy(Role::malicious, builtin_strategy("always-approve"), count);
    case 3:
      return with_strategy(Role::malicious, builtin_strategy("withhold"), count);
    case 4:
      return fixed(Role::faulty, Vote::reject, count);
    case 5: {
      AgentGroup g = with_strategy(Role::faulty, builtin_strategy("flip"), count);
      g.accuracy = 0.8;
      g.p = 0.3;
      return g;
    }
    case 6: {
      AgentGroup g = with_strategy(Role::faulty, builtin_strategy("omission"), count);
      g.accuracy = 0.9;
      g.p = 0.5;
      return g;
    }
    default:
      return with_strategy(Role::faulty, builtin_strategy("crash"), count);  // crash at 0
  }
}

Scenario grid_point(int i) {
  const int n = 4 + (i * 7) % 28;               // 4..31
  const int bad = (i * 5) % (n / 2 + 1);        // 0..n/2
  const double accuracy = 0.6 + 0.1 * (i % 5);  // 0.6..1.0
  Scenario s = coordinator({honest(n - bad, accuracy), bad_group(i, bad)}, Truth::Kind::random);
  if (i % 4 == 1) use_protocol(s.protocol, builtin_protocol("majority"));
  s.network.drop = 0.05 * ((i / 2) % 5);  // 0..0.2
  s.protocol.max_rounds = 1 + i % 3;      // 1..3
  s.protocol.rejudge = (i / 3) % 2 == 1;
  if (i % 6 == 5) s.agents[0].correlation = 0.3;
  if (i % 7 == 3) {  // the seed's "randomly 0-2 agents may provide faulty votes"
    s.corruption.enabled = true;
    s.corruption.count_min = 0;
    s.corruption.count_max = 2;
    s.corruption.replacement = with_strategy(Role::faulty, builtin_strategy("random"), 0);
  }
  s.seed = 1000 + static_cast<std::uint64_t>(i);
  return s;
}

}  // namespace

TEST_CASE("simulated outcome rates agree with the exact analysis over a grid (family-wise 99.9%)",
          "[statistical]") {
  const double z = upper_quantile(0.001 / (2.0 * kPoints * kChecksPerPoint));
  INFO("per-check two-sided z = " << z);
  for (int i = 0; i < kPoints; ++i) {
    const Scenario s = grid_point(i);
    const ExactReport exact = compute_exact(s, spec_of(s.protocol).exact.value());
    INFO("grid point " << i << ": n = " << s.n() << ", bad = " << s.agents[1].count << " ("
                       << strategy_of(s.agents[1]).name << "), accuracy " << s.agents[0].accuracy
                       << ", drop " << s.network.drop << ", rounds " << s.protocol.max_rounds
                       << (s.protocol.rejudge ? " rejudged" : "") << ", " << s.protocol.name());
    REQUIRE(exact.outcome.has_value());
    TrialRunner runner;
    runner.prepare(s, 0);
    Tally tally;
    for (std::uint64_t t = 0; t < kTrials; ++t) tally.add(runner.run(t));
    const double expected[kChecksPerPoint] = {exact.outcome->p_correct, exact.outcome->p_wrong,
                                              exact.outcome->p_no_consensus};
    const char* names[kChecksPerPoint] = {"correct", "wrong", "no consensus"};
    for (int k = 0; k < kChecksPerPoint; ++k) {
      const auto [lo, hi] = wilson(tally.counts[k], kTrials, z);
      INFO(names[k] << ": simulated " << tally.counts[k] << "/" << kTrials << ", interval [" << lo
                    << ", " << hi << "], exact " << expected[k]);
      CHECK(lo <= expected[k] + 1e-12);
      CHECK(expected[k] <= hi + 1e-12);
    }
    // Means too: rounds within 6 standard errors (rounds are at most 3, sd <= 1).
    const double mean_rounds = *tally.general(general_column("mean_rounds"));
    CHECK(std::abs(mean_rounds - exact.outcome->mean_rounds) <= 6.0 / std::sqrt(kTrials));
  }
}
