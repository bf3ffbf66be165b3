// Tendermint: the trial's set-up, event dispatch, message sending and the result
// (docs/tendermint.md). The order of random draws: judgements and votes, think times in agent
// order, then the network draws in event order.
#include "sim/protocols/tendermint/tendermint.hpp"
#include "sim/protocols/tendermint/tm_columns.hpp"

#include <cstdio>
#include <cstdlib>

#include "sim/protocols/common/collusion.hpp"
#include "sim/protocols/common/decision_rule.hpp"
#include "sim/protocols/common/protocol_trace.hpp"

namespace byzsim {

using namespace tendermint;

void Tendermint::prepare(const Scenario& scenario) {
  scenario_ = &scenario;
  config_ = Config::from(scenario);
  send_path_.configure(scenario, kPhases, &Tendermint::can_send, this);
  instances_ = send_path_.schedule().instances();
  twins_ = instances_ > config_.n;
  agents_.assign(static_cast<std::size_t>(instances_), Agent{});
  book_.prepare(instances_, config_.max_rounds);
  colluders_.clear();
  colluders_.reserve(static_cast<std::size_t>(config_.n));
  support_to_.assign(static_cast<std::size_t>(config_.n), Vote::none);
  reacted_.assign(static_cast<std::size_t>(config_.max_rounds), 0);
}

void Tendermint::start() {
  Population& population = env_.population;
  Rng& rng = *env_.rng;
  book_.reset();
  messages_by_kind_.fill(0);
  nil_votes_ = 0;
  rounds_started_ = 1;
  // Judgements are drawn once: an agent signs one vote per trial and carries it through rounds.
  population.draw_round(1, false, rng);
  // The coalition's common vote, chosen having seen every other vote (docs/model.md).
  plan_collusion(population, DecisionRule::from(scenario_->protocol, false));
  colluders_.clear();
  std::fill(reacted_.begin(), reacted_.end(), 0);
  send_path_.start_trial(population, rng, env_.trace);
  seen_.clear();
  int byzantine = 0;
  int honest = 0;
  // A twin (i >= n) is its agent's second instance: the same role, strategy and vote (the
  // loader admits only Byzantine agents that run the protocol), counted once.
  for (int i = 0; i < instances_; ++i) {
    const AgentState& state = population[id(i)];
    Agent& a = agents_[static_cast<std::size_t>(i)];
    a = Agent{};
    a.scripted = state.scripted();
    a.coalition = state.in_coalition();
    a.follows = !a.scripted && !a.coalition;
    a.honest = state.role() == Role::honest;
    a.hooks = send_hooks(*state.behaviour);
    if (i >= config_.n) continue;
    if (a.coalition) colluders_.push_back(i);
    (a.honest ? honest : byzantine) += 1;
    if (state.strategy().may_sign_both) {
      book_.sign(i, Vote::approve);  // a Byzantine agent can sign anything
      book_.sign(i, Vote::reject);
    }
  }
  byzantine_ = byzantine;
  checker_.start_trial(honest, config_.provably_safe(byzantine));
  if (env_.trace)
    trace("round", -1, -1,
          "round 0, proposer " + std::to_string(config_.proposer(0)) +
              "; b = " + std::to_string(byzantine) +
              (config_.provably_safe(byzantine) ? " (provably safe)" : " (not provably safe)"));
  for (int i = 0; i < instances_; ++i) {
    const SimTime think = sample(scenario_->agents[population[id(i)].group].think_time, rng);
    env_.simulator.schedule_at(think, static_cast<std::uint32_t>(i), kThink, 0, 0);
  }
  for (int i = 0; i < instances_; ++i) {
    if (agents_[static_cast<std::size_t>(i)].follows)
      start_round(i, 0);
    else
      notice(i, 0);
  }
}

void Tendermint::on_event(const Event& event) {
  const int target = static_cast<int>(event.target);
  const int round = event.round;
  const auto kind = static_cast<Kind>(event.kind);
  const bool message = kind >= kVote && kind <= kDecide;
  // A mutated round beyond the last one reaches nobody's books.
  if (message && round >= config_.max_rounds) return;
  if ((send_path_.any_adversary() || twins_) && !first_delivery(event)) return;
  switch (kind) {
    case kThink:
      on_think(target);
      break;
    case kVote:
      if (env_.trace)
        trace_message("deliver", sender_of(event.payload), target, kind, round,
                      value_of(event.payload));
      on_vote(target, sender_of(event.payload), value_of(event.payload));
      break;
    case kProposal:
      if (env_.trace)
        trace_message("deliver", config_.proposer(round), target, kind, round,
                      value_of(event.payload), -1,
                      "valid round " + std::to_string(valid_round_of(event.payload)));
      on_proposal(target, round, value_of(event.payload), valid_round_of(event.payload));
      break;
    case kPrevote:
      if (env_.trace)
        trace_message("deliver", sender_of(event.payload), target, kind, round,
                      value_of(event.payload));
      on_prevote(target, sender_of(event.payload), round, value_of(event.payload));
      break;
    case kPrecommit:
      if (env_.trace)
        trace_message("deliver", sender_of(event.payload), target, kind, round,
                      value_of(event.payload));
      on_precommit(target, sender_of(event.payload), round, value_of(event.payload));
      break;
    case kDecide:
      if (env_.trace)
        trace_message("deliver", sender_of(event.payload), target, kind, round,
                      value_of(event.payload));
      on_decide(target, sender_of(event.payload), round, value_of(event.payload));
      break;
    case kTimeoutPropose:
      on_timeout_propose(target, round);
      break;
    case kTimeoutPrevote:
      on_timeout_prevote(target, round);
      break;
    case kTimeoutPrecommit:
      on_timeout_precommit(target, round);
      break;
    case kRoundDeadline:
      on_round_deadline(target, round);
      break;
    case kProposeWindow: {
      Agent& a = agents_[static_cast<std::size_t>(target)];
      if (a.round != round) break;
      a.window_closed = true;
      if (a.follows)
        try_propose(target);
      else if (a.coalition)
        coalition_propose(target, round);
      else
        scripted_propose(target, round);
      break;
    }
  }
}

bool Tendermint::alive(int agent) const {
  return !env_.population[id(agent)].crashed_by(env_.simulator.now());
}

// Every message leaves here, through the send path (the sender's strategy, then the network).
// `from` is the sending instance, `to` the recipient agent: under a schedule the send path
// delivers a copy to each of its instances that the view's partition does not cut off.
void Tendermint::send_at(int from, int to, Kind kind, int round, Vote value, int valid_round,
                         SimTime at) {
  const int signer = id(from);
  MessageHeader h;
  h.from = signer;
  h.from_instance = from == signer ? -1 : from;
  h.to = to;
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = round;
  h.value = value;
  // A VOTE is each agent's own signed vote, which strategies treat as a message to one
  // recipient (as pbft's vote to its leader): an equivocator's carries both values.
  h.broadcast = kind != kVote;
  h.offered = agents_[static_cast<std::size_t>(from)].scripted;
  send_path_.send(
      env_.network, h, env_.simulator.now(), at, [&](const Transmission& t, SimTime arrival) {
        ++messages_by_kind_[static_cast<std::size_t>(message_index(kind))];
        const MessageHeader& sent = t.sent;
        if ((kind == kPrevote || kind == kPrecommit) && sent.value == Vote::none) ++nil_votes_;
        std::uint32_t carried = pack(signer, sent.value);
        if (kind == kProposal) {
          // A changed value carries the certificate its sender holds for it (can_send found one).
          const int vr = sent.value == value && sent.round == round
                             ? valid_round
                             : std::max(-1, certified_round(from, sent.round, sent.value));
          carried = pack_proposal(sent.value, vr);
        }
        // What a sender really sent, for certificates and the checker (honest senders' copies
        // all carry what they wrote).
        if (kind == kPrevote) book_.sent_prevote(sent.round, sent.value, signer);
        if (kind == kPrecommit) book_.sent_precommit(sent.round, sent.value, signer);
        // Traces name instances (a twin's number is n + k), the events' targets.
        if (env_.trace)
          trace_message(arrival == Network::kLost ? "lost" : "send", from, t.to_instance, kind,
                        sent.round, sent.value, arrival, "", t.tamper ? &t : nullptr);
        if (arrival != Network::kLost)
          env_.simulator.schedule_at(arrival, static_cast<std::uint32_t>(t.to_instance), kind,
                                     static_cast<std::uint16_t>(sent.round), carried);
      });
}

// To every other agent (a late agent holds the broadcast back first, one draw); a follower
// then receives its own message, as in the paper where a broadcast includes its sender. Twins
// do not send to each other: each holds only its own copy.
void Tendermint::broadcast(int from, Kind kind, int round, Vote value, int valid_round) {
  const int signer = id(from);
  const SimTime at = send_path_.hold(signer, env_.simulator.now());
  for (int to = 0; to < config_.n; ++to)
    if (to != signer) send_at(from, to, kind, round, value, valid_round, at);
  // Its own copy: it signed what it wrote.
  switch (kind) {
    case kPrevote:
      book_.sent_prevote(round, value, signer);
      if (agents_[static_cast<std::size_t>(from)].follows) {
        RoundCounts& rc = book_.at(from, round);
        ++rc.prevotes[index_of(value)];
        ++rc.prevotes_any;
      }
      break;
    case kPrecommit:
      book_.sent_precommit(round, value, signer);
      if (agents_[static_cast<std::size_t>(from)].follows) {
        RoundCounts& rc = book_.at(from, round);
        ++rc.precommits[index_of(value)];
        ++rc.precommits_any;
      }
      break;
    default:
      break;
  }
}

// The round whose certificate a PROPOSAL of `value` in `round` by the proposer's instance
// `holder` can carry: -1 for the signed votes it holds (or no signatures), r for a PREVOTE
// quorum of an earlier round r (the paper's proof-of-lock; any that exists, a simplification),
// -2 for none.
int Tendermint::certified_round(int holder, int round, Vote value) const {
  if (value == Vote::none) return -2;
  if (!config_.signatures || book_.held(holder, value) >= config_.threshold(value)) return -1;
  for (int r = round - 1; r >= 0; --r)
    if (static_cast<int>(book_.prevote_senders(r, value)) >= config_.quorum) return r;
  return -2;
}

// With signatures, a Byzantine agent signs any VOTE, PREVOTE or PRECOMMIT of its own (nil
// included), but cannot forge a certificate: a changed PROPOSAL needs a vote certificate in its
// sender's hands or a PREVOTE quorum (and only the round's proposer sends one), a changed
// DECIDE a PRECOMMIT quorum of its round.
bool Tendermint::can_send(const void* self, const Transmission& copy) {
  const Tendermint& t = *static_cast<const Tendermint*>(self);
  const MessageHeader& h = copy.sent;
  switch (static_cast<Kind>(h.phase + kVote)) {
    case kVote:
      return h.value != Vote::none;
    case kProposal:
      if (t.config_.proposer(h.round) != h.from || h.value == Vote::none) return false;
      return t.certified_round(h.from_instance < 0 ? h.from : h.from_instance, h.round, h.value) >=
             -1;
    case kDecide:
      return h.value != Vote::none &&
             (!t.config_.signatures ||
              static_cast<int>(t.book_.precommit_senders(h.round, h.value)) >= t.config_.quorum);
    default:
      return true;
  }
}

// A receiver counts each signer once per (round, kind, value): a second copy from an
// adversarial sender (a mutated round that repeats one it also sent, or its twin's copy) is
// ignored. Honest senders never repeat, so only their lookups are skipped. Feeds the inbox of
// reactive strategies (addressed to the receiving instance's agent).
bool Tendermint::first_delivery(const Event& event) {
  const auto kind = static_cast<Kind>(event.kind);
  if (kind < kVote || kind > kDecide) return true;
  const int from = kind == kProposal ? config_.proposer(event.round) : sender_of(event.payload);
  const Vote value = value_of(event.payload);
  MessageHeader h;
  h.from = from;
  h.to = id(static_cast<int>(event.target));
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = event.round;
  h.value = value;
  send_path_.received(h);
  if (!byzantine_sender(from)) return true;
  return seen_.insert(SeenSet::key(static_cast<int>(event.target), from, event.round, kind,
                                   static_cast<int>(value)));
}

void Tendermint::trace(const char* kind, int from, int to, const std::string& detail) const {
  env_.trace->record(TraceRecord{env_.simulator.now(), kind, from, to, detail});
}

// A message in the generic fields every trace format reads; `arrival` only for sends.
void Tendermint::trace_message(const char* what, int from, int to, Kind kind, int round, Vote value,
                               SimTime arrival, const std::string& detail,
                               const Transmission* tampered) const {
  TraceRecord r{env_.simulator.now(), what, from, to, detail};
  r.message = message_name(kind);
  r.value = value_name(value);
  r.round = round;
  add_delivery_fields(
      r, arrival, tampered,
      tampered && tampered->original != Vote::none ? value_name(tampered->original) : nullptr);
  env_.trace->record(std::move(r));
}

void Tendermint::report_bug(const std::string& what) const {
  report_protocol_bug(env_, *scenario_, what);
}

TrialResult Tendermint::finish(StopReason) const {
  TrialResult result;
  result.rounds = static_cast<std::uint16_t>(rounds_started_);
  result.counters[kRoundChanged] = rounds_started_ > 1;
  result.messages = env_.network.messages_sent();
  result.corrupted = static_cast<std::uint32_t>(env_.population.corrupted_count());
  result.counters[kHonest] = static_cast<std::uint64_t>(checker_.honest());
  result.counters[kHonestDecided] = static_cast<std::uint64_t>(checker_.honest_decided());
  result.counters[kHonestLatencySumNs] = static_cast<std::uint64_t>(checker_.latency_sum_ns());
  result.counters[kNilVotes] = nil_votes_;
  result.counters[kWithoutQuorum] = checker_.without_quorum();
  result.invalid_decision = checker_.invalid_decision();
  result.safety_violation = checker_.bug();
  result.broken = checker_.broken();
  for (int k = 0; k < kMessageKinds; ++k)
    result.counters[kFirstMessageCounter + k] = messages_by_kind_[static_cast<std::size_t>(k)];
  const Vote decision = checker_.decision();
  if (decision != Vote::none) {
    result.counters[kDecidedTrials] = 1;
    result.counters[kRoundsToDecide] =
        static_cast<std::uint64_t>(checker_.first_decision_round() + 1);
  }
  if (checker_.disagreement()) {
    result.outcome = Outcome::disagreement;
  } else if (decision == Vote::none) {
    result.outcome = Outcome::no_consensus;
    // Why: the signed votes of the whole trial could not meet either threshold (no proposer
    // could ever propose with a genuine certificate), or they could and the protocol still did
    // not terminate (rounds, time or events ran out; partitions, silent proposers).
    const bool certificate_possible =
        book_.signatures(Vote::approve) >= static_cast<std::uint32_t>(config_.approve_quorum) ||
        book_.signatures(Vote::reject) >= static_cast<std::uint32_t>(config_.reject_quorum);
    result.counters[certificate_possible ? kNotTerminated : kNoCertificate] = 1;
  } else {
    result.outcome = decision == env_.population.correct_vote() ? Outcome::correct : Outcome::wrong;
    result.latency_ns = checker_.first_decision_at();
  }
  if (env_.trace) {
    std::string counts;
    for (int k = 0; k < kMessageKinds; ++k)
      counts += std::string(k ? ", " : "") + message_name(kVote + k) + " " +
                std::to_string(messages_by_kind_[static_cast<std::size_t>(k)]);
    trace("summary", -1, -1,
          "messages: " + counts + "; nil votes " + std::to_string(nil_votes_) +
              "; honest agents decided: " + std::to_string(checker_.honest_decided()) + " of " +
              std::to_string(checker_.honest()));
  }
  return result;
}

}  // namespace byzsim
