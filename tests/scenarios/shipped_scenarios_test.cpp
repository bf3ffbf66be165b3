// The shipped scenario files: the seed's scripted cases give the seed's decisions in every
// trial, and every file in scenarios/ loads and runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "sim/core/tally.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"

using namespace byzsim;

namespace {

std::string shipped(const std::string& relative) {
  return std::string(BYZSIM_SOURCE_DIR) + "/scenarios/" + relative;
}

// Runs point 0 of a shipped file for `trials` trials.
Tally run_file(const std::string& relative, std::uint64_t trials) {
  const LoadResult loaded = load_scenario_file(shipped(relative));
  for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(loaded.ok());
  const Scenario& scenario = loaded.scenario->points.front().scenario;
  TrialRunner runner;
  runner.prepare(scenario, 0);
  Tally tally;
  for (std::uint64_t t = 0; t < trials; ++t) tally.add(runner.run(t));
  return tally;
}

}  // namespace

TEST_CASE("the seed's deployment example: 5 of 7 approve, APPROVE in every trial") {
  CHECK(run_file("seed/deployment-7-scripted.json", 500).count(Outcome::correct) == 500);
}

TEST_CASE("the seed's payment example: 7 of 10 approve with a 70% quorum, APPROVE") {
  CHECK(run_file("seed/payment-10-scripted.json", 500).count(Outcome::correct) == 500);
}

TEST_CASE("the seed's 4-3 vote under simple majority approves a bad change (wrong)") {
  CHECK(run_file("seed/majority-4-3-scripted.json", 500).count(Outcome::wrong) == 500);
}

TEST_CASE("the seed's 4-3 vote with a symmetric quorum of 5 reaches no consensus") {
  CHECK(run_file("seed/byzantine-4-3-symmetric-scripted.json", 500).count(Outcome::no_consensus) ==
        500);
}

TEST_CASE("the seed's 4-3 vote under the seed's own rule (reject at f + 1 = 3) rejects") {
  CHECK(run_file("seed/byzantine-4-3-seed-rule-scripted.json", 500).count(Outcome::correct) == 500);
}

TEST_CASE("every shipped scenario file loads and every point runs") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(shipped(""))) {
    if (entry.path().extension() != ".json") continue;
    // Plan files (`byzsim plan`, tests/cli/plan.sh runs them) are not scenarios.
    if (entry.path().parent_path().filename() == "plans") continue;
    ++files;
    const LoadResult loaded = load_scenario_file(entry.path().string());
    INFO(entry.path().string());
    for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(loaded.ok());
    for (const auto& point : loaded.scenario->points) {
      TrialRunner runner;
      runner.prepare(point.scenario, static_cast<std::uint64_t>(point.index));
      Tally tally;
      for (std::uint64_t t = 0; t < 50; ++t) tally.add(runner.run(t));
      CHECK(tally.trials == 50);
    }
  }
  CHECK(files >= 14);
}
