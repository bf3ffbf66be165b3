// HotStuff's scripted agents (StrategySpec::scripted): they run no state machine. They notice a
// view from its first message (or t = 0 for view 0) and are offered what they could send
// unprompted: a NEW-VIEW claiming no QC at the first view of a leader's term; as leader, their
// own review vote and the proposals; on each proposal delivered, a block vote for it (see
// HotStuff::on_proposal). Their rule decides each (docs/adversary.md, "Scripted agents"):
// withhold declines them all, blind equivocate splits them. hotstuff knows neither strategy.
#include "sim/protocols/hotstuff/hotstuff.hpp"

namespace byzsim {

using namespace hotstuff;

void HotStuff::notice(int agent, int view) {
  Replica& r = at(agent);
  if (r.follows) return;
  if (view <= r.acted_view || view >= config_.max_views) return;
  r.acted_view = view;
  r.view = view;
  const int leader = config_.leader(view);
  if (r.coalition) {  // it sends no NEW-VIEW; as leader it acts in hotstuff_coalition.cpp
    if (leader == agent) leader_enter(agent, view);
    return;
  }
  if (view > 0 && view % config_.leader_views == 0 && leader != agent) {
    NewViewRecord record;
    record.sender = agent;
    send_at(agent, leader, kNewView, view, book_.push(record), env_.simulator.now());
  }
  if (leader != agent) return;
  // Its own review vote once per term, at the term's first view (the one a first block needs).
  if (view % config_.leader_views != 0) {
    leader_enter(agent, view);
    return;
  }
  const Vote vote = env_.population[agent].vote;
  send_review_vote(agent, view, vote != Vote::none ? vote : env_.population.wrong_vote());
  leader_enter(agent, view);
}

// A scripted leader wants room to act: it proposes once it could send either value on a QC of
// the previous view (a first block in view 0), or when its window closes with a justify for
// one; APPROVE when it holds both. Its rule acts on each recipient's copy, and a value it could
// not justify leaves as offered.
void HotStuff::scripted_propose(int view) {
  const int leader = config_.leader(view);  // a scripted agent has no twin: one instance
  Ledger& l = book_.ledger(view, 0);
  const int approve = possible_justify(view, Vote::approve);
  const int reject = possible_justify(view, Vote::reject);
  const int fresh = view % config_.leader_views == 0 ? kGenesis : view - 1;
  auto ready = [&](int justify) { return justify != kNoJustify && justify >= fresh; };
  if (ready(approve) && ready(reject)) {
    propose(leader, view, Vote::approve, approve);
    return;
  }
  if (!l.window_closed) return;
  if (approve != kNoJustify)
    propose(leader, view, Vote::approve, approve);
  else if (reject != kNoJustify)
    propose(leader, view, Vote::reject, reject);
  else
    l.proposed = true;
}

}  // namespace byzsim
