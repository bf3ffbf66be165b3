// pbft trial by trial: the normal case and its message counts, latency, view changes after a
// silent, crashed or late leader, prepared certificates carried across views, forwarded
// decisions, and what breaks without signatures (docs/pbft.md).
#include <catch2/catch.hpp>

#include "tests/unit/pbft_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

// One Pbft driven like TrialRunner drives it, so the test can read its message counts.
struct Harness {
  explicit Harness(Scenario scenario) : s(std::move(scenario)) {
    REQUIRE(s.truth.kind != Truth::Kind::random);  // TrialRunner's truth draw is not replayed
    pbft.prepare(s);
    population.prepare(s);
    network.configure(s.network, s.n());
  }
  TrialResult run(std::uint64_t trial = 0) {
    rng = Rng::for_trial(s.seed, 0, trial);
    simulator.reset(trial_time_limit_ns(s), trial_event_limit(s));
    network.reset();
    population.start_trial(rng, s.truth.kind == Truth::Kind::good);
    pbft.start();
    return pbft.finish(simulator.run(pbft));
  }
  Scenario s;
  Simulator simulator;
  Network network;
  Population population;
  Rng rng = Rng::for_trial(0, 0, 0);
  TrialEnv env{simulator, network, population, &rng, nullptr};
  Pbft pbft{env};
};

Scenario constant_latency(Scenario s, double ns) {
  s.network.latency = Distribution::constant(ns);
  return s;
}

Partition cut(std::vector<std::vector<int>> groups, SimTime from, SimTime until, bool drop) {
  Partition p;
  p.groups = std::move(groups);
  p.from_ns = from;
  p.until_ns = until;
  p.drop = drop;
  return p;
}

}  // namespace

TEST_CASE("four honest agents commit their judgement in view 0 with 30 messages") {
  Harness h(pbft_scenario({honest(4)}));
  const TrialResult r = h.run();
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.rounds == 1);
  CHECK(r.counters[pbft::kHonest] == 4);
  CHECK(r.counters[pbft::kViewChanged] == 0);
  CHECK(r.counters[pbft::kHonestDecided] == 4);
  CHECK(r.messages == 30);
  // 3 votes to the leader, 3 PRE-PREPAREs, 4 x 3 PREPAREs and COMMITs, no view change.
  const std::array<std::uint64_t, 6> expected{3, 3, 12, 12, 0, 0};
  CHECK(h.pbft.messages_by_kind() == expected);
}

TEST_CASE("the decision latency is the first honest commit: four hops after the votes") {
  // 10 ms per message: votes in at 10 ms, PRE-PREPARE at 20, PREPAREs at 30, COMMITs at 40.
  Harness h(constant_latency(pbft_scenario({honest(4)}), 10e6));
  const TrialResult r = h.run();
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.latency_ns == 40 * kMillisecond);
  CHECK(r.counters[pbft::kHonestLatencySumNs] == 4 * 40 * kMillisecond);
}

TEST_CASE("a silent leader costs one view, then the next leader decides") {
  Harness h(constant_latency(
      pbft_scenario({with_strategy(Role::malicious, builtin_strategy("withhold"), 1), honest(3)}),
      10e6));
  const TrialResult r = h.run();
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.rounds == 2);
  CHECK(r.counters[pbft::kViewChanged] == 1);
  CHECK(r.counters[pbft::kHonestDecided] == 3);
  // View 0 times out at 2 s; VIEW-CHANGE, PRE-PREPARE, PREPARE and COMMIT take 40 ms more.
  CHECK(r.latency_ns == 2 * kSecond + 40 * kMillisecond);
  CHECK(h.pbft.messages_by_kind()[4] == 9);  // 3 VIEW-CHANGEs to 3 agents each
}

TEST_CASE("a leader crashed from the start is replaced the same way") {
  AgentGroup crashed = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
  crashed.crash_at = Distribution::constant(0);
  const PbftCounts c = run_pbft(pbft_scenario({crashed, honest(3)}), 50);
  CHECK(c.correct == 50);
  CHECK(c.mean_rounds == 2);
}

TEST_CASE("a late leader's proposal misses its view, the next leader decides") {
  const PbftCounts c = run_pbft(pbft_scenario({late(1, 5e9), honest(3)}), 50);
  CHECK(c.correct + c.wrong == 50);
  CHECK(c.disagreement == 0);
  CHECK(c.mean_rounds >= 2);
}

