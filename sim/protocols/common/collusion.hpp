// The rushing coalition's choice (strategy `collude`): having seen every other intended
// vote of the round, all colluders cast one common vote chosen to make the decision wrong
// if possible, else to prevent a decision. Used by the vote-counting protocols.
#pragma once

#include "sim/agents/population.hpp"
#include "sim/protocols/common/decision_rule.hpp"

namespace byzsim {

// Sets the intended vote of every colluder in `population` for the current round.
void plan_collusion(Population& population, const DecisionRule& rule);

}  // namespace byzsim
