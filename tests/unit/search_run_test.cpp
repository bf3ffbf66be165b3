// The parallel search of schedules (sim/search/schedule_search.hpp): what it counts, which
// witnesses are "first", the same results on any thread count, and the skip of views a run
// never started checked against running every scenario. A stand-in protocol whose result is a
// known function of the schedule makes every count predictable; pbft checks the skip for real.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/protocols/common/protocol_spec.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/search/schedule_search.hpp"
#include "sim/search/twins_sources.hpp"
#include "tests/unit/scenario_builder.hpp"

namespace byzsim::search {

namespace {

// Reads the schedule only: starts view 1 when view 0's leader is agent 1 (else only view 0);
// breaks agreement when view 0's leader is 2 and view 0 is partitioned; validity when view
// 0's leader is 1 and view 1's leader is 3.
class ScheduleEcho : public Protocol {
 public:
  explicit ScheduleEcho(TrialEnv&) {}
  void prepare(const Scenario& scenario) override { scenario_ = &scenario; }
  void start() override {}
  void on_event(const Event&) override {}
  TrialResult finish(StopReason) const override {
    const Schedule& s = scenario_->schedule;
    TrialResult r;
    r.outcome = Outcome::correct;
    r.rounds = s.leader(0) == 1 ? 2 : 1;
    if (s.leader(0) == 2 && !s.views[0].groups.empty()) r.broken |= kBrokenAgreement;
    if (s.leader(0) == 1 && s.leader(1) == 3) r.broken |= kBrokenValidity;
    return r;
  }

