// coordinator-vote and majority, trial by trial: thresholds, defaults, retries, crashes,
// drops, strategies and collusion (docs/model.md).
#include <catch2/catch.hpp>

#include "sim/run/trial_runner.hpp"
#include "tests/unit/scenario_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

// Runs `trials` trials and counts outcomes.
struct Counts {
  int correct = 0, wrong = 0, none = 0, disagreement = 0;
  double mean_rounds = 0;
};

Counts run_many(const Scenario& s, int trials = 200) {
  TrialRunner runner;
  runner.prepare(s, 0);
  Counts c;
  for (int t = 0; t < trials; ++t) {
    const TrialResult r = runner.run(static_cast<std::uint64_t>(t));
    c.correct += r.outcome == Outcome::correct;
    c.wrong += r.outcome == Outcome::wrong;
    c.none += r.outcome == Outcome::no_consensus;
    c.disagreement += r.outcome == Outcome::disagreement;
    c.mean_rounds += r.rounds;
  }
  c.mean_rounds /= trials;
  return c;
}

TrialResult run_one(const Scenario& s, std::uint64_t trial = 0) {
  TrialRunner runner;
  runner.prepare(s, 0);
  return runner.run(trial);
}

}  // namespace

TEST_CASE("5 of 7 approvals with f = 2 decide APPROVE (the seed's worked example)") {
  const Scenario s = coordinator(
      {honest(5), fixed(Role::malicious, Vote::reject, 1), fixed(Role::faulty, Vote::reject, 1)});
  REQUIRE(s.protocol.f == 2);
  const Counts c = run_many(s);
  CHECK(c.correct == 200);
}

TEST_CASE("7 of 10 approvals with f = 3 decide APPROVE (the seed's payment example)") {
  const Scenario s = coordinator(
      {honest(7), fixed(Role::malicious, Vote::reject, 2), fixed(Role::faulty, Vote::reject, 1)});
  REQUIRE(s.protocol.approve_quorum == 7);
  CHECK(run_many(s).correct == 200);
}

TEST_CASE("the default quorums n - f and f + 1 hold at their edges") {
  // n = 7, f = 2: approve needs 5, reject needs 3.
  SECTION("4 approvals and 3 rejections: REJECT") {
    const Scenario s =
        coordinator({fixed(Role::honest, Vote::approve, 4), honest(3)}, Truth::Kind::bad);
    CHECK(run_many(s).correct == 200);
  }
  SECTION("4 approvals, 2 rejections, 1 silent: NO CONSENSUS") {
    const Scenario s =
        coordinator({fixed(Role::honest, Vote::approve, 4), fixed(Role::honest, Vote::reject, 2),
                     with_strategy(Role::malicious, builtin_strategy("withhold"), 1)});
    CHECK(run_many(s).none == 200);
  }
  SECTION("5 approvals with 2 silent: APPROVE at the timeout") {
    Scenario s =
        coordinator({honest(5), with_strategy(Role::malicious, builtin_strategy("withhold"), 2)});
    const TrialResult r = run_one(s);
    CHECK(r.outcome == Outcome::correct);
    CHECK(r.latency_ns == s.protocol.round_timeout_ns);  // waited for votes that never came
  }
  SECTION("all votes in: the coordinator decides at once") {
    const TrialResult r = run_one(coordinator({honest(7)}));
    CHECK(r.outcome == Outcome::correct);
    CHECK(r.latency_ns == 0);
  }
}

TEST_CASE("majority decides by more approvals than rejections, and a tie is no consensus") {
  Scenario s = coordinator(
      {fixed(Role::honest, Vote::approve, 2), honest(3), fixed(Role::malicious, Vote::approve, 2)},
      Truth::Kind::bad);
  use_protocol(s.protocol, builtin_protocol("majority"));
  CHECK(run_many(s).wrong == 200);  // the seed's 4-3 vote: simple majority approves
  Scenario tie =
      coordinator({honest(2), fixed(Role::malicious, Vote::approve, 2)}, Truth::Kind::bad);
  use_protocol(tie.protocol, builtin_protocol("majority"));
  CHECK(run_many(tie).none == 200);
}

