// Pbft: the trial's set-up, event dispatch, message sending and the result (docs/pbft.md).
// The order of random draws: judgements and votes, think times in agent order, then the
// network draws in event order.
#include "sim/protocols/pbft/pbft.hpp"
#include "sim/protocols/pbft/pbft_columns.hpp"

#include <cstdio>
#include <cstdlib>

#include "sim/protocols/common/collusion.hpp"
#include "sim/protocols/common/protocol_trace.hpp"

namespace byzsim {

using namespace pbft;

void Pbft::prepare(const Scenario& scenario) {
  scenario_ = &scenario;
  config_ = Config::from(scenario);
  rule_ = DecisionRule::from(scenario.protocol, false);
  send_path_.configure(scenario, kPhases, &Pbft::can_send, this);
  // Under a schedule with twins, per-instance state: agents first, then twins (n + k).
  const int instances = send_path_.schedule().instances();
  scheduled_ = send_path_.schedule().active();
  ignore_prepared_ = scenario.protocol.unsafe == "ignore-prepared";
  agents_.assign(static_cast<std::size_t>(instances), Replica{});
  book_.prepare(instances);  // its per-receiver counters are per instance
  if (instances > config_.n) twin_book_.prepare(config_.n);
  proposal_to_.assign(static_cast<std::size_t>(config_.n), Vote::none);
  sent_to_.assign(static_cast<std::size_t>(config_.n), Vote::none);
  colluders_.clear();
  colluders_.reserve(static_cast<std::size_t>(config_.n));
  histogram_.assign(static_cast<std::size_t>(config_.max_views) + 1, 0);
}

void Pbft::start() {
  Population& population = env_.population;
  Rng& rng = *env_.rng;
  book_.reset();
  const int instances = static_cast<int>(agents_.size());
  if (instances > config_.n) twin_book_.reset();
  messages_by_kind_.fill(0);
  views_started_ = 1;
  colluders_.clear();
  // Judgements are drawn once: an agent signs one vote per trial and carries it through views.
  population.draw_round(1, false, rng);
  plan_collusion(population, rule_);  // the coalition's vote when an honest leader counts
  send_path_.start_trial(population, rng, env_.trace);
  screened_ = send_path_.any_adversary() || scheduled_;
  if (screened_) seen_.clear();
  int byzantine = 0;
  int honest = 0;
  for (int i = 0; i < instances; ++i) {
    const AgentState& state = population[id(i)];
    Replica& r = agents_[static_cast<std::size_t>(i)];
    r = Replica{};
    r.scripted = state.scripted();
    r.coalition = state.in_coalition();
    r.follows = !r.scripted && !r.coalition;
    r.honest = state.role() == Role::honest;
    r.hooks = send_hooks(*state.behaviour);
    if (i >= config_.n) continue;  // a twin: the same agent, counted and signed once
    (r.honest ? honest : byzantine) += 1;
    if (r.coalition) colluders_.push_back(i);
    if (state.strategy().may_sign_both) {
      book_.sign(i, Vote::approve);  // a Byzantine agent can sign anything
      book_.sign(i, Vote::reject);
    }
  }
  byzantine_ = byzantine;
  // A planted bug removes the proof: its violations are the search's findings, not byzsim's.
  const bool provably_safe = config_.provably_safe(byzantine) && !ignore_prepared_;
  checker_.start_trial(honest, provably_safe);
  if (env_.trace)
    trace("view", -1, -1,
          "view 0, leader " + std::to_string(config_.leader(0)) +
              "; b = " + std::to_string(byzantine) +
              (provably_safe      ? " (provably safe)"
               : ignore_prepared_ ? " (not provably safe: planted bug ignore-prepared)"
                                  : " (not provably safe)"));
  for (int i = 0; i < instances; ++i) {
    const Replica& r = agents_[static_cast<std::size_t>(i)];
    if (r.follows)
      env_.simulator.schedule_at(config_.timeout(0), static_cast<std::uint32_t>(i), kViewTimer, 0,
                                 0);
    const SimTime think = sample(scenario_->agents[population[id(i)].group].think_time, rng);
    env_.simulator.schedule_at(think, static_cast<std::uint32_t>(i), kThink, 0, 0);
  }
  for (int i = 0; i < config_.n; ++i)
    if (agents_[static_cast<std::size_t>(i)].scripted) notice(i, 0);
  const int leader = config_.leader(0);
  leader_enter(0, leader);
  if (instances > config_.n && send_path_.schedule().twin(leader) >= 0)
    leader_enter(0, send_path_.schedule().twin(leader));
}

void Pbft::on_event(const Event& event) {
  const int target = static_cast<int>(event.target);
  const int view = event.round;
  if (screened_ && !first_delivery(event)) return;
  switch (event.kind) {
    case kThink:
      on_think(target);
      break;
    case kVote:
      on_vote(target, view, event.payload);
      break;
    case kPrePrepare:
      on_pre_prepare(target, view, value_of(event.payload));
      break;
    case kPrepare:
      if (env_.trace)
        trace_message("deliver", sender_of(event.payload), target, static_cast<Kind>(event.kind),
                      view, value_of(event.payload));
      on_prepare(target, view, value_of(event.payload));
      break;
    case kCommit:
      if (env_.trace)
        trace_message("deliver", sender_of(event.payload), target, static_cast<Kind>(event.kind),
                      view, value_of(event.payload));
      on_commit(target, view, value_of(event.payload));
      break;
    case kViewChange:
      on_view_change(target, view, event.payload);
      break;
    case kDecide:
      on_decide(target, view, event.payload);
      break;
    case kViewTimer:
      on_view_timer(target, view);
      break;
    case kVoteWindow:
      leader_book(target).ledger(view).window_closed = true;
      try_propose(view, target);
      break;
  }
}

bool Pbft::alive(int instance) const {
  return !env_.population[id(instance)].crashed_by(env_.simulator.now());
}

// Every message leaves here, through the send path (the sender's strategy, then the network).
// `self` is the sending instance, `to` the receiving agent: under a schedule each of its
// instances the view's partition lets through gets a copy (Transmission::to_instance).
void Pbft::send_as(int self, int from, int to, Kind kind, int view, std::uint32_t payload,
                   SimTime at) {
  MessageHeader h;
  h.from = from;
  h.from_instance = self;
  h.to = to;
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = view;
  h.value = kind == kPrePrepare   ? static_cast<Vote>(payload)
            : kind == kViewChange ? Vote::none
                                  : value_of(payload);
  h.broadcast = kind != kVote && kind != kDecide;
  h.offered = agents_[static_cast<std::size_t>(self)].scripted;
  send_path_.send(
      env_.network, h, env_.simulator.now(), at, [&](const Transmission& t, SimTime arrival) {
        ++messages_by_kind_[static_cast<std::size_t>(message_index(kind))];
        const MessageHeader& sent = t.sent;
        const std::uint32_t carried = kind == kPrePrepare   ? static_cast<std::uint32_t>(sent.value)
                                      : kind == kViewChange ? payload
                                                            : pack(from, sent.value);
        // What an adversarial sender really sent, for certificates; what it wrote is recorded
        // by the caller as well: it signed that too, and may put it in a certificate it holds
        // (a DECIDE), even if the copy it sent says otherwise or was dropped.
        // A schedule's mutation is such a message too (its sender signs the flipped value).
        if (send_path_.adversarial(from) || h.offered || t.tamper) {
          if (kind == kPrepare) book_.sent_prepare(sent.round, sent.value, from);
          if (kind == kCommit) book_.sent_commit(sent.round, sent.value, from);
          if (kind == kVote && t.tamper) book_.sign(from, sent.value);
        }
        if (kind == kPrePrepare) sent_to_[static_cast<std::size_t>(to)] = sent.value;
        if (env_.trace)
          trace_message(arrival == Network::kLost ? "lost" : "send", self, t.to_instance, kind,
                        sent.round, sent.value, arrival, "", t.tamper ? &t : nullptr);
        if (arrival != Network::kLost)
          env_.simulator.schedule_at(arrival, static_cast<std::uint32_t>(t.to_instance), kind,
                                     static_cast<std::uint16_t>(sent.round), carried);
      });
}

// With signatures, a Byzantine agent signs any vote, PREPARE or COMMIT of its own, but cannot
// forge a certificate: a changed PRE-PREPARE needs the signed votes of its value in the leader's
// hands (and only the view's leader sends one), a changed DECIDE a commit quorum; a vote goes to
// its view's leader.
bool Pbft::can_send(const void* self, const Transmission& copy) {
  const Pbft& p = *static_cast<const Pbft*>(self);
  const MessageHeader& h = copy.sent;
  switch (static_cast<Kind>(h.phase + kVote)) {
    case kVote:
      return p.config_.leader(h.round) == h.to;
    case kPrePrepare: {
      if (p.config_.leader(h.round) != h.from) return false;
      if (!p.config_.signatures) return true;
      // After view 0 the NEW-VIEW's VIEW-CHANGEs may force a value (the leader picks the set
      // most favourable to it, as pbft's Byzantine leaders do): nothing else verifies.
      if (h.round > 0) {
        const ViewChangeChoice choice = const_cast<Pbft&>(p).choose_view_changes(h.round, 0, false);
        if (!choice.enough) return false;
        if (choice.forced != Vote::none) return h.value == choice.forced;
      }
      // The certificate is the signed votes the leader (this instance) holds for the view, not
      // any that exist.
      const int self = h.from_instance < 0 ? h.from : h.from_instance;
      const ViewLedger& l = const_cast<Pbft&>(p).leader_book(self).ledger(h.round);
      return static_cast<int>(l.votes[index_of(h.value)]) >= p.config_.threshold(h.value);
    }
    case kDecide:
      return !p.config_.signatures ||
             static_cast<int>(p.book_.commit_senders(h.round, h.value)) >= p.config_.commit_quorum;
    default:
      return true;
  }
}

// A receiver counts each signer once per (view, kind, value): a second copy from an adversarial
// sender (a mutated round that repeats one it also sent) is ignored. Honest senders never
// repeat, so only their lookups are skipped. Under a schedule every sender is looked up: the
// two instances of a twinned agent sign as one, so the same message from both counts once (and
// different values count as the equivocation they are); a VIEW-CHANGE counts once per signer
// and view, whatever it claims. Feeds the inbox of reactive strategies.
bool Pbft::first_delivery(const Event& event) {
  const auto kind = static_cast<Kind>(event.kind);
  if (kind < kVote || kind > kDecide) return true;
  const int target = static_cast<int>(event.target);
  if (kind == kViewChange) {
    if (!scheduled_) return true;
    const int from = book_.record(event.payload).sender;
    return seen_.insert(SeenSet::key(target, from, event.round, kind, 0));
  }
  const int from = kind == kPrePrepare ? config_.leader(event.round) : sender_of(event.payload);
  const Vote value =
      kind == kPrePrepare ? static_cast<Vote>(event.payload) : value_of(event.payload);
  note_delivery(from, id(target), kind, event.round, value);
  if (!(scheduled_ || send_path_.adversarial(from)) || kind == kVote || kind == kPrePrepare)
    return true;
  const int round = kind == kDecide ? 0 : event.round;  // DECIDE counts per value, any view
  return seen_.insert(SeenSet::key(target, from, round, kind, static_cast<int>(value)));
}

void Pbft::note_delivery(int from, int to, Kind kind, int view, Vote value) {
  MessageHeader h;
  h.from = from;
  h.to = to;
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = view;
  h.value = value;
  send_path_.received(h);
}

// A late agent holds each message (one draw per message or broadcast) before sending it.
void Pbft::send(int self, int to, Kind kind, int view, std::uint32_t payload) {
  const Replica& r = agents_[static_cast<std::size_t>(self)];
  const SimTime now = env_.simulator.now();
  send_at(self, to, kind, view, payload,
          r.hooks.hold ? saturating_add(now, sample(*r.hooks.hold, *env_.rng)) : now);
}

// To every other agent; a twin's messages never reach its own agent's instances.
void Pbft::broadcast(int self, Kind kind, int view, std::uint32_t payload) {
  const Replica& r = agents_[static_cast<std::size_t>(self)];
  const SimTime now = env_.simulator.now();
  const SimTime at = r.hooks.hold ? saturating_add(now, sample(*r.hooks.hold, *env_.rng)) : now;
  const int from = id(self);
  for (int to = 0; to < config_.n; ++to)
    if (to != from) send_as(self, from, to, kind, view, payload, at);
}

void Pbft::trace(const char* kind, int from, int to, const std::string& detail) const {
  env_.trace->record(TraceRecord{env_.simulator.now(), kind, from, to, detail});
}

// A message in the generic fields every trace format reads; `arrival` only for sends.
void Pbft::trace_message(const char* what, int from, int to, Kind kind, int view, Vote value,
                         SimTime arrival, const std::string& detail,
                         const Transmission* tampered) const {
  TraceRecord r{env_.simulator.now(), what, from, to, detail};
  r.message = message_name(kind);
  if (value != Vote::none) r.value = value_name(value);
  r.round = view;
  add_delivery_fields(
      r, arrival, tampered,
      tampered && tampered->original != Vote::none ? value_name(tampered->original) : nullptr);
  env_.trace->record(std::move(r));
}

void Pbft::report_bug(const std::string& what) const {
  report_protocol_bug(env_, *scenario_, what);
}

TrialResult Pbft::finish(StopReason) const {
  TrialResult result;
  result.rounds = static_cast<std::uint16_t>(views_started_);
  result.counters[kViewChanged] = views_started_ > 1;
  result.messages = env_.network.messages_sent();
  result.corrupted = static_cast<std::uint32_t>(env_.population.corrupted_count());
  result.counters[kHonest] = static_cast<std::uint64_t>(checker_.honest());
  result.counters[kHonestDecided] = static_cast<std::uint64_t>(checker_.honest_decided());
  result.counters[kHonestLatencySumNs] = static_cast<std::uint64_t>(checker_.latency_sum_ns());
  result.invalid_decision = checker_.invalid_decision();
  result.safety_violation = checker_.bug();
  result.broken = checker_.broken();
  for (int k = 0; k < kMessageKinds; ++k)
    result.counters[kFirstMessageCounter + k] = messages_by_kind_[static_cast<std::size_t>(k)];
  const Vote decision = checker_.decision();
  if (checker_.disagreement()) {
    result.outcome = Outcome::disagreement;
  } else if (decision == Vote::none) {
    result.outcome = Outcome::no_consensus;
    // Why: the signed votes of the whole trial could not meet either threshold (no leader could
    // ever propose with a genuine certificate), or they could and the protocol still did not
    // terminate (views, time or events ran out; partitions, silent leaders, a splitting coalition).
    const bool certificate_possible =
        book_.signatures(Vote::approve) >= static_cast<std::uint32_t>(config_.approve_quorum) ||
        book_.signatures(Vote::reject) >= static_cast<std::uint32_t>(config_.reject_quorum);
    result.counters[certificate_possible ? kNotTerminated : kNoCertificate] = 1;
  } else {
    result.outcome = decision == env_.population.correct_vote() ? Outcome::correct : Outcome::wrong;
    result.latency_ns = checker_.first_commit_at();
  }
  if (env_.trace) {
    std::string counts;
    for (int k = 0; k < kMessageKinds; ++k)
      counts += std::string(k ? ", " : "") + message_name(kVote + k) + " " +
                std::to_string(messages_by_kind_[static_cast<std::size_t>(k)]);
    trace("summary", -1, -1,
          "messages: " + counts +
              "; honest agents decided: " + std::to_string(checker_.honest_decided()) + " of " +
              std::to_string(checker_.honest()));
  }
  return result;
}

}  // namespace byzsim
