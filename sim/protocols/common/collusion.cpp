// plan_collusion: evaluates the three common votes on the round's intended votes.
#include "sim/protocols/common/collusion.hpp"

namespace byzsim {

namespace {

// Higher is better for the adversary: a wrong decision, then none, then a correct one.
int harm(Decision decision, Vote correct) {
  if (decision == Decision::none) return 1;
  const bool is_correct = (decision == Decision::approve) == (correct == Vote::approve);
  return is_correct ? 0 : 2;
}

}  // namespace

void plan_collusion(Population& population, const DecisionRule& rule) {
  const int colluders = population.coalition_size();
  if (colluders == 0) return;
  int approvals = 0;
  int rejections = 0;
  for (int i = 0; i < population.size(); ++i) {
    const AgentState& agent = population[i];
    if (agent.in_coalition()) continue;
    approvals += agent.vote == Vote::approve;
    rejections += agent.vote == Vote::reject;
  }
  // Candidates in order of preference on equal harm: the vote opposing the truth first.
  const Vote candidates[3] = {population.wrong_vote(), Vote::none, population.correct_vote()};
  Vote best = candidates[0];
  int best_harm = -1;
  for (Vote v : candidates) {
    const int a = approvals + (v == Vote::approve ? colluders : 0);
    const int r = rejections + (v == Vote::reject ? colluders : 0);
    const int h = harm(rule.decide(a, r), population.correct_vote());
    if (h > best_harm) {
      best_harm = h;
      best = v;
    }
  }
  for (int i = 0; i < population.size(); ++i)
    if (population[i].in_coalition()) population[i].vote = best;
}

}  // namespace byzsim
