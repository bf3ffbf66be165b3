// The shipped pbft scenarios: the seed's scripted cases decide under pbft as under the
// coordinator, and the b sweeps show the n = 3f+1 line (scenarios/README.md, docs/pbft.md).
#include <catch2/catch.hpp>

#include <string>

#include "sim/core/tally.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"

using namespace byzsim;

namespace {

LoadedScenario load_shipped(const std::string& relative) {
  const LoadResult loaded =
      load_scenario_file(std::string(BYZSIM_SOURCE_DIR) + "/scenarios/" + relative);
  for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

Tally run_point(const ScenarioPoint& point, std::uint64_t trials) {
  TrialRunner runner;
  runner.prepare(point.scenario, static_cast<std::uint64_t>(point.index));
  Tally tally;
  for (std::uint64_t t = 0; t < trials; ++t) tally.add(runner.run(t));
  return tally;
}

Tally run_file(const std::string& relative, std::uint64_t trials) {
  return run_point(load_shipped(relative).points.front(), trials);
}

}  // namespace

TEST_CASE("the seed's scripted cases decide under pbft as under the trusted coordinator") {
  CHECK(run_file("pbft/deployment-7-scripted-pbft.json", 200).count(Outcome::correct) == 200);
  CHECK(run_file("pbft/payment-10-scripted-pbft.json", 200).count(Outcome::correct) == 200);
  CHECK(run_file("pbft/byzantine-4-3-seed-rule-scripted-pbft.json", 200).count(Outcome::correct) ==
        200);
  CHECK(run_file("pbft/byzantine-4-3-symmetric-scripted-pbft.json", 200)
            .count(Outcome::no_consensus) == 200);
}

TEST_CASE("the pbft b sweeps: no disagreement up to b = f, disagreement at b = f + 1") {
  for (int n : {4, 7, 10}) {
    const int f = (n - 1) / 3;
    const LoadedScenario s = load_shipped("pbft/sweep-b-" + std::to_string(n) + ".json");
    for (const ScenarioPoint& point : s.points) {
      const int b = point.scenario.corruption.count_min;
      if (b > f + 1) continue;
      const Tally tally = run_point(point, 300);
      INFO("n = " << n << ", b = " << b << ", " << point.axis_values[0]);
      CHECK(tally.safety_violations == 0);
      if (b <= f)
        CHECK(tally.count(Outcome::disagreement) == 0);
      else  // observed rates are 0.1 to 0.3: 300 trials see some with near certainty
        CHECK(tally.count(Outcome::disagreement) > 0);
    }
  }
}
