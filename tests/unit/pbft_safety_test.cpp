// pbft's safety under b <= f, statistically: randomized scenarios over n, adversary mixes,
// latencies, loss, healing partitions, GST and slow links; not one disagreement, invalid
// decision or checker violation in over 100,000 trials. Safety is a theorem here, so one
// violation is a bug: the tests fail on the first one and name its scenario and trial.
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/unit/pbft_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

double pick(Rng& rng, double lo, double hi) {
  return lo + (hi - lo) * rng.uniform01();
}

// b of the n agents misbehave, each with a strategy drawn from every mix pbft knows; all
// groups have one agent and are shuffled, so Byzantine leaders turn up in any view.
std::vector<AgentGroup> random_agents(Rng& rng, int n, int b) {
  std::vector<AgentGroup> groups;
  for (int i = 0; i < n; ++i) {
    AgentGroup g = honest(1, pick(rng, 0.6, 1.0));
    if (i < b) {
      switch (rng.below(12)) {
        case 0:
        case 1:
          g = with_strategy(Role::malicious, builtin_strategy("equivocate"), 1);
          break;
        case 2:
        case 3:
          g = with_strategy(Role::malicious, builtin_strategy("collude"), 1);
          break;
        case 4:
          g = with_strategy(Role::malicious, builtin_strategy("withhold"), 1);
          break;
        case 5:
          g = late(1, pick(rng, 0, 3e9));
          break;
        case 6:
          g = with_strategy(Role::malicious, builtin_strategy("oppose-truth"), 1);
          break;
        case 7:
          g = with_strategy(Role::malicious, builtin_strategy("random"), 1);
          break;
        case 8:
          g = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
          g.crash_at = Distribution::constant(pick(rng, 0, 0.3e9));
          break;
        case 9:
          g = with_strategy(Role::faulty, builtin_strategy("omission"), 1);
          g.p = pick(rng, 0, 0.8);
          break;
        case 10:
          g = with_strategy(Role::faulty, builtin_strategy("slow"), 1);
          g.factor = pick(rng, 1, 30);
          break;
        default:
          g = with_strategy(Role::faulty, builtin_strategy("flip"), 1);
          g.p = 0.5;
          break;
      }
    }
    g.think_time.kind = Distribution::Kind::uniform;
    g.think_time.max_ns = pick(rng, 0, 0.2e9);
    groups.push_back(g);
  }
  for (int i = n - 1; i > 0; --i)
    std::swap(groups[static_cast<std::size_t>(i)],
              groups[static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1))]);
  return groups;
}

void randomize_network(Rng& rng, Scenario& s) {
  Distribution& latency = s.network.latency;
  switch (rng.below(3)) {
    case 0:
      latency.kind = Distribution::Kind::uniform;
      latency.min_ns = pick(rng, 1e6, 5e6);
      latency.max_ns = pick(rng, 5e6, 200e6);
      break;
    case 1:
      latency.kind = Distribution::Kind::exponential;
      latency.mean_ns = pick(rng, 5e6, 100e6);
      break;
    default:
      latency.kind = Distribution::Kind::lognormal;
      latency.median_ns = pick(rng, 5e6, 50e6);
      latency.sigma = pick(rng, 0.2, 1.5);
      break;
  }
  s.network.drop = rng.bernoulli(0.3) ? pick(rng, 0, 0.05) : 0;
  const int n = s.n();
  for (int k = static_cast<int>(rng.below(3)); k > 0; --k) {  // partitions that heal
    Partition p;
    p.groups.resize(2);
    for (int i = 0; i < n; ++i)
      if (!rng.bernoulli(0.15)) p.groups[rng.below(2)].push_back(i);
    if (p.groups[0].empty() || p.groups[1].empty()) continue;
    p.from_ns = static_cast<SimTime>(pick(rng, 0, 3e9));
    p.until_ns = p.from_ns + static_cast<SimTime>(pick(rng, 0.1e9, 6e9));
    p.drop = rng.bernoulli(0.3);
    s.network.partitions.push_back(p);
  }
  if (rng.bernoulli(0.5)) {
    s.network.gst.enabled = true;
    s.network.gst.at_ns = static_cast<SimTime>(pick(rng, 0, 5e9));
    s.network.gst.max_delay_ns = static_cast<SimTime>(pick(rng, 0, 3e9));
  }
  for (int k = static_cast<int>(rng.below(4)); k > 0; --k) {
    LinkSlowness link{static_cast<int>(rng.below(static_cast<std::uint64_t>(n))),
                      static_cast<int>(rng.below(static_cast<std::uint64_t>(n))), pick(rng, 1, 50)};
    if (link.from != link.to) s.network.links.push_back(link);
  }
}

