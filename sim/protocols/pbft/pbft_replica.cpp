// Pbft, one replica's normal case: sign and send the vote, accept one PRE-PREPARE per view,
// PREPARE / COMMIT all-to-all with their quorums, commit, and forwarded decisions.
#include "sim/protocols/pbft/pbft.hpp"

namespace byzsim {

using namespace pbft;

// The review is over: followers sign their vote and send it; the coalition sends its common
// vote unless the leader is one of its own; a scripted agent is offered its vote (or the wrong
// one when it has none), which its rule may split, send or decline.
// (`agent` is an instance throughout: a twin votes its agent's vote, the same signature.)
void Pbft::on_think(int agent) {
  if (!alive(agent)) return;
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  r.voted = true;
  const Vote vote = env_.population[id(agent)].vote;
  if (r.scripted) {
    deliver_vote(agent, vote != Vote::none ? vote : env_.population.wrong_vote());
    return;
  }
  if (vote == Vote::none) return;
  if (r.coalition) {
    if (!agents_[static_cast<std::size_t>(config_.leader(r.view))].coalition)
      deliver_vote(agent, vote);
    return;
  }
  book_.sign(id(agent), vote);
  deliver_vote(agent, vote);
}

// To the leader of the agent's current view; the leader counts its own vote locally.
void Pbft::deliver_vote(int agent, Vote value) {
  const int view = agents_[static_cast<std::size_t>(agent)].view;
  const int leader = config_.leader(view);
  if (leader == id(agent)) {
    count_own_vote(agent, view, value, true);
    return;
  }
  send(agent, leader, kVote, view, pack(id(agent), value));
}

// A leader's own vote is counted without a message (traced as a vote when `traced`); a
// scripted leader's passes its rule first (an equivocator counts both values).
void Pbft::count_own_vote(int agent, int view, Vote value, bool traced) {
  Transmission copies[2];
  int count = 1;
  copies[0].sent.value = value;
  if (agents_[static_cast<std::size_t>(agent)].scripted) {
    MessageHeader h;
    h.from = h.to = agent;
    h.phase = static_cast<std::uint8_t>(message_index(kVote));
    h.round = view;
    h.value = value;
    h.offered = true;
    count = send_path_.copies(h, env_.simulator.now(), copies);
  }
  for (int i = 0; i < count; ++i) {
    const Vote counted = copies[i].sent.value;
    if (traced && env_.trace) {
      TraceRecord record{env_.simulator.now(), "vote", agent, -1, "own vote, as leader"};
      record.value = value_name(counted);
      record.round = view;
      env_.trace->record(std::move(record));
    }
    if (leader_book(agent).add_vote(view, id(agent), counted) && traced) try_propose(view, agent);
  }
}

void Pbft::on_vote(int leader, int view, std::uint32_t payload) {
  if (env_.trace)
    trace_message("deliver", sender_of(payload), leader, kVote, view, value_of(payload));
  if (!alive(leader)) return;
  notice(leader, view);
  if (leader_book(leader).add_vote(view, sender_of(payload), value_of(payload)))
    try_propose(view, leader);
}

// A follower accepts the first PRE-PREPARE of its view; one of a later view is the NEW-VIEW
// that moves it there. (Honest receivers verify certificates: with signatures on, only genuine
// ones are ever sent, see Pbft::can_send and pbft_coalition.cpp.)
void Pbft::on_pre_prepare(int agent, int view, Vote value) {
  if (env_.trace) trace_message("deliver", config_.leader(view), agent, kPrePrepare, view, value);
  if (!alive(agent)) return;
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (!r.follows) {
    notice(agent, view);
    return;
  }
  if (view < r.view) return;
  if (view > r.view) enter_view(agent, view, false);
  if (r.accepted != Vote::none) return;
  accept_proposal(agent, view, value);
}

void Pbft::accept_proposal(int agent, int view, Vote value) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  r.accepted = value;
  broadcast(agent, kPrepare, view, pack(id(agent), value));
  book_.sent_prepare(view, value, id(agent));
  if (SlotCounts* s = book_.slot(agent, view, r.view)) ++s->prepares[index_of(value)];
  check_prepared(agent, view);
}

