// Pbft's leader: when it proposes and what. View v's leader is agent v mod n. It proposes the
// value of the highest prepared certificate among commit_quorum VIEW-CHANGEs if there is one,
// else a value whose signed votes meet the contract's threshold, APPROVE first.
#include "sim/protocols/pbft/pbft.hpp"

namespace byzsim {

using namespace pbft;

namespace {

// The value a malicious vote-liar leader prefers when it holds certificates for both.
Vote preferred(const AgentState& state, Vote wrong) {
  if (state.role() != Role::malicious) return Vote::none;
  const auto preference = state.strategy().leader_preference;
  return preference != nullptr ? preference(*state.behaviour, wrong) : Vote::none;
}

}  // namespace

// `self` is the leading instance: the view's leader, or its twin under a schedule, each with
// its own ledger (leader_book).
void Pbft::leader_enter(int view, int self) {
  ViewLedger& l = leader_book(self).ledger(view);
  if (l.entered) return;
  l.entered = true;
  env_.simulator.schedule_at(saturating_add(env_.simulator.now(), config_.window(view)),
                             static_cast<std::uint32_t>(self), kVoteWindow,
                             static_cast<std::uint16_t>(view), 0);
  try_propose(view, self);
}

void Pbft::try_propose(int view, int self) {
  const ViewLedger& l = leader_book(self).ledger(view);
  if (!l.entered || l.proposed) return;
  if (!alive(self)) return;
  const Replica& r = agents_[static_cast<std::size_t>(self)];
  if (r.follows) {
    if (r.view == view) follower_propose(view, self);  // a leader that moved on stays silent
  } else if (r.coalition) {
    coalition_propose(view);
  } else {
    scripted_propose(view);
  }
}

// The contract's thresholds on the votes in hand: APPROVE as soon as approvals reach the
// approve quorum; REJECT once rejections reach the reject quorum and APPROVE is out of reach
// (or the window is over); none while waiting.
Vote Pbft::rule(const ViewLedger& l) const {
  const auto approvals = static_cast<int>(l.votes[0]);
  const auto rejections = static_cast<int>(l.votes[1]);
  const int outstanding = config_.n - static_cast<int>(l.voters);
  if (approvals >= config_.approve_quorum) return Vote::approve;
  if (rejections >= config_.reject_quorum &&
      (l.window_closed || approvals + outstanding < config_.approve_quorum))
    return Vote::reject;
  return Vote::none;
}

void Pbft::follower_propose(int view, int self) {
  ViewLedger& l = leader_book(self).ledger(view);
  if (view > 0) {
    if (static_cast<int>(l.view_changes) < config_.commit_quorum) return;
    // The planted bug "ignore-prepared" (docs/pbft.md) drops exactly this rule: the NEW-VIEW
    // then carries a value from the votes, as if nothing were prepared.
    if (l.max_prepared_view >= 0 && !ignore_prepared_) {
      propose_to_all(view, l.max_prepared_value, self);
      return;
    }
  }
  Vote value = rule(l);
  if (value == Vote::none) {
    if (l.window_closed) {
      l.proposed = true;  // no certificate: this view cannot decide
      if (env_.trace) trace("no-proposal", self, -1, "no certificate");
    }
    return;
  }
  const Vote wish = preferred(env_.population[id(self)], env_.population.wrong_vote());
  if (wish != Vote::none && wish != value &&
      static_cast<int>(l.votes[index_of(wish)]) >= config_.threshold(wish))
    value = wish;
  propose_to_all(view, value, self);
}

void Pbft::propose_to_all(int view, Vote value, int self) {
  std::fill(proposal_to_.begin(), proposal_to_.end(), value);
  send_proposals(view, self);
}

// Sends proposal_to_ (a value per recipient, none for no message), each through the leader's
// rule; the coalition, rushing, sees what left for each agent before anyone receives it.
void Pbft::send_proposals(int view, int self) {
  const int leader = config_.leader(view);
  leader_book(self).ledger(view).proposed = true;
  const Replica& r = agents_[static_cast<std::size_t>(self)];
  const SimTime now = env_.simulator.now();
  const SimTime at = r.hooks.hold ? now + sample(*r.hooks.hold, *env_.rng) : now;
  std::fill(sent_to_.begin(), sent_to_.end(), Vote::none);
  if (env_.trace) {
    int counts[3] = {};
    for (int j = 0; j < config_.n; ++j)
      ++counts[static_cast<int>(proposal_to_[static_cast<std::size_t>(j)])];
    trace("propose", self, -1,
          "view " + std::to_string(view) + ": APPROVE to " + std::to_string(counts[1]) +
              ", REJECT to " + std::to_string(counts[2]) + " agents" +
              (r.scripted ? " (offered: its rule acts on each)" : ""));
  }
  for (int j = 0; j < config_.n; ++j) {
    const Vote v = proposal_to_[static_cast<std::size_t>(j)];
    if (j != leader && v != Vote::none)
      send_at(self, j, kPrePrepare, view, static_cast<std::uint32_t>(v), at);
  }
  const Vote own = proposal_to_[static_cast<std::size_t>(leader)];
  if (r.follows) sent_to_[static_cast<std::size_t>(leader)] = own;  // it accepts its own
  if (!colluders_.empty() && !r.coalition) coalition_react(view);
  if (r.follows && own != Vote::none && r.view == view && r.accepted == Vote::none)
    accept_proposal(self, view, own);
}

// Which VIEW-CHANGEs a Byzantine leader puts in its NEW-VIEW (signatures on): as many claiming
// nothing prepared as it has, then those with the lowest prepared views; `own` more come from
// Byzantine agents (the coalition) that claim nothing. The highest certificate in the chosen
// set is forced on it.
Pbft::ViewChangeChoice Pbft::choose_view_changes(int view, int own, bool coalition) {
  ViewChangeChoice choice;
  int total = own;
  int free = own;
  std::fill(histogram_.begin(), histogram_.end(), 0);
  for (const ViewChangeRecord& record : book_.records()) {
    if (record.view != view || !record.at_leader) continue;
    if (coalition && agents_[static_cast<std::size_t>(record.sender)].coalition) continue;
    ++total;
    if (record.prepared_view < 0)
      ++free;
    else
      ++histogram_[static_cast<std::size_t>(record.prepared_view)];
  }
  choice.enough = total >= config_.commit_quorum;
  if (!choice.enough || free >= config_.commit_quorum) return choice;
  int needed = config_.commit_quorum - free;
  int forced_view = 0;
  for (; forced_view < static_cast<int>(histogram_.size()); ++forced_view) {
    needed -= static_cast<int>(histogram_[static_cast<std::size_t>(forced_view)]);
    if (needed <= 0) break;
  }
  const Vote wrong = env_.population.wrong_vote();
  for (const ViewChangeRecord& record : book_.records()) {
    if (record.view != view || !record.at_leader || record.prepared_view != forced_view) continue;
    if (choice.forced == Vote::none || record.prepared_value == wrong)
      choice.forced = record.prepared_value;
  }
  return choice;
}

}  // namespace byzsim
