// The exact mean decision latency: each round lasts until the last of the n votes arrives when
// all arrive (a fixed time with constant timings), else until round_timeout. Used by
// compute_exact alongside the outcome probabilities.
#pragma once

#include <optional>
#include <vector>

#include "analysis/exact/agent_law.hpp"
#include "analysis/exact/round_evaluator.hpp"
#include "analysis/exact/support.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::exact {

// The event that all n votes of a round are counted (each agent has a vote, gets the proposal
// and its vote arrives before the timeout). Its chance is the same in every round and does not
// depend on judgements or votes, so P(all counted, outcome) = chance * P(outcome | all
// counted), where every agent follows its given_counted law.
struct AllCounted {
  double chance = 0;            // 0 when some agent surely is not counted
  std::vector<GroupLaws> laws;  // the given_counted laws (empty when chance is 0)
};

// nullopt when an agent's chance of being counted depends on its judgement.
std::optional<AllCounted> all_counted(const std::vector<GroupLaws>& groups);

// Nanoseconds from a round's start to the last vote's arrival when every agent votes, for one
// corruption draw, as the simulator's integer clock has it: latency + think + latency x
// factor, the largest over the agents. nullopt when it is not one fixed number (timings that
// are not constant, network partitions, GST or slow links, or corruption by probability that
// changes an agent's arrival).
std::optional<double> all_arrived_ns(const Scenario& scenario, const Timings& timings,
                                     const CorruptionDraw& draw);

// One round: its chances, and the same jointly with "all n votes counted" (none measured).
struct TimedRound {
  RoundChances any;
  RoundChances all_in;
};

// `all_counted_chances` (given all counted) scaled to the joint chances with all counted.
RoundChances joint_all_in(const RoundChances& all_counted_chances, double chance);

// E[decision time x 1{decided}] in nanoseconds for rounds i.i.d. as `round`; a round lasts
// `all_in_ns` when all votes are counted, else `timeout_ns`, and a failed round starts the
// next. With `repeated`, a failed first round means every round fails (nothing random).
double decided_time_ns(const TimedRound& round, double all_in_ns, double timeout_ns, int max_rounds,
                       bool repeated, WorkBudget& budget);

}  // namespace byzsim::exact
