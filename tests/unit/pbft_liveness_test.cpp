// pbft's liveness under partial synchrony: with b <= f, after GST and once an honest leader's
// view is long enough, every trial decides and every honest agent commits (docs/pbft.md).
#include <catch2/catch.hpp>

#include "tests/unit/pbft_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

// n = 3f+1 with f Byzantine agents of `strategy` first, so they lead the first f views; the
// honest agents are accurate, so a certificate always exists. Before GST (10 s) messages take
// up to 4 s more; a partition of the honest agents heals at 6 s; timeouts start at 0.5 s and
// double, so views eventually outlast the delays.
Scenario after_gst(int f, AgentGroup byzantine) {
  byzantine.count = f;
  Scenario s = pbft_scenario({byzantine, honest(2 * f + 1)}, Truth::Kind::random);
  s.protocol.round_timeout_ns = 200 * kMillisecond;
  s.protocol.set("view_timeout", std::int64_t{500 * kMillisecond});
  s.protocol.set("view_timeout_growth", 2.0);
  s.protocol.set("max_views", std::int64_t{16});
  s.network.gst = Gst{true, 10 * kSecond, 4 * kSecond};
  Partition p;
  p.groups = {{f, f + 1}, {}};
  for (int i = f + 2; i < s.n(); ++i) p.groups[1].push_back(i);
  p.from_ns = 0;
  p.until_ns = 6 * kSecond;
  s.network.partitions = {p};
  return s;
}

void check_decides(const Scenario& s, int trials) {
  const PbftCounts c = run_pbft(s, trials);
  CHECK(c.none == 0);
  CHECK(c.disagreement == 0);
  CHECK(c.correct == trials);
  CHECK(c.honest_decided == c.honest);  // termination: every honest agent commits
}

}  // namespace

TEST_CASE("after GST every trial decides despite f silent leaders, n = 4, 7, 10") {
  for (int f = 1; f <= 3; ++f)
    check_decides(after_gst(f, with_strategy(Role::malicious, builtin_strategy("withhold"), 1)),
                  100);
}

TEST_CASE("after GST every trial decides despite f equivocators, n = 4, 7, 10") {
  for (int f = 1; f <= 3; ++f)
    check_decides(after_gst(f, with_strategy(Role::malicious, builtin_strategy("equivocate"), 1)),
                  100);
}

TEST_CASE("after GST every trial decides despite f colluders, n = 4, 7, 10") {
  for (int f = 1; f <= 3; ++f)
    check_decides(after_gst(f, with_strategy(Role::malicious, builtin_strategy("collude"), 1)),
                  100);
}

TEST_CASE("after GST every trial decides despite f late or crashed agents, n = 4, 7") {
  AgentGroup crashed = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
  crashed.crash_at.kind = Distribution::Kind::uniform;
  crashed.crash_at.max_ns = 2e9;  // mid-protocol
  for (int f = 1; f <= 2; ++f) {
    check_decides(after_gst(f, late(1, 3e9)), 100);
    check_decides(after_gst(f, crashed), 100);
  }
}