 private:
  const Scenario* scenario_ = nullptr;
};

std::unique_ptr<Protocol> make_echo(TrialEnv& env) {
  return std::make_unique<ScheduleEcho>(env);
}

SimTime one_second(const Scenario&) {
  return kSecond;
}

std::uint64_t few_events(const Scenario&) {
  return 100;
}

const ProtocolSpec& echo_spec() {
  static const ProtocolSpec spec{.name = "schedule-echo",
                                 .make = make_echo,
                                 .time_limit_ns = one_second,
                                 .event_limit = few_events,
                                 .schedulable = true};
  return spec;
}

Scenario echo_scenario() {
  Scenario s = testing::coordinator(
      {testing::honest(3),
       testing::with_strategy(Role::malicious, builtin_strategy("oppose-truth"), 1)});
  use_protocol(s.protocol, echo_spec());
  return s;
}

SearchResult search(const Scenario& s, const ScenarioSource& source, int threads,
                    std::size_t witnesses = 3) {
  SearchOptions options;
  options.threads = threads;
  options.witnesses = witnesses;
  return run_search(s, source, options);
}

}  // namespace

TEST_CASE("the search counts runs, covered scenarios and violations by property", "[search]") {
  const Scenario s = echo_scenario();
  const TwinsSpace space(4, {3}, 3, 2);  // 64 choices per view, 262144 scenarios
  const EnumeratedTwins all(space, true);
  const SearchResult r = search(s, all, 2);
  CHECK(r.complete);
  CHECK(r.covered == space.size());
  // Leader 1 in view 0 (16 choices): the run starts views 0 and 1, one run per choice of view
  // 1 (64); the 48 other choices of view 0: one run each.
  CHECK(r.explored == 48 + 16 * 64);
  // Agreement: leader 2 and a partition (15 of 16) in view 0, whatever views 1 and 2 do.
  CHECK(r.agreement == 15 * 64 * 64);
  // Validity: leader 1 in view 0, leader 3 in view 1.
  CHECK(r.validity == 16 * 16 * 64);
  CHECK(r.no_quorum == 0);
  CHECK(r.violations == r.agreement + r.validity);
  // The first witnesses: the lowest numbers. Leader 1 is digit 16..31 of view 0; with leader 3
  // in view 1 (digits 48..63) the first is 16 * 4096 + 48 * 64.
  REQUIRE(r.witnesses.size() == 3);
  CHECK(r.witnesses[0].scenario == 16 * 4096 + 48 * 64);
  CHECK(r.witnesses[0].broken == kBrokenValidity);
  CHECK(r.witnesses[1].scenario == 16 * 4096 + 49 * 64);
  CHECK(r.witnesses[0].schedule.leader(0) == 1);
  CHECK(r.witnesses[0].schedule.leader(1) == 3);
  CHECK(r.first_violation_seconds >= 0);
}

TEST_CASE("the skip gives the counts of running every scenario", "[search]") {
  const Scenario s = echo_scenario();
  const TwinsSpace space(4, {3}, 2, 2);
  const SearchResult skipped = search(s, EnumeratedTwins(space, true), 1);
  const SearchResult every = search(s, EnumeratedTwins(space, false), 1);
  CHECK(every.explored == space.size());
  CHECK(skipped.explored < every.explored);
  CHECK(skipped.covered == every.covered);
  CHECK(skipped.violations == every.violations);
  CHECK(skipped.agreement == every.agreement);
  CHECK(skipped.validity == every.validity);
  REQUIRE(skipped.witnesses.size() == every.witnesses.size());
  for (std::size_t i = 0; i < every.witnesses.size(); ++i)
    CHECK(skipped.witnesses[i].scenario == every.witnesses[i].scenario);
}

TEST_CASE("the results are the same on 1, 2 and 5 threads", "[search]") {
  const Scenario s = echo_scenario();
  const TwinsSpace space(4, {3}, 3, 2);
  const SampledTwins sample(space, 5, 20000);
  const EnumeratedTwins all(space, true);
  for (const ScenarioSource* source : std::vector<const ScenarioSource*>{&sample, &all}) {
    const SearchResult one = search(s, *source, 1, 10);
    for (const int threads : {2, 5}) {
      const SearchResult many = search(s, *source, threads, 10);
      CHECK(many.explored == one.explored);
      CHECK(many.covered == one.covered);
      CHECK(many.violations == one.violations);
      CHECK(many.agreement == one.agreement);
      CHECK(many.validity == one.validity);
      REQUIRE(many.witnesses.size() == one.witnesses.size());
      for (std::size_t i = 0; i < one.witnesses.size(); ++i) {
        CHECK(many.witnesses[i].scenario == one.witnesses[i].scenario);
        CHECK(many.witnesses[i].schedule == one.witnesses[i].schedule);
      }
    }
  }
}

TEST_CASE("a stopped search says it is incomplete", "[search]") {
  const Scenario s = echo_scenario();
  const TwinsSpace space(4, {3}, 3, 2);
  std::atomic<bool> stop{true};
  SearchOptions options;
  options.stop = &stop;
  const SearchResult r = run_search(s, EnumeratedTwins(space, true), options);
  CHECK_FALSE(r.complete);
  CHECK(r.covered < space.size());
}

// pbft reads the schedule for real: each scenario's trial, run on its own, equals the trial of
// the scenario the skip ran for it (its views beyond those started change nothing).
TEST_CASE("pbft: a scenario skipped runs the same trial as the one that covered it", "[search]") {
  LoadOptions load;
  const LoadResult loaded = load_scenario_text(
      R"({"seed": 3, "protocol": {"type": "pbft", "round_timeout": "1s"},
          "agents": [{"role": "honest", "count": 3},
                     {"role": "malicious", "count": 1, "strategy": "oppose-truth"}],
          "network": {"latency": "10ms"}})",
      "pbft.json", load);
  REQUIRE(loaded.ok());
  Scenario s = loaded.scenario->points.front().scenario;
  const TwinsSpace space(4, {3}, 2, 2);
  const EnumeratedTwins skipping(space, true);
  TrialRunner runner;
  std::uint64_t index = 0, runs = 0;
  while (index < space.size()) {
    skipping.schedule(index, s.schedule);
    runner.prepare(s, 0);
    const TrialResult covering = runner.run(0);
    const std::uint64_t next = skipping.next(index, covering.rounds);
    ++runs;
    // Every fourth skipped scenario, run alone (all of them would take long in Debug).
    for (std::uint64_t j = index + 1; j < next; j += 4) {
      skipping.schedule(j, s.schedule);
      runner.prepare(s, 0);
      const TrialResult alone = runner.run(0);
      INFO("scenario " << j << " covered by " << index);
      REQUIRE(alone.outcome == covering.outcome);
      REQUIRE(alone.messages == covering.messages);
      REQUIRE(alone.rounds == covering.rounds);
      REQUIRE(alone.latency_ns == covering.latency_ns);
    }
    index = next;
  }
  CHECK(runs < space.size());  // the skip did skip
}

}  // namespace byzsim::search
