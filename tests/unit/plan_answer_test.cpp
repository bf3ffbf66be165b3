// `byzsim plan`'s answer paragraph (sim/plan/plan_answer.cpp) on hand-made ranked designs: rules
// named by what they are, the cheapest n told apart from the smallest feasible n, and Byzantine
// quorums called worth it only when a 3f+1 design is the one chosen.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/plan/plan_answer.hpp"
#include "sim/plan/plan_frontier.hpp"
#include "sim/plan/plan_load.hpp"

namespace byzsim {

namespace {

PlanSpec plan_with_costs() {
  const PlanLoadResult loaded = load_plan_text(R"({"population": {"agents": [
      {"role": "honest", "count": "rest", "accuracy": 0.9},
      {"role": "malicious", "count": 1, "strategy": "oppose-truth"}]},
    "candidates": {"protocols": ["coordinator-vote", "majority"], "n": "3:20",
                   "approve_quorum": "all", "reject_quorum": "all"},
    "targets": {"max_p_wrong": 0.01},
    "costs": {"wrong": 1000, "per_agent": 1}})",
                                               "answer-plan.json");
  for (const Diagnostic& d : loaded.diagnostics) INFO(d.to_string());
  REQUIRE(loaded.plan);
  return *loaded.plan;
}

// Majority against pbft (simulated, 3f+1), no costs: a design's cost is its n.
PlanSpec plan_without_costs() {
  const PlanLoadResult loaded = load_plan_text(R"({"population": {"agents": [
      {"role": "honest", "count": "rest", "accuracy": 0.9}]},
    "candidates": {"protocols": ["majority", "pbft"], "n": [4, 7, 10]},
    "targets": {"max_p_wrong": 0.05}})",
                                               "answer-plan.json");
  for (const Diagnostic& d : loaded.diagnostics) INFO(d.to_string());
  REQUIRE(loaded.plan);
  return *loaded.plan;
}

PlanDesign pbft_design(int n, bool feasible) {
  PlanDesign d;
  d.protocol = "pbft";
  d.rule = "pbft";
  d.n = n;
  d.f = (n - 1) / 3;
  d.cost = n;
  d.method = "sim";
  d.feasible = feasible;
  return d;
}

PlanDesign seed_design(int n, int f, double cost, bool feasible) {
  PlanDesign d;
  d.protocol = "coordinator-vote";
  d.exact_rule = ExactRule::quorums;
  d.rule = "seed";
  d.n = n;
  d.f = f;
  d.approve_quorum = n - f;
  d.reject_quorum = f + 1;
  d.cost = cost;
  d.feasible = feasible;
  return d;
}

PlanDesign quorum_design(int n, int approve, int reject, double cost, bool feasible) {
  PlanDesign d = seed_design(n, (n - 1) / 3, cost, feasible);
  d.rule = "quorum";
  d.approve_quorum = approve;
  d.reject_quorum = reject;
  return d;
}

PlanDesign majority_design(int n, double cost, bool feasible) {
  PlanDesign d;
  d.protocol = "majority";
  d.exact_rule = ExactRule::majority;
  d.rule = "majority";
  d.n = n;
  d.cost = cost;
  d.feasible = feasible;
  return d;
}

std::string answer(std::vector<PlanDesign> designs) {
  rank_designs(designs);
  return plan_answer(plan_with_costs(), designs);
}

bool has(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the answer names each rule by what it is") {
  CHECK(describe_rule(seed_design(19, 6, 20, true)) ==
        "the seed's 3f+1 quorums (approve n-f = 13, reject f+1 = 7)");
  CHECK(describe_rule(majority_design(18, 18, true)) == "simple majority");
  CHECK(describe_rule(quorum_design(15, 9, 9, 15, true)) == "a symmetric 9-of-15 supermajority");
  CHECK(describe_rule(quorum_design(10, 6, 6, 15, true)) == "a symmetric 6-of-10 majority quorum");
  CHECK(describe_rule(quorum_design(10, 5, 5, 15, true)) == "a symmetric 5-of-10 quorum");
  CHECK(describe_rule(quorum_design(15, 12, 4, 15, true)) ==
        "asymmetric quorums (approve 12, reject 4 of 15)");
  PlanDesign two_rounds = quorum_design(15, 9, 9, 15, true);
  two_rounds.max_rounds = 2;
  CHECK(describe_design(two_rounds) ==
        "coordinator-vote with a symmetric 9-of-15 supermajority, n = 15, 2 rounds");
  CHECK(describe_design(majority_design(18, 18, true)) == "simple majority, n = 18");
  CHECK(three_f_plus_one_rule(seed_design(7, 2, 8, true)));
  CHECK_FALSE(three_f_plus_one_rule(quorum_design(7, 5, 3, 8, true)));
  CHECK_FALSE(three_f_plus_one_rule(majority_design(7, 8, true)));
}

