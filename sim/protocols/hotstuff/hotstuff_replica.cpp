// HotStuff, one replica: the signed review vote, proposals (the safe-node rule and one block
// vote per view), block votes forming QCs at the next view's leader, the chain rules on every
// QC seen (highest QC, lock on the two-chain, commit on a three-chain of consecutive views) and
// forwarded decisions.
#include "sim/protocols/hotstuff/hotstuff.hpp"

namespace byzsim {

using namespace hotstuff;

// The review is over: followers sign their vote and send it to the leader of their view; a
// scripted agent is offered its vote (or the wrong one when it has none). A twin signs its
// agent's vote.
void HotStuff::on_think(int agent) {
  if (!alive(agent)) return;
  Replica& r = at(agent);
  r.voted = true;
  const Vote vote = env_.population[id(agent)].vote;
  if (r.scripted) {
    send_review_vote(agent, r.view, vote != Vote::none ? vote : env_.population.wrong_vote());
    return;
  }
  if (vote == Vote::none || r.decided != Vote::none) return;
  if (r.coalition) {  // a colluding leader already counts the coalition's signatures
    if (!at(config_.leader(r.view)).coalition) send_review_vote(agent, r.view, vote);
    return;
  }
  book_.sign(id(agent), vote);
  send_review_vote(agent, r.view, vote);
}

// To the leader of `view`; a leader counts its own vote without a message, after its rule (an
// equivocating leader counts both values).
void HotStuff::send_review_vote(int agent, int view, Vote value) {
  const int leader = config_.leader(view);
  const int self = id(agent);
  if (leader != self) {
    send(agent, leader, kVote, view, pack(self, value));
    return;
  }
  MessageHeader h = header(agent, self, kVote, view, value);
  h.offered = at(agent).scripted;
  Transmission copies[2];
  const int count = send_path_.copies(h, env_.simulator.now(), copies);
  for (int i = 0; i < count; ++i) {
    const Vote counted = copies[i].sent.value;
    if (env_.trace) {
      TraceRecord record{env_.simulator.now(), "vote", agent, -1, "own vote, as leader"};
      record.value = value_name(counted);
      record.round = view;
      emit(std::move(record));
    }
    if (book_.add_vote(view, slot(agent), self, counted)) try_propose(agent, view);
  }
}

void HotStuff::on_vote(int leader, int view, std::uint32_t payload) {
  if (env_.trace)
    trace_message("deliver", sender_of(payload), leader, kVote, view, value_of(payload));
  if (!alive(leader)) return;
  notice(leader, view);
  if (book_.add_vote(view, slot(leader), sender_of(payload), value_of(payload)))
    try_propose(leader, view);
}

// The justify QC feeds the chain rules; then the replica votes once per view, for a block of its
// current view or a later one that passes the safe-node rule.
void HotStuff::on_proposal(int agent, int view, Vote value) {
  const Block* block = book_.find(view, value);
  const int justify = block ? block->justify : kGenesis;
  if (env_.trace && id(agent) != config_.leader(view))  // a leader's own copy is no message
    trace_message(
        "deliver", config_.leader(view), agent, kProposal, view, value, -1,
        justify == kGenesis ? std::string("first block") : "justify QC " + view_name(justify));
  if (!alive(agent)) return;
  Replica& r = at(agent);
  if (!r.follows) {
    notice(agent, view);
    // A colluder backs only blocks of the wrong value (rushing: it sees what each agent got).
    if (r.scripted || value == env_.population.wrong_vote()) offer_block_vote(agent, view, value);
    return;
  }
  if (r.decided != Vote::none) return;
  // The justify QC first (the paper votes first; the order changes no vote, since the lock it
  // may raise is the justify block's parent): a replica it commits has no more use for votes.
  if (justify != kGenesis) process_qc(agent, justify, value);
  if (r.decided != Vote::none) return;
  // The planted bug "no-lock-check" skips the safe-node rule (docs/hotstuff.md).
  if (view >= r.view && view > r.voted_view &&
      (config_.no_lock_check || safe_node(r, view, value))) {
    if (view > r.view) enter_view(agent, view);
    vote_block(agent, view, value);
  } else if (env_.trace) {
    trace("reject", agent, -1,
          block_name(view, value) +
              (view < r.view || view <= r.voted_view ? ": old view" : ": not safe for the lock"));
  }
}

// The safe-node rule: the block extends the locked block, or its justify QC is newer.
bool HotStuff::safe_node(const Replica& r, int view, Vote value) const {
  if (r.lock_view == kGenesis) return true;
  const Block* block = book_.find(view, value);
  if (block == nullptr) return false;
  return block->justify > r.lock_view ||
         book_.extends(block->justify, value, r.lock_view, r.lock_value);
}

// The block vote goes to the next view's leader (counted locally when that is the voter), and
// the voter moves to the next view to wait for its proposal.
void HotStuff::vote_block(int agent, int view, Vote value) {
  Replica& r = at(agent);
  r.voted_view = view;
  if (view + 1 >= config_.max_views) return;  // no next leader: it could not be certified
  const int next = config_.leader(view + 1);
  const int self = id(agent);
  if (next != self) {
    send(agent, next, kBlockVote, view, pack(self, value));
  } else {
    const MessageHeader h = header(agent, self, kBlockVote, view, value);
    Transmission copies[2];
    const int count = send_path_.copies(h, env_.simulator.now(), copies);
    for (int i = 0; i < count; ++i) {
      const Vote counted = copies[i].sent.value;
      if (!book_.find(view, counted)) continue;  // its rule changed it to a block that is not
      book_.sent_block_vote(view, counted, self);
      count_block_vote(agent, view, counted, self);
    }
  }
  if (r.view == view && r.decided == Vote::none) enter_view(agent, view + 1);
}

void HotStuff::on_block_vote(int leader, int view, std::uint32_t payload) {
  if (env_.trace)
    trace_message("deliver", sender_of(payload), leader, kBlockVote, view, value_of(payload));
  if (!alive(leader) || config_.leader(view + 1) != id(leader)) return;
  notice(leader, view + 1);
  count_block_vote(leader, view, value_of(payload), sender_of(payload));
}

// A quorum of distinct block votes is a QC: the leader feeds it to its chain rules, moves to the
// next view and proposes there. Each instance of a twinned leader counts what it received.
void HotStuff::count_block_vote(int leader, int view, Vote value, int sender) {
  const int s = slot(leader);
  if (!book_.received_block_vote(view, value, sender, s)) return;
  Block& block = book_.block(view, value);
  const auto bit = static_cast<std::uint8_t>(1 << s);
  if ((block.qc_slots & bit) || !block.exists ||
      static_cast<int>(book_.received(view, value, s)) < config_.quorum)
    return;
  block.qc_slots |= bit;
  block.certified = true;
  if (env_.trace) trace("qc", leader, -1, block_name(view, value));
  Replica& r = at(leader);
  if (r.follows) {
    process_qc(leader, view, value);
    if (r.view > view + 1) return;  // it moved on: this QC reaches others through NEW-VIEWs
    if (r.view < view + 1) enter_view(leader, view + 1);
  }
  try_propose(leader, view + 1);
}

// A QC for block (qc_view, value): the highest QC, the lock on its parent (two-chain) and the
// commit of its grandparent when the three are in consecutive views (three-chain).
void HotStuff::process_qc(int agent, int qc_view, Vote value) {
  Replica& r = at(agent);
  if (qc_view > r.high_view) {
    r.high_view = qc_view;
    r.high_value = value;
  }
  const Block* certified = book_.find(qc_view, value);
  if (certified == nullptr || certified->justify == kGenesis) return;
  const int parent = certified->justify;
  if (parent > r.lock_view) {
    r.lock_view = parent;
    r.lock_value = value;
    if (env_.trace) trace("lock", agent, -1, block_name(parent, value));
  }
  const Block* parent_block = book_.find(parent, value);
  if (parent_block == nullptr || parent_block->justify == kGenesis) return;
  const int grandparent = parent_block->justify;
  if (qc_view == parent + 1 && parent == grandparent + 1 && r.decided == Vote::none)
    commit(agent, grandparent, value, false, qc_view + 1);
}

void HotStuff::commit(int agent, int view, Vote value, bool forwarded, int at_view) {
  Replica& r = at(agent);
  r.decided = value;
  r.decided_view = view;
  r.base_term = config_.term(at_view);  // progress: the pacemaker's timeouts start over
  if (env_.trace) {
    TraceRecord record{env_.simulator.now(), "commit", agent, -1,
                       forwarded ? "forwarded certificate" : "three-chain"};
    record.value = value_name(value);
    record.round = view;
    emit(std::move(record));
  }
  if (!r.honest) return;
  CommitFacts facts;
  facts.agent = agent;
  facts.value = value;
  facts.view = at_view;
  facts.at = env_.simulator.now();
  facts.signers = book_.signatures(value);
  facts.threshold = config_.threshold(value);
  facts.certified = forwarded ? book_.commit_certificate(value, config_.quorum)
                              : book_.quorum_chain(view, value, config_.quorum);
  facts.unsigned_claims_beyond_f = forwarded && !config_.signatures && byzantine_ > config_.f;
  const std::string broken = checker_.on_honest_commit(facts);
  if (!broken.empty()) report_bug(broken);
}

// A committed agent answers a NEW-VIEW with its decision. With signatures one certificate is
// proof; without them f+1 matching claims are needed.
void HotStuff::on_decide(int agent, int view, std::uint32_t payload) {
  if (env_.trace)
    trace_message("deliver", sender_of(payload), agent, kDecide, view, value_of(payload));
  if (!alive(agent)) return;
  Replica& r = at(agent);
  if (!r.follows || r.decided != Vote::none) return;
  const Vote value = value_of(payload);
  if (static_cast<int>(++r.decides[index_of(value)]) >= config_.decide_threshold())
    commit(agent, view, value, true, r.view);
}

}  // namespace byzsim
