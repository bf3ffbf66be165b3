// Tendermint, one agent's Algorithm 1 for a single height: its vote, StartRound, the PROPOSAL
// rules (valid round -1, or a PREVOTE quorum of an earlier valid round), PREVOTE and PRECOMMIT
// with their quorums, nil votes, locks and valid values, and the skip to a later round on
// f + 1 of its messages. Timeouts and decisions: tm_decide.cpp.
#include "sim/protocols/tendermint/tendermint.hpp"

namespace byzsim {

using namespace tendermint;

// The review is over: a follower signs its vote and sends it to every agent (it holds its own);
// a scripted agent is offered its vote (or the wrong one when it has none), which its rule may
// split, send or decline.
void Tendermint::on_think(int agent) {
  if (!alive(agent)) return;
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  const int signer = id(agent);
  Vote vote = env_.population[signer].vote;
  if (a.scripted && vote == Vote::none) vote = env_.population.wrong_vote();
  if (a.coalition) {
    // Its planned vote to the others; both values to the colluders, who pool their signatures.
    const SimTime now = env_.simulator.now();
    book_.hold_vote(agent, Vote::approve);
    book_.hold_vote(agent, Vote::reject);
    book_.heard_voter(agent);
    for (int to = 0; to < config_.n; ++to) {
      if (to == agent) continue;
      if (agents_[static_cast<std::size_t>(to)].coalition) {
        send_at(agent, to, kVote, 0, Vote::approve, -1, now);
        send_at(agent, to, kVote, 0, Vote::reject, -1, now);
      } else if (vote != Vote::none) {
        send_at(agent, to, kVote, 0, vote, -1, now);
      }
    }
    if (a.acted_round >= 0) coalition_propose(agent, a.acted_round);
    return;
  }
  if (vote == Vote::none) return;
  if (a.follows) book_.sign(signer, vote);  // scripted rows that may sign both signed at start
  book_.hold_vote(agent, vote);
  // A scripted agent that signs both values holds both of its own votes (as proposer it may
  // use either certificate).
  if (a.scripted && env_.population[signer].strategy().may_sign_both)
    book_.hold_vote(agent, vote == Vote::approve ? Vote::reject : Vote::approve);
  book_.heard_voter(agent);
  const SimTime at = send_path_.hold(signer, env_.simulator.now());
  for (int to = 0; to < config_.n; ++to)
    if (to != signer) send_at(agent, to, kVote, 0, vote, -1, at);
  if (a.follows)
    try_propose(agent);
  else if (a.acted_round >= 0)
    scripted_propose(agent, a.acted_round);
}

void Tendermint::on_vote(int agent, int from, Vote value) {
  if (!alive(agent) || value == Vote::none) return;
  book_.hold_vote(agent, value);
  (void)from;
  book_.heard_voter(agent);
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.follows)
    try_propose(agent);
  else if (a.acted_round >= 0 && a.coalition)
    coalition_propose(agent, a.acted_round);
  else if (a.acted_round >= 0)
    scripted_propose(agent, a.acted_round);
}

void Tendermint::schedule(int agent, Kind kind, int round, SimTime after) {
  env_.simulator.schedule_at(saturating_add(env_.simulator.now(), after),
                             static_cast<std::uint32_t>(agent), kind,
                             static_cast<std::uint16_t>(round), 0);
}

// StartRound(round): the proposer proposes (its valid value, else the value its votes certify,
// possibly after waiting for votes); every agent starts timeoutPropose.
void Tendermint::start_round(int agent, int round) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  a.round = round;
  a.step = Step::propose;
  a.proposed = false;
  a.window_closed = false;
  if (round + 1 > rounds_started_) rounds_started_ = round + 1;
  if (env_.trace && round > 0) trace("round", agent, -1, "starts round " + std::to_string(round));
  schedule(agent, kTimeoutPropose, round, config_.timeout(config_.propose_ns, round));
  schedule(agent, kRoundDeadline, round, config_.deadline(round));
  // Both instances of a twinned proposer propose, each from what it holds.
  if (config_.proposer(round) == id(agent)) {
    schedule(agent, kProposeWindow, round, config_.window(round));
    try_propose(agent);
  }
  evaluate(agent);
}

void Tendermint::on_proposal(int agent, int round, Vote value, int valid_round) {
  if (!alive(agent)) return;
  const int from = config_.proposer(round);
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows) {
    notice(agent, round);
    return;
  }
  if (value != Vote::none && valid_round < round) {
    std::int16_t& vr = book_.at(agent, round).proposal_vr[index_of(value)];
    if (vr == -2) vr = static_cast<std::int16_t>(valid_round);
  }
  heard(agent, from, round);
  if (round == a.round) evaluate(agent);
}

void Tendermint::on_prevote(int agent, int from, int round, Vote value) {
  if (!alive(agent)) return;
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows) {
    notice(agent, round);
    return;
  }
  RoundCounts& rc = book_.at(agent, round);
  ++rc.prevotes[index_of(value)];
  if (!byzantine_sender(from) || seen_.insert(SeenSet::key(agent, from, round, kPrevote, 3)))
    ++rc.prevotes_any;
  heard(agent, from, round);
  // Also for an earlier round: its PREVOTE quorum may complete the proof-of-lock that the
  // current round's PROPOSAL names.
  if (a.decided == Vote::none && round <= a.round) evaluate(agent);
}

