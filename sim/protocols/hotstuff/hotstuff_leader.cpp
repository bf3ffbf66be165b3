// HotStuff's leader: when it proposes and what. The leader of view v is agent
// (v / leader_views) mod n. It proposes once per view: on a QC of the previous view it formed
// (the normal case), or on a quorum of NEW-VIEWs, extending its highest QC; with no QC at all it
// proposes a first block, whose value its signed review votes must certify.
#include "sim/protocols/hotstuff/hotstuff.hpp"

namespace byzsim {

using namespace hotstuff;

namespace {

// The value a malicious vote-liar leader prefers when it holds certificates for both.
Vote preferred(const AgentState& state, Vote wrong) {
  if (state.role() != Role::malicious) return Vote::none;
  const auto preference = state.strategy().leader_preference;
  return preference != nullptr ? preference(*state.behaviour, wrong) : Vote::none;
}

}  // namespace

// Each instance of a twinned leader enters the view and proposes on its own ledger (slot); the
// block tree is shared, so twins that propose the same value in one view make one block.
void HotStuff::leader_enter(int leader, int view) {
  const int s = slot(leader);
  Ledger& l = book_.ledger(view, s);
  if (l.entered) return;
  l.entered = true;
  // A following leader counts its own signed review vote in every view it leads (the votes of a
  // first block are per view: those sent to it, and those its NEW-VIEWs carry).
  const int self = id(leader);
  const Replica& r = at(leader);
  if (r.follows && r.voted && env_.population[self].vote != Vote::none)
    book_.add_vote(view, s, self, env_.population[self].vote);
  if (r.coalition)  // the coalition pools its signatures: each colluder signed both values
    for (const int k : colluders_) {
      for (const Vote v : {Vote::approve, Vote::reject}) {
        if (!book_.add_vote(view, s, k, v) || !env_.trace) continue;
        TraceRecord record{env_.simulator.now(), "vote", k, -1, "pooled by the coalition"};
        record.value = value_name(v);
        record.round = view;
        emit(std::move(record));
      }
    }
  env_.simulator.schedule_at(saturating_add(env_.simulator.now(), config_.window()),
                             static_cast<std::uint32_t>(leader), kVoteWindow,
                             static_cast<std::uint16_t>(view), 0);
  if (view > 0 && config_.new_view_wait_ns != kTimeNever)
    env_.simulator.schedule_at(saturating_add(env_.simulator.now(), config_.new_view_wait_ns),
                               static_cast<std::uint32_t>(leader), kNewViewWait,
                               static_cast<std::uint16_t>(view), 0);
  try_propose(leader, view);
}

void HotStuff::try_propose(int leader, int view) {
  if (view >= config_.max_views) return;
  const Ledger& l = book_.ledger(view, slot(leader));
  if (!l.entered || l.proposed) return;
  if (!alive(leader)) return;
  if (at(leader).follows)
    follower_propose(leader, view);
  else if (at(leader).coalition)
    coalition_propose(view);
  else
    scripted_propose(view);
}

// The contract's thresholds on the review votes in hand: APPROVE as soon as approvals reach the
// approve quorum; REJECT once rejections reach the reject quorum and APPROVE is out of reach
// (or the window is over); none while waiting.
Vote HotStuff::rule(const Ledger& l) const {
  const auto approvals = static_cast<int>(l.votes[0]);
  const auto rejections = static_cast<int>(l.votes[1]);
  const int outstanding = config_.n - static_cast<int>(l.voters);
  if (approvals >= config_.approve_quorum) return Vote::approve;
  if (rejections >= config_.reject_quorum &&
      (l.window_closed || approvals + outstanding < config_.approve_quorum))
    return Vote::reject;
  return Vote::none;
}

void HotStuff::follower_propose(int leader, int view) {
  Replica& r = at(leader);
  if (r.view != view) return;  // a leader that moved on stays silent
  Ledger& l = book_.ledger(view, slot(leader));
  const bool fresh_qc = view > 0 && r.high_view == view - 1;
  if (!fresh_qc) {
    // A committed leader proposes only to pass on a QC it formed; else it answers NEW-VIEWs.
    if (r.decided != Vote::none) return;
    if (view > 0) {
      if (static_cast<int>(l.new_views) < config_.quorum && !l.wait_over) return;
      if (l.best_qc != kGenesis) process_qc(leader, l.best_qc, l.best_value);
    }
  }
  int justify = r.high_view;
  Vote value = r.high_value;
  // It learned a QC of this view or a later one (a proposal it could not vote for): a block of
  // this view cannot extend it, so it sits this view out.
  if (justify >= view) return;
  if (justify == kGenesis) {
    value = rule(l);
    if (value == Vote::none) return;  // later votes (NEW-VIEWs) may still bring one
    const Vote wish = preferred(env_.population[id(leader)], env_.population.wrong_vote());
    if (wish != Vote::none && wish != value &&
        static_cast<int>(l.votes[index_of(wish)]) >= config_.threshold(wish))
      value = wish;
  }
  propose(leader, view, value, justify);
}

// The block is created as the leader writes it; each copy then passes the leader's rule (a
// changed value makes a block of its own, see HotStuff::send_at). The leader handles its own
// copy as a replica would.
void HotStuff::propose(int leader, int view, Vote value, int justify) {
  if (justify >= view) return;  // a parent is always older (callers ensure it)
  const int self = id(leader);
  book_.ledger(view, slot(leader)).proposed = true;
  Block& block = book_.block(view, value);
  if (!block.exists) {
    block.exists = true;
    block.justify = justify;
  }
  const Replica& r = at(leader);
  if (env_.trace)
    trace("propose", leader, -1,
          "view " + std::to_string(view) + ": " + value_name(value) +
              (justify == kGenesis ? std::string(", first block")
                                   : ", justify QC " + view_name(justify)) +
              (r.scripted ? " (offered: its rule acts on each)" : ""));
  const SimTime now = env_.simulator.now();
  const SimTime at_time =
      r.hooks.hold ? saturating_add(now, sample(*r.hooks.hold, *env_.rng)) : now;
  for (int j = 0; j < config_.n; ++j)
    if (j != self)
      send_at(leader, j, kProposal, view, static_cast<std::uint32_t>(value), at_time, justify);
  if (r.follows)
    on_proposal(leader, view, value);
  else if (r.coalition)
    coalition_votes(view, value);
  else
    offer_block_vote(leader, view, value);
}

// A scripted agent is offered, once per block, its vote for it to the next view's leader (a
// leader of both views counts it locally, through its rule); a colluder sends it as it is.
void HotStuff::offer_block_vote(int agent, int view, Vote value) {
  if (view + 1 >= config_.max_views ||
      !seen_.insert(SeenSet::key(agent, agent, view, kVoteWindow, static_cast<int>(value))))
    return;
  const int next = config_.leader(view + 1);
  if (next != agent) {
    send(agent, next, kBlockVote, view, pack(agent, value));
    return;
  }
  notice(agent, view + 1);  // it leads the next view: its own vote may complete the QC
  MessageHeader h = header(agent, agent, kBlockVote, view, value);
  h.offered = true;
  Transmission copies[2];
  const int count = send_path_.copies(h, env_.simulator.now(), copies);
  for (int i = 0; i < count; ++i) {
    const Vote counted = copies[i].sent.value;
    if (!book_.find(view, counted)) continue;  // no such block: nothing to certify
    book_.sent_block_vote(view, counted, agent);
    count_block_vote(agent, view, counted, agent);
  }
}

}  // namespace byzsim
