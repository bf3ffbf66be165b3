// StrategyChooser: reads only the strategy row (coalition, scripted, vote rule; no names).
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
  if (agent.in_coalition()) {
    content = 2 * m.receiver < population_.size() ? kApprove : kReject;  // the two halves
  } else if (agent.scripted()) {
    content = offered(m);
  } else if (agent.strategy().vote != nullptr) {
    const Vote judged = agent.right ? population_.correct_vote() : population_.wrong_vote();
    content = to_orders(
        agent.strategy().vote(VoteInput{*agent.behaviour, judged, population_.wrong_vote(), rng_}));
  }
  return content & m.allowed;
}

// A scripted traitor runs no part of the algorithm: the message is offered to its rule, with
// the order a loyal general would send (or the wrong one when that is none); what the copies
// carry is its content (none when it declines).
Orders StrategyChooser::offered(const TraitorMessage& m) {
  MessageHeader h;
  h.from = m.sender;
  h.to = m.receiver;
  h.round = m.round;
  h.value = m.honest == kApprove  ? Vote::approve
            : m.honest == kReject ? Vote::reject
                                  : population_.wrong_vote();
  h.broadcast = true;
  h.offered = true;
  Transmission copies[2];
  const int count = send_path_.copies(h, 0, copies);
  Orders content = kNone;
  for (int i = 0; i < count; ++i) content |= to_orders(copies[i].sent.value);
  return content;
}

}  // namespace byzsim::generals
