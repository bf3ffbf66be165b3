// Pbft's Byzantine agents (docs/pbft.md, "Adversaries"). Equivocators are blind: in every view
// they send PREPARE and COMMIT for APPROVE to even-numbered agents and for REJECT to odd ones,
// and as leaders split their PRE-PREPAREs the same way when both certificates exist. Colluders
// form a rushing coalition that sees every honest message first: it splits the honest agents
// into two halves that commit different values when it can, else pushes the wrong decision,
// else blocks. With signatures on, every certificate they use is genuine.
#include "sim/protocols/pbft/pbft.hpp"

namespace byzsim {

using namespace pbft;

// A Byzantine agent learns that `view` is under way (its first message of that view, or t = 0
// for view 0): an equivocator acts in it, and a Byzantine leader enters it.
void Pbft::notice(int agent, int view) {
  Replica& r = agents_[static_cast<std::size_t>(agent)];
  if (r.conduct != Conduct::equivocator && r.conduct != Conduct::colluder) return;
  if (view <= r.acted_view || view >= config_.max_views) return;
  r.acted_view = view;
  r.view = view;
  if (r.conduct == Conduct::equivocator) equivocate_in_view(agent, view);
  if (config_.leader(view) != agent) return;
  if (r.conduct == Conduct::equivocator) {
    book_.add_vote(view, agent, Vote::approve);  // it signs both values for itself
    book_.add_vote(view, agent, Vote::reject);
  }
  leader_enter(view);
}

void Pbft::equivocate_in_view(int agent, int view) {
  const SimTime now = env_.simulator.now();
  for (int j = 0; j < config_.n; ++j) {
    if (j == agent) continue;
    const Vote value = j % 2 == 0 ? Vote::approve : Vote::reject;
    send_at(agent, j, kPrepare, view, pack(agent, value), now);
    send_at(agent, j, kCommit, view, pack(agent, value), now);
  }
  for (Vote value : {Vote::approve, Vote::reject}) {
    book_.sent_prepare(view, value, agent);
    book_.sent_commit(view, value, agent);
  }
  if (view > 0) send_view_change(agent, view);  // claims nothing prepared
}

void Pbft::equivocator_propose(int view) {
  ViewLedger& l = book_.ledger(view);
  const int leader = config_.leader(view);
  if (view > 0 && config_.signatures) {
    const ViewChangeChoice choice = choose_view_changes(view, 0, false);
    if (!choice.enough) return;
    if (choice.forced != Vote::none) {
      propose_to_all(view, choice.forced);
      return;
    }
  }
  auto in_hand = [&](Vote v) {
    return !config_.signatures || static_cast<int>(l.votes[index_of(v)]) >= config_.threshold(v);
  };
  if (in_hand(Vote::approve) && in_hand(Vote::reject)) {
    for (int j = 0; j < config_.n; ++j)
      proposal_to_[static_cast<std::size_t>(j)] = j == leader  ? Vote::none
                                                  : j % 2 == 0 ? Vote::approve
                                                               : Vote::reject;
    send_proposals(view);
    return;
  }
  // Wait for two certificates while the window lasts, then act as the rule says.
  if (!l.window_closed) return;
  const Vote value = rule(l);
  if (value != Vote::none)
    propose_to_all(view, value);
  else if (l.window_closed)
    l.proposed = true;
}

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
    propose_to_all(view, wrong);
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
    live += agents_[static_cast<std::size_t>(j)].conduct == Conduct::follower && alive(j);
  const int needed =
      std::max(config_.prepare_quorum, config_.commit_quorum) - static_cast<int>(colluders_.size());
  const int half = live / 2;
  if (half < needed) return false;
  const Vote wrong = env_.population.wrong_vote();
  int seen = 0;
  for (int j = 0; j < config_.n; ++j) {
    Vote& to = proposal_to_[static_cast<std::size_t>(j)];
    const bool follower = agents_[static_cast<std::size_t>(j)].conduct == Conduct::follower;
    to = !(follower && alive(j)) ? Vote::none : seen++ < half ? wrong : other(wrong);
  }
  send_proposals(view);
  coalition_support(view);
  return true;
}

// Rushing reaction to a proposal of a leader outside the coalition: amplify a split, support a
// wrong proposal, withhold from a right one.
void Pbft::coalition_react(int view) {
  Vote first = Vote::none;
  bool split = false;
  for (Vote v : proposal_to_) {
    if (v == Vote::none) continue;
    if (first == Vote::none)
      first = v;
    else if (v != first)
      split = true;
  }
  if (split || first == env_.population.wrong_vote()) coalition_support(view);
}

// Every colluder sends each non-colluder PREPARE and COMMIT for the value it was proposed.
void Pbft::coalition_support(int view) {
  const SimTime now = env_.simulator.now();
  bool used[2] = {};
  for (int j = 0; j < config_.n; ++j) {
    const Vote v = proposal_to_[static_cast<std::size_t>(j)];
    if (v == Vote::none || agents_[static_cast<std::size_t>(j)].conduct == Conduct::colluder)
      continue;
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
