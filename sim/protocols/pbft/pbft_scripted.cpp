// Pbft's Byzantine agents that do not follow the protocol: they notice a view from its first
// message (or t = 0 for view 0), and a scripted agent (StrategySpec::scripted) is then offered
// what it could send unprompted: PREPARE and COMMIT to every agent, and VIEW-CHANGE after view
// 0. As leader it counts its own vote through its rule and is offered its proposal. Its rule
// decides each (docs/adversary.md, "Scripted agents"): withhold declines them all, blind
// equivocate splits them between the values. pbft knows neither strategy.
#include "sim/protocols/pbft/pbft.hpp"

namespace byzsim {

using namespace pbft;

void Pbft::notice(int agent, int view) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (r.follows) return;
  if (view <= r.acted_view || view >= config_.max_views) return;
  r.acted_view = view;
  r.view = view;
  if (r.scripted) offer_unprompted(agent, view);
  if (config_.leader(view) != agent) return;
  if (r.scripted) {
    const Vote vote = env_.population[agent].vote;
    count_own_vote(agent, view, vote != Vote::none ? vote : env_.population.wrong_vote(), false);
  }
  leader_enter(view, agent);
}

// PREPARE and COMMIT to each agent in turn (what the rule sends is booked in send_at), then a
// VIEW-CHANGE claiming nothing prepared.
void Pbft::offer_unprompted(int agent, int view) {
  const SimTime now = env_.simulator.now();
  const Vote vote = env_.population[agent].vote;
  const std::uint32_t payload =
      pack(agent, vote != Vote::none ? vote : env_.population.wrong_vote());
  for (int j = 0; j < config_.n; ++j) {
    if (j == agent) continue;
    send_at(agent, j, kPrepare, view, payload, now);
    send_at(agent, j, kCommit, view, payload, now);
  }
  if (view > 0) send_view_change(agent, view);
}

// A scripted leader wants room to act: it waits until it could send either value (a certificate
// for each, or no signatures), or until its window closes. A NEW-VIEW that forces a value is
// offered that value; holding both, APPROVE; else what the thresholds allow. Its rule acts on
// each recipient's copy, and a value it could not sign leaves as offered.
void Pbft::scripted_propose(int view) {
  ViewLedger& l = book_.ledger(view);
  if (view > 0 && config_.signatures) {
    const ViewChangeChoice choice = choose_view_changes(view, 0, false);
    if (!choice.enough) return;
    if (choice.forced != Vote::none) {
      propose_to_all(view, choice.forced, config_.leader(view));
      return;
    }
  }
  auto in_hand = [&](Vote v) {
    return !config_.signatures || static_cast<int>(l.votes[index_of(v)]) >= config_.threshold(v);
  };
  if (in_hand(Vote::approve) && in_hand(Vote::reject)) {
    propose_to_all(view, Vote::approve, config_.leader(view));
    return;
  }
  if (!l.window_closed) return;
  const Vote value = rule(l);
  if (value != Vote::none)
    propose_to_all(view, value, config_.leader(view));
  else
    l.proposed = true;
}

}  // namespace byzsim
