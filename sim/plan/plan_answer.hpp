// The one-paragraph answer of `byzsim plan`: the cheapest feasible design, the cheapest and the
// smallest feasible n of the seed's 3f+1 quorums, of simple majority and of each simulated
// protocol, and whether Byzantine (3f+1) quorums pay off here. Every rule is named by what it
// is ("a symmetric 9-of-15 supermajority"), never by the protocol that runs it alone.
#pragma once

#include <string>
#include <vector>

#include "sim/plan/plan_design.hpp"
#include "sim/plan/plan_spec.hpp"

namespace byzsim {

// `designs` as rank_designs left them (feasible first, cheapest first). Ends with '\n'.
std::string plan_answer(const PlanSpec& plan, const std::vector<PlanDesign>& designs);

// What a design's rule is: "the seed's 3f+1 quorums (approve n-f = 13, reject f+1 = 7)",
// "simple majority", "a symmetric 9-of-15 supermajority", "asymmetric quorums (approve 12,
// reject 4 of 15)", "pbft (3f+1 quorums, f = 2)".
std::string describe_rule(const PlanDesign& design);

// The rule with its protocol, n and rounds: "simple majority, n = 18",
// "coordinator-vote with a symmetric 9-of-15 supermajority, n = 15, 2 rounds".
std::string describe_design(const PlanDesign& design);

// Whether the design's guarantee rests on n >= 3f+1: the seed's quorums, or a protocol built on
// that bound without searched quorums (pbft). Searched quorums are not: they are whatever counts
// meet the targets, and the answer calls Byzantine quorums worth it only for these designs.
bool three_f_plus_one_rule(const PlanDesign& design);

}  // namespace byzsim
