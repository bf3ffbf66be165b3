// tendermint's behaviour: the normal case and its message counts, determinism, liveness after
// GST with b <= f, agreement broken by b = f + 1 equivocators, and (statistical) safety over
// random scenarios with b <= f (docs/tendermint.md).
#include <sstream>

#include <catch2/catch.hpp>

#include "sim/protocols/tendermint/tendermint.hpp"
#include "sim/protocols/tendermint/tm_columns.hpp"
#include "sim/run/trial_runner.hpp"
#include "tests/unit/run_point.hpp"
#include "tests/unit/scenario_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

// A tendermint scenario with the loader's defaults for f = (n - 1) / 3: thresholds n-f / f+1,
// quorum ceil((n+f+1)/2), round_timeout 1 s, latency 5-50 ms.
Scenario tm_scenario(std::vector<AgentGroup> agents, Truth::Kind truth = Truth::Kind::good) {
  Scenario s = coordinator(std::move(agents), truth);
  use_protocol(s.protocol, builtin_protocol("tendermint"));
  s.protocol.round_timeout_ns = kSecond;
  s.network.latency.kind = Distribution::Kind::uniform;
  s.network.latency.min_ns = 5e6;
  s.network.latency.max_ns = 50e6;
  fill_protocol_defaults(s.protocol, builtin_protocol("tendermint"), s.n());
  return s;
}

struct Counts {
  int trials = 0, correct = 0, wrong = 0, none = 0, disagreement = 0;
  int invalid = 0, violations = 0, without_quorum = 0, round_changes = 0;
  std::uint64_t honest = 0, honest_decided = 0;
  std::int64_t first_disagreement = -1;
  std::uint64_t messages[tendermint::kMessageKinds] = {};
};

Counts run_tm(const Scenario& s, int trials, std::uint64_t point = 0) {
  TrialRunner runner;
  runner.prepare(s, point);
  Counts c;
  for (int t = 0; t < trials; ++t) {
    const TrialResult r = runner.run(static_cast<std::uint64_t>(t));
    ++c.trials;
    c.correct += r.outcome == Outcome::correct;
    c.wrong += r.outcome == Outcome::wrong;
    c.none += r.outcome == Outcome::no_consensus;
    if (r.outcome == Outcome::disagreement && c.disagreement++ == 0) c.first_disagreement = t;
    c.invalid += r.invalid_decision;
    c.violations += r.safety_violation;
    c.without_quorum += static_cast<int>(r.counters[tendermint::kWithoutQuorum]);
    c.round_changes += r.rounds > 1;
    c.honest += r.counters[tendermint::kHonest];
    c.honest_decided += r.counters[tendermint::kHonestDecided];
    for (int k = 0; k < tendermint::kMessageKinds; ++k)
      c.messages[k] += r.counters[tendermint::kFirstMessageCounter + k];
  }
  return c;
}

}  // namespace

TEST_CASE("tendermint: four honest agents decide their judgement in round 0", "[tendermint]") {
  const Scenario s = tm_scenario({honest(4)});
  const Counts c = run_tm(s, 200);
  CHECK(c.correct == 200);
  CHECK(c.round_changes == 0);
  CHECK(c.honest_decided == c.honest);
  // Per trial: VOTE and PREVOTE all-to-all (12 each), one PROPOSAL to 3 agents; an agent may
  // decide on a forwarded certificate before it precommits, so PRECOMMITs are at most 12.
  CHECK(c.messages[0] == 200 * 12);
  CHECK(c.messages[1] == 200 * 3);
  CHECK(c.messages[2] == 200 * 12);
  CHECK(c.messages[3] <= 200 * 12);
  CHECK(c.messages[3] >= 200 * 9);
}

TEST_CASE("tendermint: a silent round-0 proposer costs a round of nil votes, then round 1 decides",
          "[tendermint]") {
  Scenario s =
      tm_scenario({with_strategy(Role::malicious, builtin_strategy("withhold"), 1), honest(3)});
  const Counts c = run_tm(s, 100);
  CHECK(c.correct == 100);
  CHECK(c.round_changes == 100);
  CHECK(c.messages[1] == 100 * 3);  // only round 1's proposer proposed
}