TEST_CASE("a view change carries the prepared certificate: the next leader must re-propose it") {
  // Agent 1 votes REJECT and, as a malicious always-reject leader, would propose REJECT (it
  // holds both certificates with reject_quorum 1). In view 0 every agent prepares APPROVE, but
  // a partition drops the COMMITs; view 1 must carry APPROVE.
  Scenario s = constant_latency(
      pbft_scenario({honest(1),
                     with_strategy(Role::malicious, builtin_strategy("always-reject"), 1),
                     honest(2)}),
      10e6);
  s.protocol.reject_quorum = 1;
  s.network.partitions = {cut({{0, 1}, {2, 3}}, 31 * kMillisecond, kSecond, true)};
  TraceBuffer trace;
  TrialRunner runner;
  runner.prepare(s, 0);
  const TrialResult r = runner.run(0, &trace);
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.rounds == 2);
  bool carried = false;
  for (const TraceRecord& record : trace.records())
    if (record.kind == "propose" && record.from == 1)
      carried = record.detail == "view 1: APPROVE to 4, REJECT to 0 agents";
  CHECK(carried);
  // Without the partition agent 1 never leads: view 0 decides.
  s.network.partitions.clear();
  CHECK(run_pbft(s, 1).mean_rounds == 1);
}

TEST_CASE("an agent cut off during view 0 learns the decision from a forwarded certificate") {
  Scenario s = constant_latency(pbft_scenario({honest(4)}), 10e6);
  s.network.partitions = {cut({{0, 1, 2}, {3}}, 0, kSecond, true)};
  Harness h(s);
  const TrialResult r = h.run();
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.counters[pbft::kHonestDecided] == 4);
  CHECK(h.pbft.messages_by_kind()[5] == 3);  // DECIDE from the three committed agents
}

TEST_CASE("votes below both thresholds give no decision in any view") {
  // n = 4, f = 1: approve needs 3 signed approvals, reject 2 rejections; 2 approve, 2 silent.
  const Scenario s =
      pbft_scenario({with_strategy(Role::malicious, builtin_strategy("withhold"), 2), honest(2)});
  const PbftCounts c = run_pbft(s, 20);
  CHECK(c.none == 20);
  CHECK(c.mean_rounds == s.protocol.integer("max_views"));
}

TEST_CASE("a malicious leader holding both certificates proposes the value it prefers") {
  // Agent 0 (oppose-truth) leads view 0. With approve quorum 2 and reject quorum 2 both
  // certificates exist (2 honest approvals; its own and a scripted honest rejection).
  Scenario s = constant_latency(
      pbft_scenario({with_strategy(Role::malicious, builtin_strategy("oppose-truth"), 1),
                     fixed(Role::honest, Vote::reject, 1), honest(2)}),
      10e6);
  s.protocol.approve_quorum = 2;
  s.protocol.reject_quorum = 2;
  CHECK(run_pbft(s, 20).wrong == 20);
  s.agents[0] = honest(1);  // an honest leader proposes APPROVE first
  CHECK(run_pbft(s, 20).correct == 20);
}

TEST_CASE("without signatures one Byzantine leader commits a decision nobody voted for") {
  Scenario s =
      pbft_scenario({with_strategy(Role::malicious, builtin_strategy("collude"), 1), honest(3)});
  s.protocol.set("signatures", false);
  const PbftCounts forged = run_pbft(s, 50);
  CHECK(forged.wrong == 50);      // REJECT on a good proposal that every honest agent approved
  CHECK(forged.invalid == 50);    // validity broken: one signature for REJECT, 2 needed
  CHECK(forged.violations == 0);  // expected without signatures: not a bug
  s.protocol.set("signatures", true);
  const PbftCounts genuine = run_pbft(s, 50);
  CHECK(genuine.correct == 50);  // the coalition can only block; the next leader decides
  CHECK(genuine.invalid == 0);
}

TEST_CASE("an equivocating voter swings an honest leader but cannot split the honest agents") {
  // n = 4, f = 1: the equivocator signs both values. With a scripted honest rejection its
  // REJECT makes a certificate (2 = f + 1) and its APPROVE another (3 = n - f); the honest
  // leader proposes whichever completes first, and every honest agent commits that one.
  const Scenario s =
      pbft_scenario({honest(2), with_strategy(Role::malicious, builtin_strategy("equivocate"), 1),
                     fixed(Role::honest, Vote::reject, 1)});
  const PbftCounts c = run_pbft(s, 50);
  CHECK(c.correct > 0);
  CHECK(c.wrong > 0);
  CHECK(c.correct + c.wrong == 50);
  CHECK(c.invalid == 0);
}
