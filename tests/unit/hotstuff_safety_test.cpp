// hotstuff's safety under b <= f, statistically: randomized scenarios over n, every adversary
// hotstuff accepts, latencies, loss, healing partitions, GST and slow links; not one
// disagreement, invalid or uncertified decision or checker violation in over 100,000 trials.
// Safety is a theorem here, so one violation is a bug: the tests fail on the first one and name
// its scenario and trial. Liveness after GST with b <= f, and disagreement from b = f + 1.
#include <algorithm>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/unit/hotstuff_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

double pick(Rng& rng, double lo, double hi) {
  return lo + (hi - lo) * rng.uniform01();
}

AgentGroup malicious(const char* strategy) {
  return with_strategy(Role::malicious, builtin_strategy(strategy), 1);
}

// One Byzantine agent with a strategy drawn from every kind hotstuff runs: the coalition
// (collude), scripted (blind equivocate, withhold), followers with a message rule (equivocate in
// phases, mutate, turn-at, drop-phase, isolate, follow-majority, late) and faults (crash, omission,
// slow, flip).
AgentGroup random_byzantine(Rng& rng, int n) {
  AgentGroup g;
  switch (rng.below(17)) {
    case 0:
    case 1:
      return malicious("equivocate");
    case 2:
      g = malicious("equivocate");
      g.phases = {"proposal", "block-vote"};
      return g;
    case 3:
      return malicious("withhold");
    case 4:
      g = malicious("mutate");
      g.p = pick(rng, 0.2, 1);
      g.mutations = static_cast<std::uint8_t>(1 + rng.below(3));
      return g;
    case 5:
      g = malicious("turn-at");
      g.crash_at = Distribution::constant(pick(rng, 0, 2e9));
      g.then = builtin_strategy("mutate");
      g.p = 0.5;
      return g;
    case 6:
      g = malicious("drop-phase");
      g.phases = {rng.bernoulli(0.5) ? "block-vote" : "new-view", "decide"};
      return g;
    case 7:
      g = malicious("isolate");
      g.targets = {static_cast<int>(rng.below(static_cast<std::uint64_t>(n)))};
      return g;
    case 8:
      return malicious("follow-majority");
    case 9:
      g = malicious("late");
      g.delay = Distribution::constant(pick(rng, 0, 3e9));
      return g;
    case 10:
      return malicious("oppose-truth");
    case 15:
    case 16:
      return malicious("collude");
    case 11:
      g = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
      g.crash_at = Distribution::constant(pick(rng, 0, 0.3e9));
      return g;
    case 12:
      g = with_strategy(Role::faulty, builtin_strategy("omission"), 1);
      g.p = pick(rng, 0, 0.8);
      return g;
    case 13:
      g = with_strategy(Role::faulty, builtin_strategy("slow"), 1);
      g.factor = pick(rng, 1, 30);
      return g;
    default:
      g = with_strategy(Role::faulty, builtin_strategy("flip"), 1);
      g.p = 0.5;
      return g;
  }
}

// b of the n agents misbehave; all groups have one agent and are shuffled, so Byzantine leaders
// turn up in any term.
std::vector<AgentGroup> random_agents(Rng& rng, int n, int b) {
  std::vector<AgentGroup> groups;
  for (int i = 0; i < n; ++i) {
    AgentGroup g = i < b ? random_byzantine(rng, n) : honest(1);
    g.accuracy = pick(rng, 0.6, 1.0);
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
  Scenario s = hotstuff_scenario(random_agents(rng, n, b), Truth::Kind::random);
  s.seed = rng.next_u64();
  s.protocol.round_timeout_ns = static_cast<SimTime>(pick(rng, 0.1e9, 1e9));
  s.protocol.set("view_timeout", static_cast<std::int64_t>(pick(rng, 0.3e9, 3e9)));
  s.protocol.set("view_timeout_growth", pick(rng, 1, 2.5));
  s.protocol.set("leader_views", static_cast<std::int64_t>(1 + rng.below(5)));
  s.protocol.set("max_views", static_cast<std::int64_t>(4 + rng.below(40)));
  randomize_network(rng, s);
  return s;
}

std::string describe(const Scenario& s) {
  std::ostringstream out;
  out << "seed " << s.seed << ", n " << s.n() << ", leader_views "
      << s.protocol.integer("leader_views") << ", agents:";
  for (const AgentGroup& g : s.agents) out << " " << strategy_of(g).name;
  out << "; partitions " << s.network.partitions.size() << ", gst "
      << (s.network.gst.enabled ? "on" : "off") << ", links " << s.network.links.size() << ", drop "
      << s.network.drop;
  return out.str();
}

// `scenarios` random scenarios of n agents, `trials` each; returns the trials run. At least a
// tenth of them must time out a view, or the mixes would not test the view changes.
int check_safety(int n, int scenarios, int trials, std::uint64_t stream) {
  Rng rng = Rng::for_trial(20261205, static_cast<std::uint64_t>(n), stream);
  int total = 0;
  int timed_out = 0;
  for (int k = 0; k < scenarios; ++k) {
    const Scenario s = random_scenario(rng, n);
    const HotStuffCounts c = run_hotstuff(s, trials, static_cast<std::uint64_t>(k));
    INFO(describe(s) << "; first disagreement at trial " << c.first_disagreement);
    REQUIRE(c.disagreement == 0);
    REQUIRE(c.invalid == 0);
    REQUIRE(c.uncertified == 0);
    REQUIRE(c.violations == 0);
    total += c.trials;
    timed_out += c.timed_out;
  }
  INFO("n = " << n << ": " << total << " trials, " << timed_out << " with a view timeout");
  CHECK(timed_out * 10 >= total);
  return total;
}

// n = 3f+1 with f Byzantine agents of `strategy` first, so they lead the first terms; the
// honest agents are accurate, so a certificate always exists. Before GST (10 s) messages take
// up to 4 s more; a partition of the honest agents heals at 6 s; views start at 0.5 s and
// double per leader term, so views eventually outlast the delays.
Scenario after_gst(int f, AgentGroup byzantine) {
  byzantine.count = f;
  Scenario s = hotstuff_scenario({byzantine, honest(2 * f + 1)}, Truth::Kind::random);
  s.protocol.round_timeout_ns = 200 * kMillisecond;
  s.protocol.set("view_timeout", std::int64_t{500 * kMillisecond});
  s.protocol.set("view_timeout_growth", 2.0);
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
  const HotStuffCounts c = run_hotstuff(s, trials);
  CHECK(c.none == 0);
  CHECK(c.disagreement == 0);
  CHECK(c.correct == trials);
  CHECK(c.honest_decided == c.honest);  // termination: every honest agent commits
}

}  // namespace

