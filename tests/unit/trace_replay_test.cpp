// `byzsim trace` against `run`: replayed trials (with every format's records) give the outcomes
// run counted, --find's search equals a plain scan on any thread count, and the generic message
// fields pair every delivery with its send for each built-in protocol.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "sim/core/rng.hpp"
#include "sim/run/batch.hpp"
#include "sim/run/trace_replay.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/run/trial_search.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

using namespace byzsim;

namespace {

LoadedScenario load(const std::string& relative, std::uint64_t trials) {
  LoadOptions options;
  options.sets = {"/trials=" + std::to_string(trials)};
  LoadResult loaded = load_scenario_file(std::string(BYZSIM_SOURCE_DIR) + "/" + relative, options);
  REQUIRE(loaded.ok());
  return std::move(*loaded.scenario);
}

// Tallies of every point, as `run` computes them.
std::vector<Tally> batch_tallies(const LoadedScenario& s) {
  std::vector<PointJob> jobs;
  for (std::size_t p = 0; p < s.points.size(); ++p)
    jobs.push_back(PointJob{&s.points[p].scenario, p, s.points[p].scenario.trials});
  std::vector<Tally> tallies(jobs.size());
  BatchOptions options;
  options.threads = 2;
  options.block_trials = 64;
  options.on_job_done = [&](std::size_t job, const Tally& t) { tallies[job] = t; };
  REQUIRE(run_batch(jobs, options));
  return tallies;
}

}  // namespace

TEST_CASE("every replayed trial, in every format, has the outcome run counted for it") {
  // Per point, the outcomes of all replayed trials add up to the row's counts exactly.
  for (const char* file : {"scenarios/seed/deployment-7.json", "scenarios/pbft/sweep-b-4.json",
                           "scenarios/seed/majority-4-3-scripted.json"}) {
    INFO(file);
    const LoadedScenario s = load(file, 60);
    const std::vector<Tally> tallies = batch_tallies(s);
    for (std::size_t p = 0; p < s.points.size(); ++p) {
      TrialRunner runner;
      runner.prepare(s.points[p].scenario, p);
      std::uint64_t counts[kOutcomeCount] = {};
      for (std::uint64_t t = 0; t < 60; ++t) {
        const ReplayedTrial r = replay_trial(runner, t);
        ++counts[static_cast<int>(r.result.outcome)];
        CHECK(r.run.outcome == to_string(r.result.outcome));
        CHECK(r.run.dropped_records == 0);
      }
      for (int k = 0; k < kOutcomeCount; ++k) CHECK(counts[k] == tallies[p].counts[k]);
    }
  }
}

TEST_CASE("random (point, trial) picks replay the untraced trial's outcome and messages") {
  const LoadedScenario s = load("scenarios/pbft/sweep-b-7.json", 500);
  Rng pick = Rng::for_trial(2026, 0, 0);  // the picks themselves are reproducible
  TrialRunner traced, plain;
  for (int k = 0; k < 40; ++k) {
    const auto p = pick.below(s.points.size());
    const auto t = pick.below(500);
    traced.prepare(s.points[p].scenario, p);
    plain.prepare(s.points[p].scenario, p);
    const ReplayedTrial r = replay_trial(traced, t);
    const TrialResult u = plain.run(t);
    INFO("point " << p << " trial " << t);
    CHECK(r.result.outcome == u.outcome);
    CHECK(r.result.messages == u.messages);
    // Every message sent is in the trace, as a send or a loss.
    std::uint32_t sent = 0;
    for (const TraceRecord& rec : r.records)
      sent += trace_format::is_send(rec) || trace_format::is_lost(rec);
    CHECK(sent == u.messages);
  }
}

TEST_CASE("the search for an outcome equals a scan, whatever the number of threads") {
  const LoadedScenario s = load("scenarios/seed/deployment-7.json", 3000);
  const Scenario& scenario = s.points[0].scenario;
  std::vector<std::uint64_t> scan;
  TrialRunner runner;
  runner.prepare(scenario, 0);
  for (std::uint64_t t = 0; t < scenario.trials && scan.size() < 7; ++t)
    if (runner.run(t).outcome == Outcome::wrong) scan.push_back(t);
  REQUIRE(scan.size() == 7);  // deployment-7 decides wrongly in about 5% of trials
  auto wrong = [](const TrialResult& r) { return r.outcome == Outcome::wrong; };
  for (const int threads : {1, 2, 5}) {
    for (const std::uint64_t block : {1, 16, 500}) {
      TrialSearch search;
      search.limit = 7;
      search.threads = threads;
      search.block_trials = block;
      const TrialSearchResult found = find_trials(scenario, 0, wrong, search);
      CHECK(found.trials == scan);
      CHECK(found.searched == scan.back() + 1);
      CHECK_FALSE(found.stopped);
    }
  }
}

TEST_CASE("a search without a match covers every trial of the point and finds nothing") {
  const LoadedScenario s = load("scenarios/seed/majority-4-3-scripted.json", 50);
  TrialSearch search;
  search.limit = 3;
  search.threads = 2;
  search.block_trials = 8;
  const TrialSearchResult found = find_trials(
      s.points[0].scenario, 0, [](const TrialResult& r) { return r.outcome == Outcome::correct; },
      search);
  CHECK(found.trials.empty());  // scripted: every trial decides wrongly
  CHECK(found.searched == 50);
  CHECK_FALSE(found.stopped);
}

TEST_CASE("every delivery of coordinator-vote and pbft is paired with its send") {
  for (const char* file :
       {"scenarios/seed/deployment-7.json", "scenarios/pbft/deployment-7-pbft.json"}) {
    INFO(file);
    const LoadedScenario s = load(file, 20);
    TrialRunner runner;
    runner.prepare(s.points[0].scenario, 0);
    for (std::uint64_t t = 0; t < 20; ++t) {
      const ReplayedTrial r = replay_trial(runner, t);
      const std::vector<int> partner = trace_format::match_messages(r.records);
      std::size_t deliveries = 0;
      for (std::size_t i = 0; i < r.records.size(); ++i) {
        if (!trace_format::is_deliver(r.records[i])) continue;
        ++deliveries;
        REQUIRE(partner[i] >= 0);
        const TraceRecord& send = r.records[static_cast<std::size_t>(partner[i])];
        CHECK(send.arrive_at == r.records[i].at);
        CHECK(send.at <= r.records[i].at);
      }
      CHECK(deliveries > 0);
    }
  }
}

TEST_CASE("a trace beyond its cap is cut, and every format says so") {
  const LoadedScenario s = load("scenarios/seed/deployment-7.json", 1);
  TrialRunner runner;
  runner.prepare(s.points[0].scenario, 0);
  const ReplayedTrial full = replay_trial(runner, 0);
  const ReplayedTrial cut = replay_trial(runner, 0, 10);
  REQUIRE(full.records.size() > 10);
  CHECK(cut.records.size() == 10);
  CHECK(cut.run.dropped_records == full.records.size() - 10);
  CHECK(cut.result.outcome == full.result.outcome);  // the cap never changes the trial
  const TraceView view{&cut.run, &cut.records};
  for (const TraceFormatSpec& format : trace_formats()) {
    std::ostringstream out;
    format.write(view, out);
    INFO(format.name);
    CHECK((out.str().find("truncated") != std::string::npos));
  }
}