TEST_CASE("a failed round is retried up to max_rounds") {
  // 4 approvals of 7 with 3 silent agents: neither quorum (5 approve, 3 reject) is met.
  Scenario s = coordinator({fixed(Role::honest, Vote::approve, 4),
                            with_strategy(Role::malicious, builtin_strategy("withhold"), 3)});
  s.protocol.max_rounds = 3;
  const TrialResult r = run_one(s);
  CHECK(r.outcome == Outcome::no_consensus);
  CHECK(r.rounds == 3);
  CHECK(r.messages == 3 * (7 + 4));  // per round: 7 proposals, 4 votes; no decision sent

  // Faulty random voters: n = 4, f = 1, approve 3, reject 2. With retries, some trials
  // need several rounds and the mean number of rounds is above 1.
  Scenario retry = coordinator({with_strategy(Role::faulty, builtin_strategy("random"), 3),
                                with_strategy(Role::malicious, builtin_strategy("withhold"), 1)});
  retry.protocol.max_rounds = 5;
  const Counts c = run_many(retry, 400);
  CHECK(c.mean_rounds > 1.05);
  CHECK(c.none < 400);
}

TEST_CASE("without rejudge an honest judgement is kept across rounds - with it, it is redrawn") {
  // 3 honest of accuracy 0.5 and 1 silent (n = 4), both quorums 3: only a unanimous round
  // decides, a 2-1 split does not.
  Scenario s = coordinator(
      {honest(3, 0.5), with_strategy(Role::malicious, builtin_strategy("withhold"), 1)});
  s.protocol.approve_quorum = 3;
  s.protocol.reject_quorum = 3;
  s.protocol.max_rounds = 4;
  // Without rejudge, a 2-1 split repeats for ever: P(decide) = P(unanimous) = 1/4.
  const Counts kept = run_many(s, 2000);
  // With rejudge, each round decides with 1/4: P(decide within 4) = 1 - (3/4)^4 = 0.684.
  s.protocol.rejudge = true;
  const Counts redrawn = run_many(s, 2000);
  // Binomial(2000, .25) sd ~ 19.4 and Binomial(2000, .684) sd ~ 20.8; 5 sd margins.
  CHECK(std::abs((kept.correct + kept.wrong) - 500) < 5 * 19.4);
  CHECK(std::abs((redrawn.correct + redrawn.wrong) - 1368) < 5 * 20.8);
}

TEST_CASE("a crash before voting loses the vote - a crash after voting does not") {
  AgentGroup crash = with_strategy(Role::faulty, builtin_strategy("crash"), 1);
  crash.think_time = Distribution::constant(1e9);  // votes at t = 1 s
  // n = 4, f = 1: approve needs 3; 2 honest approvals + the crash agent's judgement.
  Scenario s = coordinator(
      {honest(2), crash, with_strategy(Role::malicious, builtin_strategy("withhold"), 1)});
  SECTION("crash at 0 s: never votes") {
    s.agents[1].crash_at = Distribution::constant(0);
    CHECK(run_one(s).outcome == Outcome::no_consensus);
  }
  SECTION("crash at 0.5 s, while thinking: no vote") {
    s.agents[1].crash_at = Distribution::constant(0.5e9);
    CHECK(run_one(s).outcome == Outcome::no_consensus);
  }
  SECTION("crash at 2 s, after voting at 1 s: the vote counts") {
    s.agents[1].crash_at = Distribution::constant(2e9);
    CHECK(run_one(s).outcome == Outcome::correct);
  }
}

TEST_CASE("dropped messages: drop 1 reaches no decision, drop 0 always does") {
  Scenario s = coordinator({honest(4)});
  s.network.drop = 1.0;
  const TrialResult r = run_one(s);
  CHECK(r.outcome == Outcome::no_consensus);
  CHECK(r.messages == 4);  // the proposals were sent (and lost)
  s.network.drop = 0.0;
  CHECK(run_many(s).correct == 200);
}

