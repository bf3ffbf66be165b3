// Bracha's scripted agents (StrategySpec::scripted), which run no state machine: when one first
// notices a round (its review ends for round 1, or a message of the round reaches it) it is
// offered the INITIAL of each of the round's three steps, to every agent, with its vote (the
// wrong one when it has none; a decision proposal in step 3); on each INITIAL it receives, the
// ECHO and READY of that value to every agent. Its rule decides each (docs/adversary.md,
// "Scripted agents"): withhold declines them all, blind equivocate splits them between the
// values. bracha knows neither strategy.
#include "sim/protocols/bracha/bracha.hpp"

namespace byzsim {

using namespace bracha;

void Bracha::notice(int agent, int round) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.scripted || round <= a.noticed || round > config_.max_rounds) return;
  a.noticed = round;
  const Vote vote = env_.population[agent].vote;
  const int bit = bit_of_vote(vote != Vote::none ? vote : env_.population.wrong_vote());
  for (int step = 0; step < kSteps; ++step)
    broadcast(agent, kInitial, round, agent, step, step == 2 ? proposal(bit) : plain(bit));
}

void Bracha::offer_relays(int agent, int round, int step, int origin, int value) {
  broadcast(agent, kEcho, round, origin, step, value);
  broadcast(agent, kReady, round, origin, step, value);
}

}  // namespace byzsim
