// `byzsim plan`'s library (sim/plan/): the searched optimum against enumerating every quorum
// pair, the monotonicity its bisection assumes, three hand-worked cases and the diagnostics.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/plan/plan_evaluate.hpp"
#include "sim/plan/plan_frontier.hpp"
#include "sim/plan/plan_load.hpp"
#include "sim/plan/stopping_rule.hpp"

namespace byzsim {

namespace {

PlanSpec plan_from(const std::string& text) {
  const PlanLoadResult loaded = load_plan_text(text, "test-plan.json");
  for (const Diagnostic& d : loaded.diagnostics) INFO(d.to_string());
  REQUIRE(loaded.plan);
  return *loaded.plan;
}

// Evaluated and ranked designs; the plan must be one the exact model accepts.
std::vector<PlanDesign> ranked(const PlanSpec& plan) {
  PlanEvaluation evaluation = evaluate_plan(plan);
  for (const Diagnostic& d : evaluation.diagnostics) INFO(d.to_string());
  REQUIRE(evaluation.diagnostics.empty());
  rank_designs(evaluation.designs);
  return evaluation.designs;
}

std::string population(double accuracy, const std::string& liars) {
  return R"({"truth": {"p_good": 0.3}, "agents": [
    {"role": "honest", "count": "rest", "accuracy": )" +
         std::to_string(accuracy) + R"(},
    {"role": "malicious", "count": )" +
         liars + R"(, "strategy": "oppose-truth"}]})";
}

std::string coordinator_plan(double accuracy, const std::string& liars, const std::string& approve,
                             const std::string& reject, const std::string& targets) {
  return R"({"name": "t", "population": )" + population(accuracy, liars) +
         R"(, "candidates": {"protocols": ["coordinator-vote"], "n": "3:9", "approve_quorum": )" +
         approve + R"(, "reject_quorum": )" + reject + R"(}, "targets": )" + targets +
         R"(, "costs": {"wrong": 500, "no_consensus": 30, "per_agent": 1}})";
}

// The majority plan of the hand-worked cases: honest reviewers right 90% of the time, no liars.
std::string majority_plan(const std::string& n, const std::string& targets,
                          const std::string& costs) {
  return R"({"population": {"agents": [{"role": "honest", "count": "rest", "accuracy": 0.9}]},
    "candidates": {"protocols": ["majority"], "n": )" +
         n + R"(}, "targets": )" + targets + costs + "}";
}

int chosen_n(const std::vector<PlanDesign>& designs) {
  REQUIRE(!designs.empty());
  REQUIRE(designs.front().chosen);
  return designs.front().n;
}

}  // namespace

TEST_CASE("plan's searched quorums give the optimum of enumerating every quorum pair") {
  // "all" bisects the reject quorum; "1:9" lists every pair, so its cheapest feasible design is
  // the brute-force optimum. Several populations, ranged liar counts (worst case) included.
  const std::vector<std::string> targets = {R"({"max_p_wrong": 0.05, "max_p_no_consensus": 0.2})",
                                            R"({"max_p_wrong": 0.01})",
                                            R"({"max_p_no_consensus": 0.05})"};
  for (const double accuracy : {0.8, 0.9, 0.97})
    for (const std::string liars : {"0", "1", "\"0:2\""})
      for (const std::string& target : targets) {
        INFO("accuracy " << accuracy << ", liars " << liars << ", targets " << target);
        const auto searched =
            ranked(plan_from(coordinator_plan(accuracy, liars, "\"all\"", "\"all\"", target)));
        const auto brute =
            ranked(plan_from(coordinator_plan(accuracy, liars, "\"1:9\"", "\"1:9\"", target)));
        REQUIRE(brute.size() >= searched.size());
        CHECK(brute.front().feasible == searched.front().feasible);
        if (!brute.front().feasible) continue;
        CHECK(searched.front().cost == Approx(brute.front().cost).epsilon(1e-12));
        CHECK(searched.front().n == brute.front().n);
        // Every feasible pair the enumeration found is at least as expensive as the answer.
        for (const PlanDesign& d : brute)
          if (d.feasible) CHECK(d.cost >= searched.front().cost - 1e-12);
      }
}

TEST_CASE(
    "with one round, p_wrong never rises and p_no_consensus never falls as the reject quorum "
    "grows") {
  // The assumption behind the bisection (plan_evaluate.hpp), checked on every (n, approve) pair.
  for (const double accuracy : {0.6, 0.8, 0.95})
    for (const std::string liars : {"0", "2", "\"0:3\""}) {
      const auto designs =
          ranked(plan_from(coordinator_plan(accuracy, liars, "\"1:9\"", "\"1:9\"", "{}")));
      for (const PlanDesign& a : designs)
        for (const PlanDesign& b : designs)
          if (a.n == b.n && a.approve_quorum == b.approve_quorum &&
              *a.reject_quorum < *b.reject_quorum) {
            INFO("n " << a.n << " approve " << *a.approve_quorum << " reject " << *a.reject_quorum
                      << " vs " << *b.reject_quorum);
            CHECK(b.p_wrong <= a.p_wrong + 1e-15);
            CHECK(b.p_no_consensus >= a.p_no_consensus - 1e-15);
          }
    }
}

TEST_CASE("a no-consensus target moves majority from n = 4 to n = 7") {
  // Accuracy 0.9, cost = n, p_wrong <= 0.005. n = 2: both wrong, 0.01; n = 3: 3(0.01)(0.9) +
  // 0.001 = 0.028; n = 4 is wrong only with 3+ wrong votes: 4(0.1^3)(0.9) + 0.1^4 = 0.0037, but a
  // 2-2 tie gives no consensus 6(0.01)(0.81) = 0.0486. With p_no_consensus <= 0.01 as well: n = 5
  // is wrong 10(0.001)(0.81) + 5(0.0001)(0.9) + 0.00001 = 0.00856; n = 6 ties 20(0.001)(0.729) =
  // 0.01458; n = 7 never ties and is wrong 0.002728.
  const std::string n = R"("1:9")";
  const auto loose = ranked(plan_from(majority_plan(n, R"({"max_p_wrong": 0.005})", "")));
  CHECK(chosen_n(loose) == 4);
  CHECK(loose.front().p_wrong == Approx(0.0037).epsilon(1e-9));
  CHECK(loose.front().p_no_consensus == Approx(0.0486).epsilon(1e-9));
  const auto tight = ranked(
      plan_from(majority_plan(n, R"({"max_p_wrong": 0.005, "max_p_no_consensus": 0.01})", "")));
  CHECK(chosen_n(tight) == 7);
  CHECK(tight.front().p_wrong == Approx(0.0027280).epsilon(1e-9));
}

TEST_CASE("a tighter p_wrong target moves majority from n = 2 to n = 4") {
  // n = 1: 0.1; n = 2: both wrong, 0.01; n = 3: 3(0.01)(0.9) + 0.001 = 0.028; n = 4: 0.0037.
  const auto loose = ranked(plan_from(majority_plan(R"("1:9")", R"({"max_p_wrong": 0.05})", "")));
  CHECK(chosen_n(loose) == 2);
  const auto tight = ranked(plan_from(majority_plan(R"("1:9")", R"({"max_p_wrong": 0.005})", "")));
  CHECK(chosen_n(tight) == 4);
}

TEST_CASE("a dearer wrong decision moves majority from 1 reviewer to 3") {
  // No targets; cost = W p_wrong + n: n = 1 costs 0.1 W + 1, n = 3 costs 0.028 W + 3; they are
  // equal at W = 2 / 0.072 = 27.8. W = 10 keeps one reviewer, W = 100 takes three.
  const std::string n = "[1, 3]";
  const auto cheap =
      ranked(plan_from(majority_plan(n, "{}", R"(, "costs": {"wrong": 10, "per_agent": 1})")));
  CHECK(chosen_n(cheap) == 1);
  CHECK(cheap.front().cost == Approx(2.0).epsilon(1e-12));
  const auto dear =
      ranked(plan_from(majority_plan(n, "{}", R"(, "costs": {"wrong": 100, "per_agent": 1})")));
  CHECK(chosen_n(dear) == 3);
  CHECK(dear.front().cost == Approx(5.8).epsilon(1e-12));
}

TEST_CASE("a dominated design is one another beats or ties in p_wrong, p_no_consensus and cost") {
  PlanDesign a, b;
  a.cost = 5, a.p_wrong = 0.1, a.p_no_consensus = 0.2;
  b = a;
  CHECK_FALSE(dominates(a, b));  // equal: neither dominates
  b.cost = 6;
  CHECK(dominates(a, b));
  b.p_wrong = 0.05;
  CHECK_FALSE(dominates(a, b));  // b is better in p_wrong: both on the frontier
  std::vector<PlanDesign> designs = {b, a};
  designs[0].feasible = designs[1].feasible = true;
  rank_designs(designs);
  CHECK(designs.front().cost == 5);
  CHECK(designs.front().chosen);
  CHECK_FALSE(designs[0].dominated);
  CHECK_FALSE(designs[1].dominated);
}

TEST_CASE("plan files with problems are refused with line:column, pointer and what is accepted") {
  const std::string text =
      "{\"population\": {\"agents\": [{\"role\": \"honest\", \"count\": \"rest\"}]},\n"
      " \"candidates\": {\"protocols\": [\"raft\"], \"n\": \"9:3\"},\n"
      " \"targets\": {\"max_p_wrongg\": 0.1}}";
  const PlanLoadResult loaded = load_plan_text(text, "bad.json");
  REQUIRE_FALSE(loaded.plan);
  std::vector<std::string> lines;
  for (const Diagnostic& d : loaded.diagnostics) lines.push_back(d.to_string());
  REQUIRE(lines.size() == 3);
  CHECK_THAT(lines[0], Catch::Contains("bad.json:2:31") &&
                           Catch::Contains("/candidates/protocols/0") &&
                           Catch::Contains("unknown protocol 'raft'") &&
                           Catch::Contains("accepted: coordinator-vote, majority, pbft"));
  CHECK_THAT(lines[1], Catch::Contains("/candidates/n") && Catch::Contains("'9:3' is not a range"));
  CHECK_THAT(lines[2], Catch::Contains("bad.json:3:14") &&
                           Catch::Contains("/targets/max_p_wrongg") &&
                           Catch::Contains("did you mean 'max_p_wrong'"));
}

TEST_CASE("a population the scenario format refuses is reported at its place in the plan file") {
  const PlanSpec plan = plan_from(
      "{\"population\": {\"agents\": [\n  {\"role\": \"honest\", \"count\": \"rest\", "
      "\"accuracy\": 1.5}]},\n"
      " \"candidates\": {\"n\": \"3:5\"}}");
  const PlanEvaluation evaluation = evaluate_plan(plan);
  REQUIRE_FALSE(evaluation.diagnostics.empty());
  const std::string line = evaluation.diagnostics.front().to_string();
  CHECK_THAT(line, Catch::Contains("test-plan.json:2:51") &&
                       Catch::Contains("/population/agents/0/accuracy"));
}

// The stopping rule on a synthetic case: a Bernoulli rate 30% above (or below) the target, drawn
// in the rule's blocks until its verdict. StoppingRule's z gives each of its at most 100 looks a
// two-sided error of 1e-4, so a wrong verdict has probability at most 1% (union bound). Over
// 400 repetitions each way, with a true error rate of at most 1% the count of wrong verdicts
// exceeds 12 with probability below 0.1% (binomial(400, 0.01): mean 4); the check asserts at most
// 12, at 99.9% confidence.
TEST_CASE("the stopping rule's wrong verdicts stay within its 1% error on a synthetic rate") {
  StoppingRule rule;
  rule.block_trials = 500;
  rule.max_trials = 50000;  // 100 looks, as the defaults
  const double target = 0.02;
  for (const double factor : {1.3, 1 / 1.3}) {
    const double p = target * factor;
    const Verdict wrong = factor > 1 ? Verdict::meets : Verdict::misses;
    int wrong_verdicts = 0, undecided = 0;
    for (std::uint64_t rep = 0; rep < 400; ++rep) {
      Rng rng = Rng::for_trial(7, rep, 0);
      std::uint64_t events = 0, trials = 0;
      Verdict verdict = Verdict::undecided;
      while (verdict == Verdict::undecided && trials < rule.max_trials) {
        for (std::uint64_t i = 0; i < rule.block_trials; ++i) events += rng.bernoulli(p) ? 1 : 0;
        trials += rule.block_trials;
        verdict = judge_rate(events, trials, target, rule.z);
      }
      wrong_verdicts += verdict == wrong ? 1 : 0;
      undecided += verdict == Verdict::undecided ? 1 : 0;
    }
    INFO("p = " << p << ", undecided " << undecided);
    CHECK(wrong_verdicts <= 12);
    CHECK(undecided < 400);  // the rule does decide (most) cases 30% from the target
  }
}

TEST_CASE(
    "judge_rate: a Wilson interval wholly below the target meets it, wholly above misses it") {
  CHECK(judge_rate(0, 10000, 0.01, 3.89) == Verdict::meets);
  CHECK(judge_rate(500, 10000, 0.01, 3.89) == Verdict::misses);
  CHECK(judge_rate(100, 10000, 0.01, 3.89) == Verdict::undecided);
  CHECK(judge_rate(5, 10, 1.0, 3.89) == Verdict::meets);  // no target
}

TEST_CASE("pbft designs are simulated until the stopping rule decides, and say so") {
  const PlanSpec plan = plan_from(R"({"population": {"agents": [
      {"role": "honest", "count": "rest", "accuracy": 0.9},
      {"role": "malicious", "count": 1, "strategy": "oppose-truth"}]},
    "candidates": {"protocols": ["pbft"], "n": [4, 10]}, "targets": {"max_p_wrong": 0.05}})");
  const auto designs = ranked(plan);
  REQUIRE(designs.size() == 2);
  for (const PlanDesign& d : designs) {
    CHECK(d.method == "sim");
    CHECK(d.trials >= StoppingRule{}.block_trials);
    CHECK(d.lo[1] <= d.p_wrong);
    CHECK(d.p_wrong <= d.hi[1]);
  }
  // n = 4 with one liar is wrong ~16% of the time, far above 5%: decided infeasible at once.
  const PlanDesign& four = designs.front().n == 4 ? designs.front() : designs.back();
  CHECK_FALSE(four.feasible);
  CHECK_FALSE(four.undecided);
  CHECK(four.trials == StoppingRule{}.block_trials);
}

}  // namespace byzsim
