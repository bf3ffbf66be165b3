// Tendermint's coalition model (StrategySpec::coalition, the `collude` row): a rushing
// coalition that sees every honest message first and shares its signatures. As proposer it
// splits the other agents into two halves that each complete a PREVOTE and a PRECOMMIT quorum
// with the coalition's messages when it can (both vote certificates in hand, each half plus
// the coalition reaching the quorum), else proposes the wrong value when certified, else
// blocks (proposes nothing). Another proposer's wrong proposal it backs with PREVOTEs and
// PRECOMMITs; a right one it withholds from. With signatures on, every certificate it uses is
// genuine (the send path's forgery check). It needs tendermint's quorum arithmetic, which is
// why it is tendermint's own; every other adversary acts through its row's message rule.
#include "sim/protocols/tendermint/tendermint.hpp"

namespace byzsim {

using namespace tendermint;

void Tendermint::coalition_propose(int agent, int round) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.proposed || a.round != round || config_.proposer(round) != agent || !alive(agent)) return;
  const Vote wrong = env_.population.wrong_vote();
  const Vote right = env_.population.correct_vote();
  auto certified = [&](Vote v) {
    return !config_.signatures || book_.held(agent, v) >= config_.threshold(v);
  };
  const SimTime now = env_.simulator.now();
  if (certified(wrong) && certified(right)) {
    int live = 0;
    for (int j = 0; j < config_.n; ++j)
      live += !agents_[static_cast<std::size_t>(j)].coalition && alive(j);
    const int half = live / 2;
    if (half + static_cast<int>(colluders_.size()) >= config_.quorum) {
      int seen = 0;
      for (int j = 0; j < config_.n; ++j) {
        Vote& to = support_to_[static_cast<std::size_t>(j)];
        to = agents_[static_cast<std::size_t>(j)].coalition || !alive(j) ? Vote::none
             : seen++ < half                                             ? wrong
                                                                         : right;
      }
      a.proposed = true;
      if (env_.trace)
        trace("propose", agent, -1,
              "round " + std::to_string(round) + ": the coalition splits " + std::to_string(live) +
                  " agents in halves");
      for (int j = 0; j < config_.n; ++j)
        if (support_to_[static_cast<std::size_t>(j)] != Vote::none)
          send_at(agent, j, kProposal, round, support_to_[static_cast<std::size_t>(j)], -1, now);
      coalition_support(round, support_to_);
      return;
    }
  }
  if (!a.window_closed) return;  // wait for the votes that would allow a split
  a.proposed = true;
  if (!certified(wrong)) {
    if (env_.trace) trace("no-proposal", agent, -1, "the coalition blocks the right value");
    return;
  }
  if (env_.trace)
    trace("propose", agent, -1,
          "round " + std::to_string(round) + ": the coalition proposes " + value_name(wrong));
  for (int j = 0; j < config_.n; ++j) {
    const bool other = !agents_[static_cast<std::size_t>(j)].coalition;
    support_to_[static_cast<std::size_t>(j)] = other ? wrong : Vote::none;
    if (other) send_at(agent, j, kProposal, round, wrong, -1, now);
  }
  coalition_support(round, support_to_);
}

// Rushing reaction to a proposal of a proposer outside the coalition: back a wrong one.
void Tendermint::coalition_react(int round, Vote value) {
  if (value != env_.population.wrong_vote()) return;
  for (int j = 0; j < config_.n; ++j)
    support_to_[static_cast<std::size_t>(j)] =
        agents_[static_cast<std::size_t>(j)].coalition ? Vote::none : value;
  coalition_support(round, support_to_);
}

// Every colluder sends each other agent PREVOTE and PRECOMMIT for the value `to` names for it;
// once per round.
void Tendermint::coalition_support(int round, const std::vector<Vote>& to) {
  if (round >= config_.max_rounds || reacted_[static_cast<std::size_t>(round)]) return;
  reacted_[static_cast<std::size_t>(round)] = 1;
  const SimTime now = env_.simulator.now();
  for (int j = 0; j < config_.n; ++j) {
    const Vote v = to[static_cast<std::size_t>(j)];
    if (v == Vote::none) continue;
    for (int k : colluders_) {
      if (!alive(k)) continue;
      send_at(k, j, kPrevote, round, v, -1, now);
      send_at(k, j, kPrecommit, round, v, -1, now);
    }
  }
}

}  // namespace byzsim
