// Tendermint's proposer: what it proposes and when. Round r's proposer is agent r mod n. It
// proposes its valid value with its valid round if it has one; else a value whose signed votes
// (held by it) meet the contract's threshold, APPROVE first, waiting for votes at most its
// window. Scripted agents (StrategySpec::scripted) notice a round from its first message (or
// t = 0 for round 0) and are offered PREVOTE and PRECOMMIT to every agent, and as proposer
// their PROPOSAL; their rule decides each (docs/adversary.md, "Scripted agents").
#include "sim/protocols/tendermint/tendermint.hpp"

namespace byzsim {

using namespace tendermint;

namespace {

// The value a malicious proposer prefers when it holds certificates for both.
Vote preferred(const AgentState& state, Vote wrong) {
  if (state.role() != Role::malicious) return Vote::none;
  const auto preference = state.strategy().leader_preference;
  return preference != nullptr ? preference(*state.behaviour, wrong) : Vote::none;
}

}  // namespace

// getValue(): the contract's thresholds on the votes the agent holds. APPROVE as soon as
// approvals reach the approve quorum; REJECT once rejections reach the reject quorum and APPROVE
// is out of reach (or its window is over); none while waiting.
Vote Tendermint::certified_value(int agent) const {
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  const int approvals = book_.held(agent, Vote::approve);
  const int rejections = book_.held(agent, Vote::reject);
  const int outstanding = config_.n - book_.voters(agent);
  if (approvals >= config_.approve_quorum) return Vote::approve;
  if (rejections >= config_.reject_quorum &&
      (a.window_closed || approvals + outstanding < config_.approve_quorum))
    return Vote::reject;
  return Vote::none;
}

void Tendermint::try_propose(int agent) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows || a.proposed || a.decided != Vote::none || a.step != Step::propose ||
      config_.proposer(a.round) != id(agent) || !alive(agent))
    return;
  if (a.valid_value != Vote::none) {
    propose(agent, a.valid_value, a.valid_round);
    return;
  }
  Vote value = certified_value(agent);
  if (value == Vote::none) {
    if (a.window_closed) {
      a.proposed = true;  // no certificate: this round cannot decide
      if (env_.trace) trace("no-proposal", agent, -1, "no vote certificate");
    }
    return;
  }
  const Vote wish = preferred(env_.population[id(agent)], env_.population.wrong_vote());
  if (wish != Vote::none && wish != value && book_.held(agent, wish) >= config_.threshold(wish))
    value = wish;
  propose(agent, value, -1);
}

void Tendermint::propose(int agent, Vote value, int valid_round) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  a.proposed = true;
  if (env_.trace)
    trace("propose", agent, -1,
          "round " + std::to_string(a.round) + ": " + value_name(value) + ", valid round " +
              std::to_string(valid_round) +
              (a.scripted ? " (offered: its rule acts on each)" : ""));
  broadcast(agent, kProposal, a.round, value, valid_round);
  // The coalition, rushing, sees the proposal before anyone receives it.
  if (!colluders_.empty() && !a.coalition) coalition_react(a.round, value);
  if (a.follows) {
    std::int16_t& vr = book_.at(agent, a.round).proposal_vr[index_of(value)];
    if (vr == -2) vr = static_cast<std::int16_t>(valid_round);
    evaluate(agent);
  }
}

// A scripted agent notices `round` (a colluder only takes up its proposer's duty): it is offered
// PREVOTE and PRECOMMIT to every agent (its vote's value, or the wrong one), and as proposer its
// PROPOSAL.
void Tendermint::notice(int agent, int round) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.follows || round <= a.acted_round || round >= config_.max_rounds) return;
  a.acted_round = round;
  a.round = round;
  a.proposed = false;
  a.window_closed = false;
  if (a.coalition) {
    if (config_.proposer(round) != agent) return;
    schedule(agent, kProposeWindow, round, config_.window(round));
    coalition_propose(agent, round);
    return;
  }
  const Vote vote = env_.population[agent].vote;
  const Vote offered = vote != Vote::none ? vote : env_.population.wrong_vote();
  const SimTime now = env_.simulator.now();
  for (int j = 0; j < config_.n; ++j) {
    if (j == agent) continue;
    send_at(agent, j, kPrevote, round, offered, -1, now);
    send_at(agent, j, kPrecommit, round, offered, -1, now);
  }
  if (config_.proposer(round) != agent) return;
  schedule(agent, kProposeWindow, round, config_.window(round));
  scripted_propose(agent, round);
}

// A scripted proposer wants room to act: it waits until it could send either value (a
// certificate for each, or no signatures), or until its window closes; then APPROVE when it
// holds both, else what the thresholds allow. Its rule acts on each recipient's copy, and a
// value it could not sign leaves as offered.
void Tendermint::scripted_propose(int agent, int round) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.proposed || a.round != round || config_.proposer(round) != agent || !alive(agent)) return;
  auto in_hand = [&](Vote v) {
    return !config_.signatures || book_.held(agent, v) >= config_.threshold(v);
  };
  if (in_hand(Vote::approve) && in_hand(Vote::reject)) {
    propose(agent, Vote::approve, -1);
    return;
  }
  if (!a.window_closed) return;
  const Vote value = certified_value(agent);
  if (value != Vote::none)
    propose(agent, value, -1);
  else
    a.proposed = true;
}

}  // namespace byzsim