// 101,000 trials in all. With zero disagreements in N independent trials, the 95% upper bound
// of the disagreement rate of these mixes is 3/N (rule of three): below 3e-5 overall.
TEST_CASE("hotstuff safety: no disagreement with b <= f, n = 4, 5 and 6 (45,000 random trials)",
          "[hotstuff][statistical]") {
  CHECK(check_safety(4, 150, 100, 1) + check_safety(5, 150, 100, 2) +
            check_safety(6, 150, 100, 3) ==
        45000);
}

TEST_CASE("hotstuff safety: no disagreement with b <= f, n = 7 (30,000 random trials)",
          "[hotstuff][statistical]") {
  CHECK(check_safety(7, 300, 100, 4) == 30000);
}

TEST_CASE("hotstuff safety: no disagreement with b <= f, n = 10 and 13 (26,000 random trials)",
          "[hotstuff][statistical]") {
  CHECK(check_safety(10, 100, 130, 5) + check_safety(13, 100, 130, 6) == 26000);
}

TEST_CASE(
    "hotstuff: after GST every trial decides despite f silent, equivocating, colluding, "
    "mutating, late or crashed agents, n = 4, 7, 10",
    "[hotstuff]") {
  AgentGroup equivocate_phases = malicious("equivocate");
  equivocate_phases.phases = {"proposal", "block-vote"};
  AgentGroup mutate = malicious("mutate");
  mutate.p = 0.5;
  AgentGroup late = malicious("late");
  late.delay = Distribution::constant(2e9);
  AgentGroup crash = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
  crash.crash_at = Distribution::constant(0);
  for (const AgentGroup& byzantine :
       {malicious("withhold"), malicious("equivocate"), malicious("collude"), equivocate_phases,
        mutate, late, crash}) {
    INFO(strategy_of(byzantine).name);
    for (int f = 1; f <= 3; ++f) check_decides(after_gst(f, byzantine), 50);
  }
}

// Beyond f, two quorums of 2f+1 may meet only in Byzantine agents. Blind equivocators and the
// coalition, when one of them leads the first term (about (f+1)/n of the trials), certify both
// values' chains. Measured rates are 0.20, 0.14, 0.10 (equivocate) and 0.17, 0.12, 0.10
// (collude) for n = 4, 7, 10; with about 1,000 trials, P(no disagreement at all | rate >= 0.05)
// < 1e-22.
TEST_CASE(
    "hotstuff: b = f + 1 equivocators or colluders make honest agents disagree, n = 4, 7, "
    "10",
    "[hotstuff]") {
  for (const char* strategy : {"equivocate", "collude"}) {
    for (int f = 1; f <= 3; ++f) {
      const int n = 3 * f + 1;
      std::vector<AgentGroup> agents;
      for (int i = 0; i < n; ++i)
        agents.push_back(i < f + 1 ? malicious(strategy) : honest(1, 0.9));
      const Scenario s = hotstuff_scenario(agents, Truth::Kind::random);
      // Which agents are Byzantine varies through the groups' order: rotate it.
      int disagreements = 0;
      for (int shift = 0; shift < n; ++shift) {
        Scenario rotated = s;
        std::rotate(rotated.agents.begin(), rotated.agents.begin() + shift, rotated.agents.end());
        const HotStuffCounts c = run_hotstuff(rotated, 1000 / n + 1);
        CHECK(c.violations == 0);  // not provably safe: a result, never a bug
        disagreements += c.disagreement;
      }
      INFO(strategy << ", n = " << n);
      CHECK(disagreements > 0);
    }
  }
}
