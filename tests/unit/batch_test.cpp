// run_batch: every job reported once, in job order, with the tally of exactly its trials,
// whatever the thread count, the work-unit size, and whether rows are rendered on the
// workers (single-segment jobs into their unit's text) or handed over as tallies.
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/bench/workloads.hpp"
#include "sim/run/batch.hpp"
#include "sim/run/trial_runner.hpp"

using namespace byzsim;

namespace {

// A job's tally, computed directly.
Tally direct_tally(const Scenario& s, std::uint64_t point, std::uint64_t trials) {
  TrialRunner runner;
  runner.prepare(s, point);
  Tally t;
  for (std::uint64_t i = 0; i < trials; ++i) t.add(runner.run(i));
  return t;
}

// Built by appending: GCC 12's -Wrestrict misfires on chains of std::string + ... .
std::string describe(std::size_t job, const Tally& t) {
  std::string text = std::to_string(job);
  auto field = [&](unsigned long long value) {
    text += ',';
    text += std::to_string(value);
  };
  field(t.trials);
  for (auto c : t.counts) field(c);
  for (const unsigned __int128 sum : t.general_sums) field(static_cast<unsigned long long>(sum));
  field(static_cast<unsigned long long>(t.latency.quantile(0.99)));
  text += '\n';
  return text;
}

}  // namespace

TEST_CASE("run_batch reports each job once, in order, the same rendered or not, any threads") {
  // Job sizes mix one-trial points (many per unit), points split over several units and
  // points that straddle unit boundaries.
  const std::vector<std::uint64_t> sizes = {1, 1, 3, 1, 700, 1, 1, 2500, 1, 5, 1, 1, 64, 1};
  std::vector<Scenario> scenarios;
  for (std::size_t j = 0; j < sizes.size(); ++j) {
    scenarios.push_back(bench_coordinator_scenario(7));
    scenarios.back().seed = 100 + j;
  }
  std::vector<PointJob> jobs;
  std::string expected;
  for (std::size_t j = 0; j < sizes.size(); ++j) {
    jobs.push_back(PointJob{&scenarios[j], j, sizes[j]});
    expected += describe(j, direct_tally(scenarios[j], j, sizes[j]));
  }
  for (int threads : {1, 2, 4}) {
    for (std::uint64_t block : {1, 7, 1024}) {
      INFO("threads " << threads << ", block " << block);
      BatchOptions plain;
      plain.threads = threads;
      plain.block_trials = block;
      std::string reported;
      plain.on_job_done = [&](std::size_t job, const Tally& t) { reported += describe(job, t); };
      REQUIRE(run_batch(jobs, plain));
      CHECK(reported == expected);

      BatchOptions rendered = plain;
      rendered.on_job_done = nullptr;
      rendered.render = [](std::size_t job, const ScenarioPoint&, const Tally& t,
                           std::string& out) { out += describe(job, t); };
      std::string written;
      rendered.on_job_rendered = [&](std::size_t, std::string_view text) { written += text; };
      REQUIRE(run_batch(jobs, rendered));
      CHECK(written == expected);
    }
  }
}

TEST_CASE("run_batch's ranks share the units: the tallies of all ranks add up to the job's") {
  const std::vector<std::uint64_t> sizes = {1, 3, 700, 1, 2500, 5, 64};
  std::vector<Scenario> scenarios;
  for (std::size_t j = 0; j < sizes.size(); ++j) {
    scenarios.push_back(bench_coordinator_scenario(4));
    scenarios.back().seed = 200 + j;
  }
  std::vector<PointJob> jobs;
  std::string expected;
  for (std::size_t j = 0; j < sizes.size(); ++j) {
    jobs.push_back(PointJob{&scenarios[j], j, sizes[j]});
    expected += describe(j, direct_tally(scenarios[j], j, sizes[j]));
  }
  for (int ranks : {2, 3}) {
    INFO("ranks " << ranks);
    std::vector<Tally> combined(jobs.size());
    for (int rank = 0; rank < ranks; ++rank) {
      BatchOptions options;
      options.threads = 2;
      options.block_trials = 7;
      options.rank = rank;
      options.ranks = ranks;
      options.on_job_done = [&](std::size_t job, const Tally& t) { combined[job].merge(t); };
      REQUIRE(run_batch(jobs, options));
    }
    std::string reported;
    for (std::size_t j = 0; j < jobs.size(); ++j) reported += describe(j, combined[j]);
    CHECK(reported == expected);
  }
}

TEST_CASE(
    "run_batch streams its work: a point of 1e12 trials starts at once and stops on request") {
  // The planner used to list every 1,024-trial block up front: 1e12 trials meant ~100 GB
  // before the first trial. Now the first progress report comes while the point runs, and a
  // stop request ends the run with the point unreported.
  Scenario s = bench_coordinator_scenario(4);
  const std::vector<PointJob> jobs = {PointJob{&s, 0, 1000000000000ULL}};
  std::atomic<bool> stop{false};
  BatchOptions options;
  options.threads = 2;
  options.stop = &stop;
  std::uint64_t seen_total = 0;
  options.on_progress = [&](std::uint64_t, std::uint64_t total) {
    seen_total = total;
    stop = true;
  };
  bool reported = false;
  options.on_job_done = [&](std::size_t, const Tally&) { reported = true; };
  CHECK_FALSE(run_batch(jobs, options));
  CHECK(seen_total == 1000000000000ULL);
  CHECK_FALSE(reported);
}

TEST_CASE("run_batch rethrows an exception of its reporting callback after stopping the workers") {
  Scenario s = bench_coordinator_scenario(4);
  const std::vector<PointJob> jobs = {PointJob{&s, 0, 10}, PointJob{&s, 1, 1000000000000ULL}};
  BatchOptions options;
  options.threads = 2;
  options.on_job_done = [&](std::size_t, const Tally&) { throw std::runtime_error("disk full"); };
  CHECK_THROWS_WITH(run_batch(jobs, options), "disk full");
}
