// The adversary's acceptance runs, on the shipped scenarios
// in scenarios/adversary/:
// - Safety under b <= f is an invariant, not a rate: 0 safety violations and 0 disagreements in
//   every one of the 275,000 trials of the three safety files (each new message strategy at
//   b = f for n = 4 and n = 7, and pairs of strategies side by side, over a lossy, partitioned
//   network with a GST). A single violation fails.
// - With b = f + 1 the 3f+1 bound is tight: equivocation in chosen phases and ByzzFuzz-style
//   mutation split honest agents, random voting cannot (a follower that never sends two values
//   keeps quorum intersection, so 0 is exact there, not a sample). For the attacks the test
//   asks for at least one disagreement in 60,000 trials; at the rates measured when the test
//   was written (signatures on: equivocate 0.039, 2339 splits; off: equivocate 0.214, mutate
//   0.088, 12866 and 5284) the chance of seeing none if a rate were even a tenth of that is
//   below e^-200. With signatures on, mutation splits nobody here (a leader cannot send a
//   PRE-PREPARE for a value whose certificate it does not hold): measured, not asserted.
//   The seeds are fixed, so the run is reproducible.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/core/tally.hpp"
#include "sim/run/batch.hpp"
#include "sim/scenario/loader.hpp"

using namespace byzsim;

namespace {

std::vector<Tally> run_file(const std::string& name) {
  const LoadResult loaded =
      load_scenario_file(std::string(BYZSIM_SOURCE_DIR) + "/scenarios/adversary/" + name);
  std::string problems;
  for (const Diagnostic& d : loaded.diagnostics) problems += d.to_string() + "\n";
  INFO(problems);
  REQUIRE(loaded.ok());
  std::vector<PointJob> jobs;
  for (std::size_t i = 0; i < loaded.scenario->points.size(); ++i) {
    const Scenario& s = loaded.scenario->points[i].scenario;
    jobs.push_back(PointJob{&s, i, s.trials});
  }
  std::vector<Tally> tallies(jobs.size());
  BatchOptions options;
  options.threads = 2;
  options.on_job_done = [&](std::size_t i, const Tally& t) { tallies[i] = t; };
  REQUIRE(run_batch(jobs, options));
  return tallies;
}

}  // namespace

TEST_CASE("pbft is safe with b <= f message adversaries: 275,000 trials, 0 violations",
          "[statistical]") {
  std::uint64_t trials = 0;
  for (const char* file :
       {"safety-b-equals-f-4.json", "safety-b-equals-f-7.json", "safety-mixed-7.json"}) {
    const std::vector<Tally> tallies = run_file(file);
    for (std::size_t point = 0; point < tallies.size(); ++point) {
      INFO(file << " point " << point);
      const Tally& t = tallies[point];
      trials += t.trials;
      CHECK(t.safety_violations == 0);
      CHECK(t.count(Outcome::disagreement) == 0);
      CHECK(t.count(Outcome::correct) > t.trials / 2);  // the runs did decide, mostly right
    }
  }
  CHECK(trials == 275000);
}

TEST_CASE("with b = f + 1, phase equivocation and mutation split honest agents, random cannot",
          "[statistical]") {
  // Points: signatures on, then off; each with random, equivocate (vote, pre-prepare, prepare,
  // commit), mutate. Disagreements are counts of a deterministic run (fixed seed): the checks are
  // exact, and the margins (thousands of splits against none) leave no doubt about the sign.
  const std::vector<Tally> tallies = run_file("attack-b-f-plus-1-4.json");
  REQUIRE(tallies.size() == 6);
  for (const Tally& t : tallies) {
    CHECK(t.trials == 60000);
    CHECK(t.safety_violations == 0);  // b > f: a split is the theory's, not a bug
  }
  auto splits = [&](std::size_t point) { return tallies[point].count(Outcome::disagreement); };
  CHECK(splits(0) == 0);  // random voters follow the protocol, signatures or not
  CHECK(splits(3) == 0);
  CHECK(splits(1) > 0);  // equivocation that signs both votes to its leader: both certificates
  CHECK(splits(4) > 0);  // without signatures, nothing stops a split
  CHECK(splits(5) > 0);  // mutation: a flipped PRE-PREPARE needs no certificate then
  // Certificates make splitting harder: the same attack splits more often without them.
  CHECK(splits(4) > splits(1));
}
