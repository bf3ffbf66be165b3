// Bracha, one agent's rounds (docs/bracha.md, "Rounds"): each step RB-broadcasts the agent's
// value and waits for n - f valid messages of the step. Step 1: adopt their majority. Step 2:
// with more than n/2 for one value v, propose (d, v). Step 3: with 2f + 1 proposals (d, v),
// decide v; with f + 1, adopt v; else flip the local coin. A message is valid when some n - f
// valid messages of the previous step (accepted by this agent) could have produced it.
#include "sim/protocols/bracha/bracha.hpp"

#include <algorithm>

namespace byzsim {

using namespace bracha;

// The review is over: the vote is the input, and round 1 begins. A follower without a vote
// sends nothing of its own but still relays.
void Bracha::on_think(int agent) {
  if (!alive(agent)) return;
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.scripted) {
    notice(agent, 1);
    return;
  }
  const Vote vote = env_.population[agent].vote;
  if (vote == Vote::none && !a.coalition) return;  // the coalition has no vote of its own
  a.started = true;
  a.value = plain(a.coalition ? coalition_value() : bit_of_vote(vote));
  begin_step(agent, 1, 0);
  try_complete(agent);
}

void Bracha::begin_step(int agent, int round, int step) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  a.round = round;
  a.step = step;
  if (step == 0) {
    rounds_started_ = std::max(rounds_started_, round);
    if (env_.trace) {
      std::string detail = "round ";
      detail += std::to_string(round);
      detail += ", estimate ";
      detail += value_name(a.value);
      trace("round", agent, -1, detail);
    }
  }
  // A coalition member runs the protocol on what it receives, but what it sends of its own is
  // the coalition's choice at this moment.
  broadcast(agent, kInitial, round, agent, step, a.coalition ? plain(coalition_value()) : a.value);
}

// Whether some n - f valid messages of the previous step, among those this agent accepted,
// give `value` by the step's rule (Bracha's validation; every count only grows, so a valid
// message stays valid).
bool Bracha::valid(int agent, int round, int step, int value) const {
  auto& self = const_cast<Bracha&>(*this);
  const int n = config_.n;
  const int f = config_.f;
  const int wait = config_.wait();
  if (step < 2 && proposes(value)) return false;  // (d, v) only in step 3
  const int w = bit_of(value);
  if (step == 0) {
    if (round == 1) return true;  // any input
    const StepBook& prev = self.book(agent, round - 1, 2);
    if (prev.valid_total < wait) return false;
    const int dw = prev.valid[proposal(w)];
    const int dother = prev.valid[proposal(1 - w)];
    const int plain_count = prev.valid[0] + prev.valid[1];
    // Adopted from f + 1 proposals of w, or a coin: a set with at most f of either proposal.
    return dw >= f + 1 || std::min(dw, f) + std::min(dother, f) + plain_count >= wait;
  }
  const StepBook& prev = self.book(agent, round, step - 1);
  if (prev.valid_total < wait) return false;
  const int cw = prev.valid[plain(w)];
  const int cother = prev.valid[plain(1 - w)];
  if (step == 1) {
    // The majority of a set of n - f (a tie gives APPROVE): APPROVE needs half of them,
    // REJECT more than half.
    if (w == 1) return 2 * std::min(cw, wait) >= wait;
    return 2 * std::min(cw, wait) > wait;
  }
  if (proposes(value)) return 2 * std::min(cw, wait) > n;
  // Kept its estimate: a set of n - f with neither value above n/2.
  return std::min(cw, n / 2) + std::min(cother, n / 2) >= wait;
}

// A valid message of (round, step): counted, in the agent's window when among its first n - f;
// the agent may complete its step, and messages of the next step may become valid.
void Bracha::accept(int agent, int round, int step, int value) {
  StepBook& b = book(agent, round, step);
  ++b.valid[value];
  ++b.valid_total;
  if (b.window_total < config_.wait()) {
    ++b.window[value];
    ++b.window_total;
  }
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.follows && a.round == round && a.step == step) try_complete(agent);
  if (step + 1 < kSteps)
    recheck_pending(agent, round, step + 1);
  else if (round < config_.max_rounds)
    recheck_pending(agent, round + 1, 0);
}

void Bracha::recheck_pending(int agent, int round, int step) {
  if (static_cast<std::size_t>(round) > rounds_.size()) return;  // nothing delivered there yet
  StepBook& b = book(agent, round, step);
  if (b.pending.empty()) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < b.pending.size(); ++i) {
    const auto [origin, value] = b.pending[i];
    if (valid(agent, round, step, value))
      accept(agent, round, step, value);
    else
      b.pending[kept++] = b.pending[i];
  }
  b.pending.resize(kept);
}

// Completes every step whose n - f valid messages are in (they may already be there when the
// agent reaches the step).
void Bracha::try_complete(int agent) {
  for (;;) {
    const Agent& a = agents_[static_cast<std::size_t>(agent)];
    if (!a.follows || !a.started || a.halted) return;
    const StepBook& b = book(agent, a.round, a.step);
    if (b.window_total < config_.wait()) return;
    complete_step(agent, b);
  }
}

void Bracha::complete_step(int agent, const StepBook& b) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  const int round = a.round;
  const int n = config_.n;
  if (a.step == 0) {
    a.value = plain(2 * b.window[plain(1)] >= config_.wait() ? 1 : 0);
    begin_step(agent, round, 1);
    return;
  }
  if (a.step == 1) {
    for (int v = 0; v < 2; ++v)
      if (2 * b.window[plain(v)] > n) a.value = proposal(v);
    begin_step(agent, round, 2);
    return;
  }
  const int d1 = b.window[proposal(1)];
  const int d0 = b.window[proposal(0)];
  const int bit = d1 >= d0 ? 1 : 0;
  const int proposals = std::max(d0, d1);
  if (proposals >= config_.deliver_threshold() && a.decided_bit < 0) {
    a.decided_bit = bit;
    a.decided_round = round;
    decide(agent, bit, proposals);
  }
  if (proposals >= config_.f + 1) {
    a.value = plain(bit);
  } else {
    a.value = plain(env_.rng->bernoulli(0.5) ? 1 : 0);  // the local coin
    if (a.honest) ++coin_flips_;
    if (env_.trace) trace("coin", agent, -1, std::string("local coin: ") + value_name(a.value));
  }
  // A decided agent takes part in one more round (every honest agent decides by then), then
  // initiates nothing more; it keeps relaying ECHO and READY for the others' broadcasts.
  if (a.decided_bit >= 0 && round > a.decided_round) {
    a.halted = true;
    return;
  }
  if (round >= config_.max_rounds) {
    if (a.decided_bit < 0 && a.honest) round_limit_hit_ = true;
    a.halted = true;
    return;
  }
  begin_step(agent, round + 1, 0);
}

void Bracha::decide(int agent, int bit, int proposals) {
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (env_.trace) {
    TraceRecord record{env_.simulator.now(), "decide", agent, -1,
                       std::to_string(proposals) + " decision proposals"};
    record.value = value_name(plain(bit));
    record.round = a.decided_round;
    env_.trace->record(std::move(record));
  }
  if (!a.honest) return;
  DecisionFacts facts;
  facts.agent = agent;
  facts.bit = bit;
  facts.round = a.decided_round;
  facts.at = env_.simulator.now();
  facts.proposals = proposals;
  facts.quorum = config_.deliver_threshold();
  const std::string broken = checker_.on_honest_decision(facts);
  if (!broken.empty()) report_bug(broken);
}

}  // namespace byzsim
