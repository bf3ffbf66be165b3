// Pbft's coalition model (StrategySpec::coalition, the `collude` row): a rushing coalition
// that sees every honest message first. It splits the honest agents into two halves that commit
// different values when it can, else pushes the wrong decision, else blocks. With signatures on,
// every certificate it uses is genuine. It needs pbft's quorum arithmetic, which is why it is
// pbft's own; every other adversary acts through its row's message rule.
#include "sim/protocols/pbft/pbft.hpp"

namespace byzsim {

using namespace pbft;

// A colluding leader: split if it can; at the end of its window, the wrong value if it has a
// certificate (or a NEW-VIEW forces it), else nothing.
void Pbft::coalition_propose(int view) {
  ViewLedger& l = book_.ledger(view);
  const auto coalition = static_cast<int>(colluders_.size());
  const Vote wrong = env_.population.wrong_vote();
  Vote forced = Vote::none;
  if (view > 0 && config_.signatures) {
    const ViewChangeChoice choice = choose_view_changes(view, coalition, true);
    if (!choice.enough) return;
    forced = choice.forced;
  }
  if (forced == Vote::none) {
    const bool approve_ok =
        !config_.signatures ||
        static_cast<int>(book_.signatures(Vote::approve)) >= config_.approve_quorum;
    const bool reject_ok =
        !config_.signatures ||
        static_cast<int>(book_.signatures(Vote::reject)) >= config_.reject_quorum;
    if (approve_ok && reject_ok && coalition_split(view)) return;
    if (!l.window_closed) return;  // wait for the votes that would allow a split
    forced =
        !config_.signatures || static_cast<int>(book_.signatures(wrong)) >= config_.threshold(wrong)
            ? wrong
            : Vote::none;
  }
  if (forced == wrong) {
    propose_to_all(view, wrong, config_.leader(view));
    coalition_support(view);
  } else {
    l.proposed = true;  // only the correct decision is possible: block it
  }
}

// Halves of the live followers, in agent order: the first gets the wrong value, the second the
// right one. Feasible when each half plus the coalition reaches both quorums.
bool Pbft::coalition_split(int view) {
  int live = 0;
  for (int j = 0; j < config_.n; ++j)
    live += agents_[static_cast<std::size_t>(j)].follows && alive(j);
  const int needed =
      std::max(config_.prepare_quorum, config_.commit_quorum) - static_cast<int>(colluders_.size());
  const int half = live / 2;
  if (half < needed) return false;
  const Vote wrong = env_.population.wrong_vote();
  int seen = 0;
  for (int j = 0; j < config_.n; ++j) {
    Vote& to = proposal_to_[static_cast<std::size_t>(j)];
    const bool follower = agents_[static_cast<std::size_t>(j)].follows;
    to = !(follower && alive(j)) ? Vote::none : seen++ < half ? wrong : other(wrong);
  }
  send_proposals(view, config_.leader(view));
  coalition_support(view);
  return true;
}

// Rushing reaction to a proposal of a leader outside the coalition (what left for each agent,
// after the leader's rule): amplify a split, support a wrong proposal, withhold from a right
// one. The support answers what each agent was sent.
void Pbft::coalition_react(int view) {
  Vote first = Vote::none;
  bool split = false;
  for (Vote v : sent_to_) {
    if (v == Vote::none) continue;
    if (first == Vote::none)
      first = v;
    else if (v != first)
      split = true;
  }
  if (split || first == env_.population.wrong_vote()) coalition_support(view);
}

// Every colluder sends each non-colluder PREPARE and COMMIT for the value it was sent.
void Pbft::coalition_support(int view) {
  const SimTime now = env_.simulator.now();
  bool used[2] = {};
  for (int j = 0; j < config_.n; ++j) {
    const Vote v = sent_to_[static_cast<std::size_t>(j)];
    if (v == Vote::none || agents_[static_cast<std::size_t>(j)].coalition) continue;
    used[index_of(v)] = true;
    for (int k : colluders_) {
      send_at(k, j, kPrepare, view, pack(k, v), now);
      send_at(k, j, kCommit, view, pack(k, v), now);
    }
  }
  for (int i = 0; i < 2; ++i) {
    if (!used[i]) continue;
    for (int k : colluders_) {
      book_.sent_prepare(view, value_at(i), k);
      book_.sent_commit(view, value_at(i), k);
    }
  }
}

}  // namespace byzsim