TEST_CASE("tendermint: votes below both thresholds give no decision in any round", "[tendermint]") {
  // n = 4, approve needs 3, reject 2: one approval, and the rejections come from one agent.
  Scenario s =
      tm_scenario({fixed(Role::honest, Vote::approve, 1), fixed(Role::honest, Vote::reject, 1),
                   with_strategy(Role::malicious, builtin_strategy("withhold"), 2)});
  s.protocol.f = 2;  // f + 1 = 3 rejections needed
  s.protocol.reject_quorum = 3;
  const Counts c = run_tm(s, 50);
  CHECK(c.none == 50);
  CHECK(c.violations == 0);
}

TEST_CASE("tendermint: the same bytes on one thread or two", "[tendermint]") {
  Scenario s =
      tm_scenario({with_strategy(Role::malicious, builtin_strategy("mutate"), 1), honest(6, 0.8)},
                  Truth::Kind::random);
  s.agents[0].p = 0.5;
  s.network.drop = 0.05;
  s.trials = 400;
  const Tally one = run_point(s, 1);
  const Tally two = run_point(s, 2);
  for (int o = 0; o < kOutcomeCount; ++o) CHECK(one.counts[o] == two.counts[o]);
  CHECK(one.latency.count() == two.latency.count());
  for (int k = 0; k < tendermint::kCounterCount; ++k)
    CHECK(one.counter_sums[k] == two.counter_sums[k]);
}

namespace {

// n = 3f+1 with f Byzantine agents of `strategy` first, so they propose in the first f rounds;
// the honest agents are accurate, so a certificate always exists. Before GST (10 s) messages
// take up to 4 s more; a partition of the honest agents heals at 6 s; timeouts grow by 0.5 s per
// round, so rounds eventually outlast the delays.
Scenario after_gst(int f, AgentGroup byzantine) {
  byzantine.count = f;
  Scenario s = tm_scenario({byzantine, honest(2 * f + 1)}, Truth::Kind::random);
  s.protocol.round_timeout_ns = 200 * kMillisecond;
  fill_protocol_defaults(s.protocol, builtin_protocol("tendermint"), s.n());
  s.protocol.set("timeout_delta", std::int64_t{500 * kMillisecond});
  s.protocol.set("round_limit", std::int64_t{40});
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
  const Counts c = run_tm(s, trials);
  CHECK(c.none == 0);
  CHECK(c.disagreement == 0);
  CHECK(c.correct == trials);
  CHECK(c.honest_decided == c.honest);  // termination: every honest agent decides
}

// Colluders vote the wrong value where that makes the decision wrong: every trial decides,
// rightly or not.
void check_decides_or_wrong(const Scenario& s, int trials) {
  const Counts c = run_tm(s, trials);
  CHECK(c.none == 0);
  CHECK(c.disagreement == 0);
  CHECK(c.correct + c.wrong == trials);
  CHECK(c.honest_decided == c.honest);
}

AgentGroup byzantine(const char* strategy) {
  return with_strategy(Role::malicious, builtin_strategy(strategy), 1);
}

}  // namespace

TEST_CASE(
    "tendermint: after GST every trial decides despite f silent or crashed agents, n = 4, 7, 10",
    "[tendermint]") {
  for (int f = 1; f <= 3; ++f) check_decides(after_gst(f, byzantine("withhold")), 60);
  AgentGroup crash = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
  crash.crash_at = Distribution::constant(0.1e9);
  for (int f = 1; f <= 2; ++f) check_decides(after_gst(f, crash), 60);
}

TEST_CASE("tendermint: after GST every trial decides despite f equivocators, n = 4, 7, 10",
          "[tendermint]") {
  for (int f = 1; f <= 3; ++f) check_decides(after_gst(f, byzantine("equivocate")), 60);
  AgentGroup follower = byzantine("equivocate");
  follower.phases = {"vote", "proposal", "prevote", "precommit"};
  for (int f = 1; f <= 3; ++f) check_decides(after_gst(f, follower), 60);
}