// Where a live follower counts a PREPARE or COMMIT of `view`; null when the agent is dead,
// the view is out of its window, or the agent is Byzantine (which only takes notice).
SlotCounts* Pbft::follower_slot(int agent, int view) {
  if (!alive(agent)) return nullptr;
  const Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (!r.follows) {
    notice(agent, view);
    return nullptr;
  }
  return book_.slot(agent, view, r.view);
}

void Pbft::on_prepare(int agent, int view, Vote value) {
  SlotCounts* s = follower_slot(agent, view);
  if (!s) return;
  ++s->prepares[index_of(value)];
  check_prepared(agent, view);
}

// Prepared: the accepted proposal of the current view and prepare_quorum PREPAREs for it.
void Pbft::check_prepared(int agent, int view) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (r.view != view || r.accepted == Vote::none || r.commit_sent) return;
  const SlotCounts* s = book_.slot(agent, view, r.view);
  if (s && static_cast<int>(s->prepares[index_of(r.accepted)]) >= config_.prepare_quorum)
    on_prepared(agent, view, r.accepted);
}

void Pbft::on_prepared(int agent, int view, Vote value) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  r.commit_sent = true;
  r.prepared_view = view;
  r.prepared_value = value;
  if (env_.trace) {
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict) about "v" + std::to_string().
    std::string detail = "v";
    detail += std::to_string(view);
    detail += ' ';
    detail += value_name(value);
    trace("prepared", agent, -1, detail);
  }
  broadcast(agent, kCommit, view, pack(id(agent), value));
  book_.sent_commit(view, value, id(agent));
  if (SlotCounts* s = book_.slot(agent, view, r.view)) ++s->commits[index_of(value)];
  check_committed(agent, view, value);
}

void Pbft::on_commit(int agent, int view, Vote value) {
  SlotCounts* s = follower_slot(agent, view);
  if (!s) return;
  ++s->commits[index_of(value)];
  check_committed(agent, view, value);
}

// commit_quorum COMMITs of one view decide, whether or not the agent prepared itself: at least
// one of their senders is honest and prepared when the quorums are safe.
void Pbft::check_committed(int agent, int view, Vote value) {
  const Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (r.decided != Vote::none) return;
  const SlotCounts* s = book_.slot(agent, view, r.view);
  if (s && static_cast<int>(s->commits[index_of(value)]) >= config_.commit_quorum)
    commit(agent, view, value, false);
}

void Pbft::commit(int agent, int view, Vote value, bool forwarded) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  r.decided = value;
  r.decided_view = view;
  if (env_.trace) {
    TraceRecord record{env_.simulator.now(), "commit", agent, -1,
                       forwarded ? "forwarded certificate" : ""};
    record.value = value_name(value);
    record.round = view;
    env_.trace->record(std::move(record));
  }
  if (!r.honest) return;  // Byzantine agents' commits (twins' too) are no one's decision
  CommitFacts facts;
  facts.agent = agent;
  facts.value = value;
  facts.view = view;
  facts.at = env_.simulator.now();
  facts.signers = book_.signatures(value);
  facts.threshold = config_.threshold(value);
  facts.committers = book_.commit_senders(view, value);
  facts.commit_quorum = config_.commit_quorum;
  facts.unsigned_claims_beyond_f = forwarded && !config_.signatures && byzantine_ > config_.f;
  const std::string broken = checker_.on_honest_commit(facts);
  if (!broken.empty()) report_bug(broken);
}

// A committed agent answers a VIEW-CHANGE with its decision and commit certificate. With
// signatures one certificate is proof; without them f+1 matching claims are needed.
void Pbft::on_decide(int agent, int view, std::uint32_t payload) {
  if (env_.trace)
    trace_message("deliver", sender_of(payload), agent, kDecide, view, value_of(payload));
  if (!alive(agent)) return;
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (!r.follows || r.decided != Vote::none) return;
  const Vote value = value_of(payload);
  if (static_cast<int>(++r.decides[index_of(value)]) >= config_.decide_threshold())
    commit(agent, view, value, true);
}

}  // namespace byzsim
