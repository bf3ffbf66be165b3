// hotstuff's coalition model (StrategySpec::coalition, the `collude` row): a rushing coalition
// that pools its signatures (each colluder signs both review votes and any block vote). As
// leader of a term it splits the live followers into two halves (agent order) and proposes the
// wrong value to the first and the right one to the second, in every view of its term, when
// both chains can be justified and each half reaches a QC with the coalition's votes: both
// halves commit, a disagreement. Otherwise it pushes the wrong value when a certificate (or a
// QC) allows it, else it blocks. Under a leader outside it, it votes for blocks of the wrong
// value only. It sends no NEW-VIEW and no DECIDE. Every block it proposes has a justify that
// exists, so it never sends what it could not sign; it needs hotstuff's quorum arithmetic,
// which is why it lives here.
#include "sim/protocols/hotstuff/hotstuff.hpp"

namespace byzsim {

using namespace hotstuff;

namespace {

Vote other(Vote v) {
  return v == Vote::approve ? Vote::reject : Vote::approve;
}

}  // namespace

void HotStuff::coalition_propose(int view) {
  Ledger& l = book_.ledger(view, 0);  // a colluder has no twin: one instance
  const Vote wrong = env_.population.wrong_vote();
  const int justify_wrong = possible_justify(view, wrong);
  const int justify_right = possible_justify(view, other(wrong));
  // Inside its term the next block must extend the previous view's QC, or no three-chain forms.
  const int fresh = view % config_.leader_views == 0 ? kGenesis : view - 1;
  auto ready = [&](int justify) { return justify != kNoJustify && justify >= fresh; };
  if (ready(justify_wrong) && ready(justify_right) &&
      coalition_split(view, justify_wrong, justify_right))
    return;
  if (ready(justify_wrong) && justify_right == kNoJustify && fresh != kGenesis) {
    coalition_push(view, justify_wrong);  // nothing to wait for
    return;
  }
  if (!l.window_closed) return;  // wait for the votes or QCs that would allow a split
  if (justify_wrong != kNoJustify)
    coalition_push(view, justify_wrong);
  else
    l.proposed = true;  // only the right value could be proposed: block it
}

// Halves of the live followers, in agent order: the first gets the wrong value, the second the
// right one. Feasible when each half plus the coalition reaches a QC.
bool HotStuff::coalition_split(int view, int justify_wrong, int justify_right) {
  int live = 0;
  for (int j = 0; j < config_.n; ++j) live += at(j).follows && alive(j);
  const int needed = config_.quorum - static_cast<int>(colluders_.size());
  const int half = live / 2;
  if (half < needed || live - half < needed) return false;
  const Vote wrong = env_.population.wrong_vote();
  int seen = 0;
  for (int j = 0; j < config_.n; ++j) {
    Vote& to = proposal_to_[static_cast<std::size_t>(j)];
    to = !(at(j).follows && alive(j)) ? Vote::none : seen++ < half ? wrong : other(wrong);
  }
  const bool approve_wrong = wrong == Vote::approve;
  send_proposals(view, approve_wrong ? justify_wrong : justify_right,
                 approve_wrong ? justify_right : justify_wrong);
  coalition_votes(view, Vote::approve);
  coalition_votes(view, Vote::reject);
  return true;
}

void HotStuff::coalition_push(int view, int justify_wrong) {
  const Vote wrong = env_.population.wrong_vote();
  for (int j = 0; j < config_.n; ++j)
    proposal_to_[static_cast<std::size_t>(j)] = at(j).coalition ? Vote::none : wrong;
  send_proposals(view, wrong == Vote::approve ? justify_wrong : kNoJustify,
                 wrong == Vote::reject ? justify_wrong : kNoJustify);
  coalition_votes(view, wrong);
}

// proposal_to_ from the view's leader, each value's block extending the given justify.
void HotStuff::send_proposals(int view, int justify_approve, int justify_reject) {
  const int leader = config_.leader(view);
  book_.ledger(view, 0).proposed = true;
  int counts[3] = {};
  for (const Vote v : proposal_to_) ++counts[static_cast<int>(v)];
  for (const Vote value : {Vote::approve, Vote::reject}) {
    const int justify = value == Vote::approve ? justify_approve : justify_reject;
    if (counts[static_cast<int>(value)] == 0 || justify == kNoJustify || justify >= view) continue;
    Block& block = book_.block(view, value);
    if (!block.exists) {
      block.exists = true;
      block.justify = justify;
    }
  }
  if (env_.trace)
    trace("propose", leader, -1,
          "view " + std::to_string(view) + ": APPROVE to " + std::to_string(counts[1]) +
              ", REJECT to " + std::to_string(counts[2]) + " agents (coalition)");
  const SimTime now = env_.simulator.now();
  for (int j = 0; j < config_.n; ++j) {
    const Vote v = proposal_to_[static_cast<std::size_t>(j)];
    const Block* block = v == Vote::none ? nullptr : book_.find(view, v);
    if (j != leader && block != nullptr)
      send_at(leader, j, kProposal, view, static_cast<std::uint32_t>(v), now, block->justify);
  }
}

// Every live colluder votes for the block; a colluding next leader counts the votes at once.
void HotStuff::coalition_votes(int view, Vote value) {
  if (view + 1 >= config_.max_views || book_.find(view, value) == nullptr) return;
  const int next = config_.leader(view + 1);
  const bool pooled = at(next).coalition;
  if (pooled) notice(next, view + 1);
  for (const int k : colluders_) {
    if (!alive(k) || !seen_.insert(SeenSet::key(k, k, view, kVoteWindow, static_cast<int>(value))))
      continue;
    if (pooled) {
      book_.sent_block_vote(view, value, k);
      count_block_vote(next, view, value, k);
    } else {
      send(k, next, kBlockVote, view, pack(k, value));
    }
  }
}

}  // namespace byzsim