TEST_CASE("omission loses the agent's own votes - slow multiplies its latency") {
  AgentGroup omit = with_strategy(Role::faulty, builtin_strategy("omission"), 1);
  omit.p = 1.0;
  Scenario s = coordinator(
      {honest(2), omit, with_strategy(Role::malicious, builtin_strategy("withhold"), 1)});
  CHECK(run_one(s).outcome == Outcome::no_consensus);  // its vote never arrives: 2 < 3

  AgentGroup slow = with_strategy(Role::faulty, builtin_strategy("slow"), 1);
  slow.factor = 3;
  Scenario t = coordinator({honest(3), slow});
  t.network.latency = Distribution::constant(10e6);  // 10 ms each way
  const TrialResult r = run_one(t);
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.latency_ns == 10'000'000 + 30'000'000);  // proposal 10 ms, slow vote 30 ms
}

TEST_CASE("malicious strategies vote as the contract's table says") {
  auto decision_of = [](const StrategySpec* strategy, Truth::Kind truth) {
    // 1 agent alone decides under majority.
    Scenario s = coordinator({with_strategy(Role::malicious, strategy, 1)}, truth);
    use_protocol(s.protocol, builtin_protocol("majority"));
    return run_one(s).outcome;
  };
  CHECK(decision_of(builtin_strategy("oppose-truth"), Truth::Kind::good) == Outcome::wrong);
  CHECK(decision_of(builtin_strategy("oppose-truth"), Truth::Kind::bad) == Outcome::wrong);
  CHECK(decision_of(builtin_strategy("always-approve"), Truth::Kind::good) == Outcome::correct);
  CHECK(decision_of(builtin_strategy("always-approve"), Truth::Kind::bad) == Outcome::wrong);
  CHECK(decision_of(builtin_strategy("always-reject"), Truth::Kind::bad) == Outcome::correct);
  CHECK(decision_of(builtin_strategy("withhold"), Truth::Kind::good) == Outcome::no_consensus);
}

TEST_CASE("colluders block a good proposal when they hold a reject quorum") {
  // n = 7, f = 2: 4 honest approve, 3 colluders. Reject quorum 3 is reachable: REJECT.
  const Scenario s =
      coordinator({honest(4), with_strategy(Role::malicious, builtin_strategy("collude"), 3)});
  CHECK(run_many(s).wrong == 200);
  // With 2 colluders and 5 honest, approvals reach 5: the coalition cannot stop APPROVE.
  const Scenario t =
      coordinator({honest(5), with_strategy(Role::malicious, builtin_strategy("collude"), 2)});
  CHECK(run_many(t).correct == 200);
}

TEST_CASE("a corrupted honest agent behaves by the replacement strategy") {
  Scenario s = coordinator({honest(4)});
  s.corruption.enabled = true;
  s.corruption.count_min = s.corruption.count_max = 2;
  s.corruption.replacement = with_strategy(Role::malicious, builtin_strategy("oppose-truth"), 0);
  // 2 approvals of 4, approve quorum 3, reject quorum 2: 2 malicious rejections: REJECT.
  TrialRunner runner;
  runner.prepare(s, 0);
  const TrialResult r = runner.run(0);
  CHECK(r.corrupted == 2);
  CHECK(r.outcome == Outcome::wrong);
}

TEST_CASE("a trial result depends only on (seed, point, trial)") {
  Scenario s =
      coordinator({honest(5, 0.7), with_strategy(Role::faulty, builtin_strategy("random"), 2)});
  s.network.latency.kind = Distribution::Kind::exponential;
  s.network.latency.mean_ns = 1e7;
  TrialRunner a, b;
  a.prepare(s, 3);
  b.prepare(s, 3);
  for (std::uint64_t t = 0; t < 50; ++t) b.run(1000 + t);  // b has history; a does not
  for (std::uint64_t t = 0; t < 50; ++t) {
    const TrialResult x = a.run(t), y = b.run(t);
    CHECK(x.outcome == y.outcome);
    CHECK(x.latency_ns == y.latency_ns);
    CHECK(x.messages == y.messages);
  }
}
