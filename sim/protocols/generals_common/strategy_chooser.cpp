// StrategyChooser: reads only the strategy row's conduct and vote rule (no names).
#include "sim/protocols/generals_common/strategy_chooser.hpp"

namespace byzsim::generals {

namespace {
Orders to_orders(Vote v) {
  return v == Vote::approve ? kApprove : v == Vote::reject ? kReject : kNone;
}
}  // namespace

Orders StrategyChooser::choose(const TraitorMessage& m) {
  const AgentState& agent = population_[m.sender];
  Orders content = m.honest;
  switch (agent.conduct()) {
    case Conduct::silent:
      content = kNone;
      break;
    case Conduct::equivocator:
      content = m.receiver % 2 == 0 ? kApprove : kReject;
      break;
    case Conduct::colluder:
      content = 2 * m.receiver < population_.size() ? kApprove : kReject;
      break;
    case Conduct::follower:
      if (agent.strategy().vote != nullptr) {
        const Vote judged = agent.right ? population_.correct_vote() : population_.wrong_vote();
        content = to_orders(agent.strategy().vote(
            VoteInput{*agent.behaviour, judged, population_.wrong_vote(), rng_}));
      }
      break;
  }
  return content & m.allowed;
}

}  // namespace byzsim::generals
