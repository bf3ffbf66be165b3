// How each agent votes in one round, as probabilities, for one truth and one corruption draw.
// Built by compute_exact from the Scenario; read by the round evaluator and the decision rules.
#pragma once

#include <vector>

#include "analysis/exact/support.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim::exact {

// One agent in one round, given its judgement: its intended vote and whether it is counted.
struct AgentLaw {
  double approve = 0;          // P(intended vote = approve)
  double reject = 0;           // P(intended vote = reject); no vote otherwise
  double counted_approve = 0;  // P(an approve vote reaches the coordinator before the timeout)
  double counted_reject = 0;   // P(a reject vote does)
  double sends = 0;            // P(it sends a vote message): it got the proposal and has a vote
  double keep = 0;             // P(counted | it has a vote); meaningful when `voter`
  bool voter = false;          // surely has a vote, counted with probability `keep` > 0
  bool silent = true;          // surely never counted

  bool operator==(const AgentLaw&) const = default;
};

// The law of an agent that follows `a` with probability w and `b` otherwise.
AgentLaw mix(double w, const AgentLaw& a, const AgentLaw& b);

// The law of an agent given that its vote is counted (for a round in which every vote
// arrives): its intended vote conditioned on being counted, counted for sure. Requires
// counted_approve + counted_reject > 0.
AgentLaw given_counted(const AgentLaw& law);

// Identical agents of one group: their law with a right and with a wrong judgement.
struct PartLaws {
  int count = 0;
  AgentLaw if_right;
  AgentLaw if_wrong;

  bool depends_on_judgement() const { return !(if_right == if_wrong); }
  AgentLaw averaged(double accuracy) const { return mix(accuracy, if_right, if_wrong); }
};

// One agent group for one trial: its judgement mechanism and its parts (members that behave
// as the group does, and members corrupted into the replacement's behaviour).
struct GroupLaws {
  int index = 0;  // position in Scenario::agents
  double accuracy = 1;
  double correlation = 0;
  std::vector<PartLaws> parts;

  // Whether the group's (shared or individual) judgement draw changes any vote.
  bool judgement_matters() const;
};

// Which honest agents are corrupted in the trial: a count per group, or, when mix_p >= 0,
// each honest agent independently with probability mix_p (only valid for one round).
struct CorruptionDraw {
  std::vector<int> per_group;
  double mix_p = -1;
};

// The laws of every group for one truth and one corruption draw.
std::vector<GroupLaws> round_laws(const Scenario& scenario, const Timings& timings, bool truth_good,
                                  const CorruptionDraw& draw);

// Whether some agent's counted vote is random within a round once its judgement is known
// (drops, omission, flip, random): then rounds differ even with judgements kept.
bool has_round_noise(const std::vector<GroupLaws>& groups);

// Expected vote messages sent per round.
double expected_vote_messages(const std::vector<GroupLaws>& groups);

}  // namespace byzsim::exact