TEST_CASE("Byzantine quorums are worth it only when a 3f+1 design is chosen") {
  SECTION("the seed's quorums are the cheapest design") {
    const std::string text = answer({majority_design(9, 10, true), seed_design(7, 2, 8, true)});
    CHECK(has(text,
              "Cheapest design meeting p_wrong <= 0.01: coordinator-vote with the seed's "
              "3f+1 quorums (approve n-f = 5, reject f+1 = 3), n = 7 ("));
    CHECK(has(text,
              " Byzantine 3f+1 quorums are worth it here: the cheapest design without "
              "them, simple majority, n = 9, has expected cost 10 against 8 for the design "
              "above."));
  }
  SECTION("a symmetric supermajority is cheapest and the seed's quorums never qualify") {
    const std::string text =
        answer({quorum_design(15, 9, 9, 15.2, true), majority_design(18, 18.1, true),
                seed_design(16, 5, 30, false)});
    CHECK(has(text,
              "The seed's 3f+1 quorums (approve n-f, reject f+1): no n in 3..20 meets the "
              "targets."));
    CHECK(has(text,
              " Byzantine 3f+1 quorums are not worth it here: no design with them meets "
              "the targets at n in 3..20, while a symmetric 9-of-15 supermajority does."));
    CHECK_FALSE(has(text, "are worth it here"));
  }
  SECTION("the seed's quorums qualify but cost more than majority") {
    const std::string text =
        answer({seed_design(19, 6, 22.2, true), majority_design(11, 12.6, true)});
    CHECK(has(text,
              " Byzantine 3f+1 quorums are not worth it here: their cheapest design, "
              "coordinator-vote with the seed's 3f+1 quorums (approve n-f = 13, reject f+1 = "
              "7), n = 19, has expected cost 22.2 against 12.6 for simple majority."));
  }
}

TEST_CASE("pbft is a 3f+1 rule: worth it when its design is chosen, compared by n without costs") {
  CHECK(describe_rule(pbft_design(7, true)) == "pbft (3f+1 quorums, f = 2)");
  CHECK(three_f_plus_one_rule(pbft_design(7, true)));
  std::vector<PlanDesign> designs{majority_design(7, 7, true), pbft_design(4, true),
                                  pbft_design(10, true), majority_design(4, 4, false)};
  rank_designs(designs);
  const std::string text = plan_answer(plan_without_costs(), designs);
  CHECK(has(text, "Cheapest design meeting p_wrong <= 0.05: pbft (3f+1 quorums, f = 1), n = 4 ("));
  CHECK(has(text, "pbft (3f+1 quorums): the cheapest n is 4, also the smallest feasible ("));
  CHECK(has(text,
            " Byzantine 3f+1 quorums are worth it here: the cheapest design without them, "
            "simple majority, n = 7, is larger than the design above at n = 4."));
}

TEST_CASE("the answer tells a rule's cheapest n from its smallest feasible n") {
  // A larger n errs less, so it costs less in expected cost: the cheapest is not the smallest.
  const std::string text =
      answer({seed_design(16, 5, 22.36, true), seed_design(19, 6, 22.2, true),
              majority_design(9, 14.02, true), majority_design(11, 12.63, true),
              majority_design(7, 40, false)});
  CHECK(has(text, "The seed's 3f+1 quorums (approve n-f, reject f+1): the cheapest n is 19 ("));
  CHECK(has(text, "; smallest feasible n: 16, expected cost 22.36)."));
  CHECK(has(text, "Simple majority: the cheapest n is 11 ("));
  CHECK(has(text, "; smallest feasible n: 9, expected cost 14.02)."));
  CHECK_FALSE(has(text, "needs n"));
  const std::string same =
      answer({majority_design(11, 12.63, true), seed_design(19, 6, 22.2, true)});
  CHECK(has(same, "Simple majority: the cheapest n is 11, also the smallest feasible (p_wrong "));
}

}  // namespace byzsim
