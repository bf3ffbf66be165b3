// Event queue ordering, the simulator's limits, the random streams and the samplers.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/core/distribution.hpp"
#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/simulator.hpp"

using namespace byzsim;

TEST_CASE("events pop in time order and equal times pop first-in first-out") {
  EventQueue q;
  // Interleave times so the heap has to reorder; payload records insertion order.
  const SimTime times[] = {50, 10, 30, 10, 50, 0, 30, 10, 20, 0};
  for (std::uint32_t i = 0; i < 10; ++i) q.push(Event{times[i], 0, 0, 0, 0, i});
  std::vector<std::pair<SimTime, std::uint32_t>> popped;
  while (!q.empty()) {
    const Event e = q.pop();
    popped.emplace_back(e.at, e.payload);
  }
  const std::vector<std::pair<SimTime, std::uint32_t>> expected = {
      {0, 5}, {0, 9}, {10, 1}, {10, 3}, {10, 7}, {20, 8}, {30, 2}, {30, 6}, {50, 0}, {50, 4}};
  CHECK(popped == expected);
}

TEST_CASE("a large random workload pops sorted by (time, insertion)") {
  EventQueue q;
  Rng rng = Rng::for_trial(7, 0, 0);
  for (std::uint32_t i = 0; i < 20000; ++i)
    q.push(Event{static_cast<SimTime>(rng.below(500)), 0, 0, 0, 0, i});
  Event previous = q.pop();
  while (!q.empty()) {
    const Event e = q.pop();
    REQUIRE((previous.at < e.at || (previous.at == e.at && previous.payload < e.payload)));
    previous = e;
  }
}

namespace {
struct Recorder {
  Simulator* sim;
  std::vector<SimTime> seen;
  int reschedule = 0;  // each event schedules another this many ns later, this many times
  void on_event(const Event& e) {
    seen.push_back(sim->now());
    if (reschedule > 0) {
      --reschedule;
      sim->schedule_at(sim->now() + 10, e.target, e.kind, e.round, e.payload);
    }
  }
};
}  // namespace

TEST_CASE("the simulator runs events at their times and stops when the queue drains") {
  Simulator sim;
  sim.reset(1000, 100);
  Recorder r{&sim, {}, 0};
  sim.schedule_at(5, 0, 0, 0, 0);
  sim.schedule_at(3, 0, 0, 0, 0);
  r.reschedule = 2;
  CHECK(sim.run(r) == StopReason::drained);
  CHECK(r.seen == std::vector<SimTime>{3, 5, 13, 15});
}

TEST_CASE("a trial stops at its time limit and at its event limit, never hangs") {
  Simulator sim;
  Recorder r{&sim, {}, 0};
  r.reschedule = 1000000;  // would run for ever
  sim.reset(95, 1000000);
  sim.schedule_at(0, 0, 0, 0, 0);
  CHECK(sim.run(r) == StopReason::time_limit);
  CHECK(sim.now() == 90);  // the event at 100 is past the limit and not processed

  Recorder r2{&sim, {}, 0};
  r2.reschedule = 1000000;
  sim.reset(kTimeNever, 50);
  sim.schedule_at(0, 0, 0, 0, 0);
  CHECK(sim.run(r2) == StopReason::event_limit);
  CHECK(r2.seen.size() == 50);
}

TEST_CASE("the same (seed, point, trial) gives the same stream - any change gives another") {
  auto first = [](std::uint64_t s, std::uint64_t p, std::uint64_t t) {
    Rng rng = Rng::for_trial(s, p, t);
    return rng.next_u64();
  };
  CHECK(first(1, 2, 3) == first(1, 2, 3));
  CHECK(first(1, 2, 3) != first(2, 2, 3));
  CHECK(first(1, 2, 3) != first(1, 3, 3));
  CHECK(first(1, 2, 3) != first(1, 2, 4));
  CHECK(first(0, 0, 1) != first(0, 1, 0));  // swapped coordinates are different streams
}

TEST_CASE("bernoulli with p 0 or 1 is certain and consumes no randomness") {
  Rng a = Rng::for_trial(1, 1, 1);
  Rng b = Rng::for_trial(1, 1, 1);
  CHECK(a.bernoulli(1.0));
  CHECK_FALSE(a.bernoulli(0.0));
  CHECK(a.next_u64() == b.next_u64());
}

TEST_CASE("below(bound) is uniform over 0 to bound - 1") {
  // 60,000 draws over 6 values: each count is Binomial(60000, 1/6), sd ~ 91; 5 sd bounds
  // give a false-failure chance below 1e-5 for the whole test.
  Rng rng = Rng::for_trial(3, 0, 0);
  int counts[6] = {};
  for (int i = 0; i < 60000; ++i) ++counts[rng.below(6)];
  for (int c : counts) CHECK(std::abs(c - 10000) < 5 * 91);
}

namespace {
// Sample mean of `draws` draws, in ns.
double sample_mean(const Distribution& d, int draws) {
  Rng rng = Rng::for_trial(11, 0, 0);
  double sum = 0;
  for (int i = 0; i < draws; ++i) sum += static_cast<double>(sample(d, rng));
  return sum / draws;
}
}  // namespace

TEST_CASE("latency samplers have the means their parameters imply") {
  // 200,000 draws; tolerances are 5 standard errors (false failure < 1e-6 per check).
  const int draws = 200000;
  SECTION("constant") {
    CHECK(sample_mean(Distribution::constant(5e6), 10) == 5e6);
  }
  SECTION("uniform 5..50 ms: mean 27.5 ms, sd 13 ms") {
    Distribution d;
    d.kind = Distribution::Kind::uniform;
    d.min_ns = 5e6;
    d.max_ns = 50e6;
    CHECK(std::abs(sample_mean(d, draws) - 27.5e6) < 5 * 13e6 / std::sqrt(draws));
  }
  SECTION("exponential mean 2 s: sd 2 s") {
    Distribution d;
    d.kind = Distribution::Kind::exponential;
    d.mean_ns = 2e9;
    CHECK(std::abs(sample_mean(d, draws) - 2e9) < 5 * 2e9 / std::sqrt(draws));
  }
  SECTION("lognormal median 2 min, sigma 0.5: mean = median * exp(sigma^2 / 2)") {
    Distribution d;
    d.kind = Distribution::Kind::lognormal;
    d.median_ns = 120e9;
    d.sigma = 0.5;
    const double mean = 120e9 * std::exp(0.125);
    const double sd = mean * std::sqrt(std::exp(0.25) - 1);
    CHECK(std::abs(sample_mean(d, draws) - mean) < 5 * sd / std::sqrt(draws));
  }
}
