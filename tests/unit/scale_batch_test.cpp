// run_batch over a JobSource: memory bounded by the reorder window (no worker reaches a job a
// window past the reports, however slow the reporting), the same rows as from a list of jobs,
// and MPI-style ranks and stops still correct when jobs are read as they are reached.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/bench/workloads.hpp"
#include "sim/run/batch.hpp"

using namespace byzsim;

namespace {

// `count` points of the n = 4 bench scenario, seed 300 + point, point i of trials `trials(i)`;
// records how far ahead of the reports any point was read.
class CountingSource : public JobSource {
 public:
  CountingSource(std::size_t count, std::vector<std::uint64_t> sizes)
      : count_(count), sizes_(std::move(sizes)) {
    base_.scenario = bench_coordinator_scenario(4);
  }
  std::size_t size() const override { return count_; }
  std::uint64_t trials(std::size_t job) const override { return sizes_[job % sizes_.size()]; }
  const ScenarioPoint& point(std::size_t job, ScenarioPoint& scratch) const override {
    const std::size_t reported_now = reported.load();
    std::size_t ahead = job > reported_now ? job - reported_now : 0;
    std::size_t seen = max_ahead.load();
    while (ahead > seen && !max_ahead.compare_exchange_weak(seen, ahead)) {
    }
    scratch = base_;
    scratch.index = static_cast<int>(job);
    scratch.scenario.seed = 300 + job;
    return scratch;
  }
  mutable std::atomic<std::size_t> max_ahead{0};
  std::atomic<std::size_t> reported{0};  // jobs whose row was passed on

 private:
  std::size_t count_;
  std::vector<std::uint64_t> sizes_;
  ScenarioPoint base_;
};

std::string row_of(std::size_t job, const Tally& t) {
  std::string text = std::to_string(job);
  text += ',';
  text += std::to_string(t.trials);
  for (auto c : t.counts) {
    text += ',';
    text += std::to_string(c);
  }
  text += '\n';
  return text;
}

// The same jobs as a list, each with its own scenario.
std::string listed_rows(const CountingSource& source, int threads) {
  std::vector<ScenarioPoint> points(source.size());
  std::vector<PointJob> jobs;
  for (std::size_t j = 0; j < source.size(); ++j) {
    source.point(j, points[j]);
    jobs.push_back(PointJob{&points[j].scenario, j, source.trials(j)});
  }
  BatchOptions options;
  options.threads = threads;
  std::string rows;
  options.on_job_done = [&](std::size_t job, const Tally& t) { rows += row_of(job, t); };
  REQUIRE(run_batch(jobs, options));
  return rows;
}

}  // namespace

TEST_CASE("run_batch reads a point no further than its window ahead of the reports") {
  // 60,000 one-trial points (a unit holds 1,024 of them) and a reporting thread that stalls
  // now and then: without the window the workers would run through every point meanwhile.
  constexpr std::size_t kPoints = 60000;
  CountingSource source(kPoints, {1});
  const std::size_t window = batch_window(kPoints, 1024, 2);
  REQUIRE(window < kPoints / 4);
  BatchOptions options;
  options.threads = 2;
  options.render = [](std::size_t job, const ScenarioPoint&, const Tally& t, std::string& out) {
    out += row_of(job, t);
  };
  std::string rows;
  options.on_job_rendered = [&](std::size_t job, std::string_view text) {
    rows += text;
    source.reported = job + 1;
    if (job % 5000 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  };
  REQUIRE(run_batch(source, options));
  CHECK(source.max_ahead.load() > window / 2);  // the stalls did let the workers run ahead
  CHECK(source.max_ahead.load() <= window);
  CHECK(rows == listed_rows(source, 1));
}

TEST_CASE(
    "run_batch over a source: ranks add up to the whole, with a window smaller than the jobs") {
  // Points of 1 to 250 trials: units of 7 trials split them; jobs of no segment on a rank
  // are reported at once, with an empty tally.
  CountingSource source(12000, {1, 3, 1, 1, 250, 1, 5, 1});
  REQUIRE(batch_window(source.size(), 7, 2) < source.size());
  const std::string expected = listed_rows(source, 2);
  std::vector<Tally> combined(source.size());
  for (int rank = 0; rank < 3; ++rank) {
    BatchOptions options;
    options.threads = 2;
    options.block_trials = 7;
    options.rank = rank;
    options.ranks = 3;
    options.on_job_done = [&](std::size_t job, const Tally& t) {
      combined[job].merge(t);
      source.reported = job + 1;
    };
    REQUIRE(run_batch(source, options));
  }
  std::string rows;
  for (std::size_t j = 0; j < source.size(); ++j) rows += row_of(j, combined[j]);
  CHECK(rows == expected);
}

TEST_CASE("run_batch over a source stops on request with every reported job complete") {
  CountingSource source(200000, {1});
  std::atomic<bool> stop{false};
  BatchOptions options;
  options.threads = 2;
  options.stop = &stop;
  std::size_t reported = 0;
  bool in_order = true;
  options.on_job_done = [&](std::size_t job, const Tally& t) {
    in_order &= job == reported && t.trials == 1;
    ++reported;
    if (reported == 30000) stop = true;
  };
  CHECK_FALSE(run_batch(source, options));
  CHECK(in_order);
  CHECK(reported >= 30000);
  CHECK(reported < source.size());
}

TEST_CASE("run_batch over a source of fewer trials than the reporting thread's lookahead") {
  // A window of one or two jobs: the lookahead must stop at the last job, not run past it.
  for (std::size_t count : {1, 2, 3}) {
    CountingSource source(count, {1});
    BatchOptions options;
    options.threads = 2;
    std::string rows;
    options.render = [](std::size_t job, const ScenarioPoint&, const Tally& t, std::string& out) {
      out += row_of(job, t);
    };
    options.on_job_rendered = [&](std::size_t, std::string_view text) { rows += text; };
    REQUIRE(run_batch(source, options));
    CHECK(rows == listed_rows(source, 1));
  }
}
