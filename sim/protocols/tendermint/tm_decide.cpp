// Tendermint's timeouts and decisions for one agent: OnTimeoutPropose / Prevote / Precommit,
// the round deadline that stands in for the gossip layer's retransmissions, the decision on a
// PRECOMMIT quorum or a forwarded DECIDE, and the DECIDE broadcast of a decided agent.
#include <algorithm>

#include "sim/protocols/tendermint/tendermint.hpp"

namespace byzsim {

using namespace tendermint;

namespace {
constexpr int kUnsignedClaim = 7;  // a SeenSet kind no message uses
}

void Tendermint::on_timeout_propose(int agent, int round) {
  if (!alive(agent)) return;
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows || a.decided != Vote::none || a.round != round || a.step != Step::propose) return;
  if (env_.trace) trace("timeout", agent, -1, "propose, round " + std::to_string(round));
  prevote(agent, Vote::none);
  evaluate(agent);
}

void Tendermint::on_timeout_prevote(int agent, int round) {
  if (!alive(agent)) return;
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows || a.decided != Vote::none || a.round != round || a.step != Step::prevote) return;
  if (env_.trace) trace("timeout", agent, -1, "prevote, round " + std::to_string(round));
  precommit(agent, Vote::none);
  evaluate(agent);
}

void Tendermint::on_timeout_precommit(int agent, int round) {
  if (!alive(agent)) return;
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows || a.decided != Vote::none || a.round != round) return;
  if (env_.trace) trace("timeout", agent, -1, "precommit, round " + std::to_string(round));
  if (round + 1 >= config_.max_rounds) {
    if (env_.trace) trace("give-up", agent, -1, "round_limit reached");
    return;
  }
  start_round(agent, round + 1);
}

// The stand-in for the gossip layer's retransmissions (docs/tendermint.md, "Simplifications"):
// an agent still in `round` long after its timeouts lacks a quorum that lost messages will
// never complete. It precommits nil if it has not precommitted (helping others' quorums) and
// moves on, as its timeouts would have made it do. Timeouts never touch safety.
void Tendermint::on_round_deadline(int agent, int round) {
  if (!alive(agent)) return;
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows || a.decided != Vote::none || a.round != round) return;
  if (env_.trace) trace("timeout", agent, -1, "round deadline, round " + std::to_string(round));
  if (a.step != Step::precommit) precommit(agent, Vote::none);
  if (a.decided != Vote::none || a.round != round) return;
  if (round + 1 >= config_.max_rounds) {
    if (env_.trace) trace("give-up", agent, -1, "round_limit reached");
    return;
  }
  start_round(agent, round + 1);
}

// A decided agent leaves the height; it sends its commit certificate to every agent, also one
// it was forwarded (the gossip of the commit that lets agents still in the height finish
// without it: the first certificate may have come from a Byzantine agent that sent it to few).
void Tendermint::decide(int agent, int round, Vote value, bool forwarded) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  a.decided = value;
  a.decided_round = round;
  if (env_.trace) {
    TraceRecord record{env_.simulator.now(), "commit", agent, -1,
                       forwarded ? "forwarded certificate" : "precommit quorum"};
    record.value = value_name(value);
    record.round = round;
    env_.trace->record(std::move(record));
  }
  if (a.honest) {
    DecisionFacts facts;
    facts.agent = agent;
    facts.value = value;
    facts.round = round;
    facts.at = env_.simulator.now();
    facts.signers = book_.signatures(value);
    facts.threshold = config_.threshold(value);
    facts.precommitters = book_.precommit_senders(round, value);
    // f + 1 unsigned claims cannot be checked, and the round each names may be a Byzantine
    // one's; one of them is honest when b <= f, and its chain of claims starts at a real
    // quorum of some round: that is what is checked.
    if (forwarded && !config_.signatures)
      for (int r = 0; r < config_.max_rounds; ++r)
        facts.precommitters = std::max(facts.precommitters, book_.precommit_senders(r, value));
    facts.quorum = config_.quorum;
    facts.unsigned_claims_beyond_f = forwarded && !config_.signatures && byzantine_ > config_.f;
    const std::string broken = checker_.on_honest_decision(facts);
    if (!broken.empty()) report_bug(broken);
  }
  broadcast(agent, kDecide, round, value);
}

// With signatures one DECIDE (a PRECOMMIT quorum's signatures) is proof; without them f + 1
// matching claims are needed.
void Tendermint::on_decide(int agent, int from, int round, Vote value) {
  if (!alive(agent) || value == Vote::none) return;
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (!a.follows || a.decided != Vote::none) return;
  // Unsigned claims count per sender, whatever round each names (a mutated copy counts once).
  if (!config_.signatures && !seen_.insert(SeenSet::key(agent, from, 0, kUnsignedClaim, 0))) return;
  const int i = index_of(value);
  if (static_cast<int>(++a.decides[i]) >= config_.decide_threshold())
    decide(agent, round, value, true);
}

}  // namespace byzsim