TEST_CASE("tendermint: after GST every trial decides despite f colluders, n = 4, 7, 10",
          "[tendermint]") {
  for (int f = 1; f <= 3; ++f) check_decides_or_wrong(after_gst(f, byzantine("collude")), 60);
}

TEST_CASE("tendermint: after GST every trial decides despite f mutating or late agents, n = 4, 7",
          "[tendermint]") {
  AgentGroup mutate = byzantine("mutate");
  mutate.p = 0.5;
  AgentGroup late = byzantine("late");
  late.delay = Distribution::constant(2e9);
  for (int f = 1; f <= 2; ++f) {
    check_decides(after_gst(f, mutate), 60);
    check_decides(after_gst(f, late), 60);
  }
}

TEST_CASE("tendermint: b = f + 1 blind equivocators split the honest agents, b = f cannot",
          "[tendermint]") {
  // n = 4, f = 1: agent 0 (Byzantine) proposes in round 0, holding both certificates (an
  // equivocator signs both votes), and splits its PROPOSAL; each honest half completes a quorum
  // with the two Byzantine PREVOTEs and PRECOMMITs it was sent.
  const Scenario attack =
      tm_scenario({byzantine("equivocate"), byzantine("equivocate"), honest(2)});
  const Counts c = run_tm(attack, 300);
  INFO("disagreements " << c.disagreement << " of 300");
  CHECK(c.disagreement >= 30);  // measured about 60%; far below is a regression
  CHECK(c.violations == 0);     // not provably safe: a result, not a bug
  const Counts safe = run_tm(tm_scenario({byzantine("equivocate"), honest(3)}), 300);
  CHECK(safe.disagreement == 0);
  CHECK(safe.violations == 0);
}

TEST_CASE(
    "tendermint: b = f + 1 colluders split the honest agents when they propose, b = f "
    "cannot",
    "[tendermint]") {
  // n = 4, f = 1: the coalition proposes in round 0 with both certificates (it pools its
  // signatures) and sends each honest agent the PROPOSAL, PREVOTEs and PRECOMMITs of its half.
  const Counts c =
      run_tm(tm_scenario({byzantine("collude"), byzantine("collude"), honest(2)}), 300);
  INFO("disagreements " << c.disagreement << " of 300");
  CHECK(c.disagreement >= 30);
  CHECK(c.violations == 0);
  const Counts safe = run_tm(tm_scenario({byzantine("collude"), honest(3)}), 300);
  CHECK(safe.disagreement == 0);
  CHECK(safe.violations == 0);
}