Scenario random_scenario(Rng& rng, int n) {
  const int f = (n - 1) / 3;
  const int b = static_cast<int>(rng.below(static_cast<std::uint64_t>(f) + 1));
  Scenario s = pbft_scenario(random_agents(rng, n, b), Truth::Kind::random);
  s.seed = rng.next_u64();
  s.protocol.round_timeout_ns = static_cast<SimTime>(pick(rng, 0.1e9, 1e9));
  s.protocol.set("view_timeout", static_cast<std::int64_t>(pick(rng, 0.3e9, 3e9)));
  s.protocol.set("view_timeout_growth", pick(rng, 1, 2.5));
  s.protocol.set("max_views", static_cast<std::int64_t>(f + 2 + rng.below(4)));
  randomize_network(rng, s);
  return s;
}

std::string describe(const Scenario& s) {
  std::ostringstream out;
  out << "seed " << s.seed << ", n " << s.n() << ", agents:";
  for (const AgentGroup& g : s.agents) out << " " << strategy_of(g).name;
  out << "; partitions " << s.network.partitions.size() << ", gst "
      << (s.network.gst.enabled ? "on" : "off") << ", links " << s.network.links.size() << ", drop "
      << s.network.drop;
  return out.str();
}

// `scenarios` random scenarios of n agents, `trials` each; returns the trials run. At least
// a fifth of them must need a view change, or the mixes would not test the hard part.
int check_safety(int n, int scenarios, int trials, std::uint64_t stream) {
  Rng rng = Rng::for_trial(20260601, static_cast<std::uint64_t>(n), stream);
  int total = 0;
  int view_changes = 0;
  for (int k = 0; k < scenarios; ++k) {
    const Scenario s = random_scenario(rng, n);
    const PbftCounts c = run_pbft(s, trials, static_cast<std::uint64_t>(k));
    INFO(describe(s) << "; first disagreement at trial " << c.first_disagreement);
    REQUIRE(c.disagreement == 0);
    REQUIRE(c.invalid == 0);
    REQUIRE(c.violations == 0);
    total += c.trials;
    view_changes += c.view_changes;
  }
  INFO("n = " << n << ": " << total << " trials, " << view_changes << " with a view change");
  CHECK(view_changes * 5 >= total);  // about 60% in fact
  return total;
}

}  // namespace

// 101,000 trials in all. With zero disagreements in N independent trials, the 95% upper bound
// of the disagreement rate of these mixes is 3/N (rule of three): below 3e-5 overall.
TEST_CASE("pbft safety: no disagreement with b <= f, n = 4, 5 and 6 (45,000 random trials)") {
  CHECK(check_safety(4, 150, 100, 1) + check_safety(5, 150, 100, 2) +
            check_safety(6, 150, 100, 3) ==
        45000);
}

TEST_CASE("pbft safety: no disagreement with b <= f, n = 7 (30,000 random trials)") {
  CHECK(check_safety(7, 300, 100, 4) == 30000);
}

TEST_CASE("pbft safety: no disagreement with b <= f, n = 10 and 13 (26,000 random trials)") {
  CHECK(check_safety(10, 100, 130, 5) + check_safety(13, 100, 130, 6) == 26000);
}