void Tendermint::on_precommit(int agent, int from, int round, Vote value) {
  if (!alive(agent)) return;
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows) {
    notice(agent, round);
    return;
  }
  RoundCounts& rc = book_.at(agent, round);
  ++rc.precommits[index_of(value)];
  if (!byzantine_sender(from) || seen_.insert(SeenSet::key(agent, from, round, kPrecommit, 3)))
    ++rc.precommits_any;
  if (value != Vote::none) check_decision(agent, round, value);
  heard(agent, from, round);
  if (a.decided == Vote::none && round == a.round) evaluate(agent);
}

// The skip rule: f + 1 agents heard in a later round move the agent there.
void Tendermint::heard(int agent, int from, int round) {
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (from == id(agent) || a.decided != Vote::none || round <= a.round) return;
  book_.heard_in(agent, from, round);
  if (static_cast<int>(book_.at(agent, round).senders) >= config_.skip_threshold())
    start_round(agent, round);
}

// 2f+1 PREVOTE(vr, v) for a PROPOSAL naming valid round vr. With signatures the PROPOSAL
// carries them (its proof-of-lock: any q signed PREVOTEs of that round, which can_send makes
// genuine); without, the agent counts the PREVOTEs it received itself, as in the paper. Without
// a gossip layer an agent may never receive PREVOTEs that others used (an equivocator sends each
// a different one), and honest proposers could then never unlock it.
bool Tendermint::proof_of_lock(int agent, int vr, Vote v) {
  const int q = config_.quorum;
  if (config_.signatures) return static_cast<int>(book_.prevote_senders(vr, v)) >= q;
  return static_cast<int>(book_.at(agent, vr).prevotes[index_of(v)]) >= q;
}

// The rules of Algorithm 1 on what the agent holds for its current round, until none applies.
void Tendermint::evaluate(int agent) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  const int q = config_.quorum;
  for (;;) {
    if (a.decided != Vote::none || !a.follows || !alive(agent)) return;
    const int r = a.round;
    RoundCounts& rc = book_.at(agent, r);
    if (a.step == Step::propose) {
      // upon PROPOSAL(r, v, -1) / PROPOSAL(r, v, vr) AND 2f+1 PREVOTE(vr, v), step = propose
      // (values are certified by construction: see can_send).
      Vote choice = Vote::none;
      bool fire = false;
      for (int i = 0; i < 2 && !fire; ++i) {
        const Vote v = value_at(i);
        const int vr = rc.proposal_vr[i];
        // The planted bug prevote-while-locked skips both lock checks.
        const bool unlocked = config_.prevote_while_locked || a.locked_value == v;
        if (vr == -1) {
          fire = true;
          choice = unlocked || a.locked_round == -1 ? v : Vote::none;
        } else if (vr >= 0 && vr < r && proof_of_lock(agent, vr, v)) {
          fire = true;
          choice = unlocked || a.locked_round <= vr ? v : Vote::none;
        }
      }
      if (fire) {
        prevote(agent, choice);
        continue;
      }
    }
    if (a.step == Step::prevote && static_cast<int>(rc.prevotes_any) >= q && !rc.prevote_timer) {
      rc.prevote_timer = true;
      schedule(agent, kTimeoutPrevote, r, config_.timeout(config_.prevote_ns, r));
    }
    if (a.step != Step::propose && !rc.locked_here) {
      // upon PROPOSAL(r, v, *) AND 2f+1 PREVOTE(r, v), step >= prevote, for the first time
      // (the value is its own id, so the quorum names it without the PROPOSAL).
      Vote polka = Vote::none;
      for (int i = 0; i < 2; ++i)
        if (static_cast<int>(rc.prevotes[i]) >= q) polka = value_at(i);
      if (polka != Vote::none) {
        rc.locked_here = true;
        a.valid_value = polka;
        a.valid_round = r;
        if (a.step == Step::prevote) {
          a.locked_value = polka;
          a.locked_round = r;
          if (env_.trace)
            trace("lock", agent, -1,
                  std::string("locks ") + value_name(polka) + " in round " + std::to_string(r));
          precommit(agent, polka);
        }
        continue;
      }
    }
    if (a.step == Step::prevote && static_cast<int>(rc.prevotes[2]) >= q) {
      precommit(agent, Vote::none);
      continue;
    }
    if (static_cast<int>(rc.precommits_any) >= q && !rc.precommit_timer) {
      rc.precommit_timer = true;
      schedule(agent, kTimeoutPrecommit, r, config_.timeout(config_.precommit_ns, r));
    }
    return;
  }
}

void Tendermint::prevote(int agent, Vote value) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  a.step = Step::prevote;
  broadcast(agent, kPrevote, a.round, value);
}

void Tendermint::precommit(int agent, Vote value) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  a.step = Step::precommit;
  broadcast(agent, kPrecommit, a.round, value);
  if (value != Vote::none) check_decision(agent, a.round, value);
}

// upon PROPOSAL(r, v, *) AND 2f+1 PRECOMMIT(r, v), in any round (the value names itself).
void Tendermint::check_decision(int agent, int round, Vote value) {
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.decided != Vote::none) return;
  if (static_cast<int>(book_.at(agent, round).precommits[index_of(value)]) >= config_.quorum)
    decide(agent, round, value, false);
}

}  // namespace byzsim
