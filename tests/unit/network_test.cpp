// The network layer: the draws of a plain network are unchanged, partitions hold or drop
// messages crossing them during their window, GST delays messages sent before it, and slow
// links multiply the latency.
#include <catch2/catch.hpp>

#include "sim/net/network.hpp"

using namespace byzsim;

namespace {

NetworkConfig uniform_latency() {
  NetworkConfig c;
  c.latency.kind = Distribution::Kind::uniform;
  c.latency.min_ns = 10e6;
  c.latency.max_ns = 20e6;
  return c;
}

}  // namespace

TEST_CASE("a network without partitions, GST or links draws latency, then loss, as always") {
  NetworkConfig c = uniform_latency();
  c.drop = 0.25;
  Network net;
  net.configure(c, 4);
  Rng a = Rng::for_trial(7, 0, 0);
  Rng b = a;
  for (int i = 0; i < 1000; ++i) {
    const SimTime got = net.send(a, 100, i % 4, (i + 1) % 4, 1.5, 0.1);
    SimTime delay = sample(c.latency, b);
    delay = static_cast<SimTime>(static_cast<double>(delay) * 1.5);
    const bool dropped = b.bernoulli(0.25);
    const bool omitted = b.bernoulli(0.1);
    CHECK(got == (dropped || omitted ? Network::kLost : 100 + delay));
  }
  CHECK(net.messages_sent() == 1000);
}

TEST_CASE("a partition holds messages across it until it heals, then they take their latency") {
  NetworkConfig c;
  c.latency = Distribution::constant(10e6);
  c.partitions.push_back(Partition{{{0, 1}, {2}}, 1 * kSecond, 5 * kSecond, false});
  Network net;
  net.configure(c, 4);
  Rng rng = Rng::for_trial(1, 0, 0);
  const SimTime ms = kMillisecond;
  CHECK(net.send(rng, 2 * kSecond, 0, 2) == 5 * kSecond + 10 * ms);  // across, during
  CHECK(net.send(rng, 2 * kSecond, 2, 1) == 5 * kSecond + 10 * ms);
  CHECK(net.send(rng, 2 * kSecond, 0, 1) == 2 * kSecond + 10 * ms);  // same side
  CHECK(net.send(rng, 2 * kSecond, 3, 2) == 2 * kSecond + 10 * ms);  // agent 3 is in no group
  CHECK(net.send(rng, 995 * ms, 0, 2) == 5 * kSecond + 10 * ms);     // in flight at the start
  CHECK(net.send(rng, 980 * ms, 0, 2) == 990 * ms);                  // arrived before
  CHECK(net.send(rng, 5 * kSecond, 0, 2) == 5 * kSecond + 10 * ms);  // healed
  CHECK(net.send(rng, 0, 0, 4) == 10 * ms);  // ids beyond n (a coordinator) are never cut
}

TEST_CASE("a partition in drop mode, or one that never heals, loses what crosses it") {
  NetworkConfig c;
  c.latency = Distribution::constant(10e6);
  c.partitions.push_back(Partition{{{0}, {1}}, 0, kSecond, true});
  c.partitions.push_back(Partition{{{2}, {3}}, 0, kTimeNever, false});
  Network net;
  net.configure(c, 4);
  Rng rng = Rng::for_trial(1, 0, 0);
  CHECK(net.send(rng, 0, 0, 1) == Network::kLost);
  CHECK(net.send(rng, 2 * kSecond, 0, 1) == 2 * kSecond + 10 * kMillisecond);
  CHECK(net.send(rng, 100 * kSecond, 3, 2) == Network::kLost);
}

TEST_CASE("before GST a message takes up to max_delay more, after GST its normal latency") {
  NetworkConfig c;
  c.latency = Distribution::constant(10e6);
  c.gst = Gst{true, 10 * kSecond, 2 * kSecond};
  Network net;
  net.configure(c, 2);
  Rng rng = Rng::for_trial(3, 0, 0);
  SimTime longest = 0;
  for (int i = 0; i < 2000; ++i) {
    const SimTime delay = net.send(rng, kSecond, 0, 1) - kSecond;
    CHECK(delay >= 10 * kMillisecond);
    CHECK(delay <= 10 * kMillisecond + 2 * kSecond);
    longest = std::max(longest, delay);
  }
  CHECK(longest > kSecond);  // uniform over [0, 2 s]: surely above 1 s in 2000 draws
  CHECK(net.send(rng, 10 * kSecond, 0, 1) == 10 * kSecond + 10 * kMillisecond);
}

TEST_CASE("a slow link multiplies the latency of its direction only") {
  NetworkConfig c;
  c.latency = Distribution::constant(10e6);
  c.links.push_back(LinkSlowness{0, 1, 5});
  Network net;
  net.configure(c, 3);
  Rng rng = Rng::for_trial(1, 0, 0);
  CHECK(net.send(rng, 0, 0, 1) == 50 * kMillisecond);
  CHECK(net.send(rng, 0, 1, 0) == 10 * kMillisecond);
  CHECK(net.send(rng, 0, 0, 2) == 10 * kMillisecond);
  CHECK(net.send(rng, 0, 0, 1, 2.0) == 100 * kMillisecond);  // times a slow sender's factor
}
