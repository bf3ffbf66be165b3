// Simulated time saturates instead of wrapping (issue 11, item 8): scaled and summed durations
// stop at kTimeNever ("never"), which no trial's time limit reaches, so a message delayed past
// the end of time never arrives instead of arriving at a negative time.
#include <catch2/catch.hpp>

#include "sim/core/simulator.hpp"
#include "sim/core/time.hpp"
#include "sim/net/network.hpp"

using namespace byzsim;

TEST_CASE("saturating_add and saturating_scale stop at kTimeNever, never negative") {
  CHECK(saturating_add(5, 7) == 12);
  CHECK(saturating_add(kTimeNever - 1, 2) == kTimeNever);
  CHECK(saturating_add(kTimeNever, kTimeNever) == kTimeNever);
  CHECK(saturating_scale(10 * kHour, 2.0) == 20 * kHour);
  CHECK(saturating_scale(10 * kHour, 1e5) == 100000 * 10 * kHour);  // 3.6e18 ns fits
  CHECK(saturating_scale(10 * kHour, 1e6) == kTimeNever);           // 3.6e19 ns does not
  CHECK(saturating_scale(kTimeNever, 1.0) == kTimeNever);
  CHECK(saturating_scale(5, 0.0) == 0);
}

TEST_CASE("a slow sender's message past the end of time arrives never, not at a negative time") {
  NetworkConfig c;
  c.latency = Distribution::constant(static_cast<double>(10 * kHour));
  Network net;
  net.configure(c, 2);
  Rng rng = Rng::for_trial(1, 0, 0);
  CHECK(net.send(rng, kHour, 0, 1, 1e6) == kTimeNever);
  CHECK(net.send(rng, kHour, 0, 1, 1e5) == kHour + 100000 * 10 * kHour);
}

namespace {

struct CountEvents {
  int seen = 0;
  void on_event(const Event&) { ++seen; }
};

}  // namespace

TEST_CASE("an event at kTimeNever is never processed, even without a time limit") {
  Simulator simulator;
  simulator.reset(kTimeNever, UINT64_MAX);
  simulator.schedule_at(5, 0, 0, 0, 0);
  simulator.schedule_at(kTimeNever, 0, 0, 0, 0);
  CountEvents handler;
  CHECK(simulator.run(handler) == StopReason::time_limit);
  CHECK(handler.seen == 1);
  CHECK(simulator.now() == 5);
}