namespace {

double pick(Rng& rng, double lo, double hi) {
  return lo + (hi - lo) * rng.uniform01();
}

// b <= f of the n agents misbehave, each with a strategy drawn from those tendermint accepts;
// all groups have one agent and are shuffled, so Byzantine proposers turn up in any round.
Scenario random_scenario(Rng& rng, int n) {
  const int f = (n - 1) / 3;
  const int b = static_cast<int>(rng.below(static_cast<std::uint64_t>(f) + 1));
  std::vector<AgentGroup> groups;
  for (int i = 0; i < n; ++i) {
    AgentGroup g = honest(1, pick(rng, 0.6, 1.0));
    if (i < b) {
      switch (rng.below(10)) {
        case 0:
          g = byzantine("equivocate");
          break;
        case 1:
          g = byzantine("equivocate");
          g.phases = {"proposal", "prevote", "precommit"};
          break;
        case 2:
          g = byzantine("withhold");
          break;
        case 3:
          g = byzantine("mutate");
          g.p = pick(rng, 0.1, 1);
          break;
        case 4:
          g = byzantine("late");
          g.delay = Distribution::constant(pick(rng, 0, 3e9));
          break;
        case 5:
          g = byzantine("oppose-truth");
          break;
        case 6:
          g = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
          g.crash_at = Distribution::constant(pick(rng, 0, 0.3e9));
          break;
        case 7:
          g = with_strategy(Role::faulty, builtin_strategy("omission"), 1);
          g.p = pick(rng, 0, 0.8);
          break;
        case 8:
          g = byzantine("collude");
          break;
        default:
          g = byzantine("follow-majority");
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
  Scenario s = tm_scenario(groups, Truth::Kind::random);
  s.seed = rng.next_u64();
  s.protocol.round_timeout_ns = static_cast<SimTime>(pick(rng, 0.1e9, 1e9));
  fill_protocol_defaults(s.protocol, builtin_protocol("tendermint"), n);
  s.protocol.set("timeout_delta", static_cast<std::int64_t>(pick(rng, 0, 1e9)));
  s.protocol.set("round_limit", static_cast<std::int64_t>(f + 2 + rng.below(4)));
  s.network.latency.max_ns = pick(rng, 5e6, 300e6);
  s.network.drop = rng.bernoulli(0.3) ? pick(rng, 0, 0.05) : 0;
  if (rng.bernoulli(0.5)) {
    Partition p;
    p.groups.resize(2);
    for (int i = 0; i < n; ++i) p.groups[rng.below(2)].push_back(i);
    p.from_ns = static_cast<SimTime>(pick(rng, 0, 2e9));
    p.until_ns = p.from_ns + static_cast<SimTime>(pick(rng, 0.1e9, 4e9));
    if (!p.groups[0].empty() && !p.groups[1].empty()) s.network.partitions.push_back(p);
  }
  // A fifth without signatures: agreement and the PRECOMMIT quorum still hold (validity does
  // not: a Byzantine proposer can propose a value nobody voted for).
  if (rng.bernoulli(0.2)) s.protocol.set("signatures", false);
  if (rng.bernoulli(0.5))
    s.network.gst =
        Gst{true, static_cast<SimTime>(pick(rng, 0, 5e9)), static_cast<SimTime>(pick(rng, 0, 3e9))};
  return s;
}

int check_safety(int n, int scenarios, int trials, std::uint64_t stream) {
  Rng rng = Rng::for_trial(20261205, static_cast<std::uint64_t>(n), stream);
  int total = 0;
  int round_changes = 0;
  for (int k = 0; k < scenarios; ++k) {
    const Scenario s = random_scenario(rng, n);
    const Counts c = run_tm(s, trials, static_cast<std::uint64_t>(k));
    std::ostringstream who;
    for (const AgentGroup& g : s.agents) who << " " << strategy_of(g).name;
    INFO("scenario " << k << ", seed " << s.seed << ", signatures " << s.protocol.flag("signatures")
                     << ", agents:" << who.str() << "; first disagreement at trial "
                     << c.first_disagreement);
    REQUIRE(c.disagreement == 0);
    if (s.protocol.flag("signatures")) REQUIRE(c.invalid == 0);
    REQUIRE(c.without_quorum == 0);
    REQUIRE(c.violations == 0);
    total += c.trials;
    round_changes += c.round_changes;
  }
  INFO("n = " << n << ": " << total << " trials, " << round_changes << " with a round change");
  CHECK(round_changes * 10 >= total);  // the mixes reach the later rounds' rules
  return total;
}

}  // namespace

// 48,000 trials. With zero disagreements in N independent trials, the 95% upper bound of the
// disagreement rate of these mixes is 3/N (rule of three): below 6.3e-5. The command line
// measures 102,000 more over scenarios/tendermint/safety-b-equals-f-*.json (docs/tendermint.md).
TEST_CASE("tendermint safety: no disagreement with b <= f, n = 4, 7, 10 (48,000 random trials)",
          "[tendermint][statistical]") {
  CHECK(check_safety(4, 120, 150, 1) + check_safety(7, 120, 150, 2) +
            check_safety(10, 80, 150, 3) ==
        48000);
}
