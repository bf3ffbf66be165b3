// HotStuff: the trial's set-up, event dispatch, message sending and the result
// (docs/hotstuff.md). The order of random draws: judgements and votes, think times in agent
// order, then the network draws in event order.
#include "sim/protocols/hotstuff/hotstuff.hpp"

#include <cstdio>
#include <cstdlib>

#include "sim/protocols/common/collusion.hpp"
#include "sim/protocols/common/protocol_trace.hpp"
#include "sim/protocols/hotstuff/hotstuff_columns.hpp"

namespace byzsim {

using namespace hotstuff;

void HotStuff::prepare(const Scenario& scenario) {
  scenario_ = &scenario;
  config_ = Config::from(scenario);
  rule_ = DecisionRule::from(scenario.protocol, false);
  send_path_.configure(scenario, kPhases, &HotStuff::can_send, this);
  const int instances = send_path_.schedule().instances();  // n without twins
  agents_.assign(static_cast<std::size_t>(instances), Replica{});
  proposal_to_.assign(static_cast<std::size_t>(config_.n), Vote::none);
  colluders_.clear();
  colluders_.reserve(static_cast<std::size_t>(config_.n));
  twins_ = instances > config_.n;
  book_.prepare(config_.n, twins_ ? 2 : 1);
}

void HotStuff::start() {
  Population& population = env_.population;
  Rng& rng = *env_.rng;
  book_.reset();
  messages_by_kind_.fill(0);
  views_started_ = 1;
  // Judgements are drawn once: an agent signs one review vote per trial.
  population.draw_round(1, false, rng);
  plan_collusion(population, rule_);  // the coalition's vote when an honest leader counts
  send_path_.start_trial(population, rng, env_.trace);
  seen_.clear();  // also the offers and the coalition's votes, whose senders have no rule
  colluders_.clear();
  int byzantine = 0;
  int honest = 0;
  const int instances = static_cast<int>(agents_.size());
  for (int i = 0; i < instances; ++i) {
    const AgentState& state = population[id(i)];
    Replica& r = at(i);
    r = Replica{};
    r.scripted = state.scripted();
    r.coalition = state.in_coalition();
    r.follows = !r.scripted && !r.coalition;
    r.hooks = send_hooks(*state.behaviour);
    // A twin is a Byzantine agent's second instance: counted, signed and judged once, as its
    // agent (the loader accepts only non-honest agents as twins).
    r.honest = state.role() == Role::honest && i < config_.n;
    if (i >= config_.n) continue;
    if (r.coalition) colluders_.push_back(i);
    (r.honest ? honest : byzantine) += 1;
    if (state.strategy().may_sign_both) {
      book_.sign(i, Vote::approve);  // a Byzantine agent can sign either review vote
      book_.sign(i, Vote::reject);
    }
  }
  byzantine_ = byzantine;
  checker_.start_trial(honest, config_.provably_safe(byzantine));
  if (env_.trace)
    trace("view", -1, -1,
          "view 0, leader " + std::to_string(config_.leader(0)) +
              "; b = " + std::to_string(byzantine) +
              (config_.provably_safe(byzantine) ? " (provably safe)" : " (not provably safe)"));
  // Twins draw their think times after every agent's: without twins the draws are unchanged.
  for (int i = 0; i < instances; ++i) {
    if (at(i).follows) arm_timer(i, config_.timeout(0));
    const SimTime think = sample(scenario_->agents[population[id(i)].group].think_time, rng);
    env_.simulator.schedule_at(think, static_cast<std::uint32_t>(i), kThink, 0, 0);
  }
  for (int i = 0; i < config_.n; ++i)
    if (!at(i).follows) notice(i, 0);
  const int leader = config_.leader(0);
  leader_enter(leader, 0);
  const int twin = send_path_.schedule().twin(leader);
  if (twin >= 0) leader_enter(twin, 0);
}

void HotStuff::on_event(const Event& event) {
  const int target = static_cast<int>(event.target);
  const int view = event.round;
  if ((send_path_.any_adversary() || twins_) && !first_delivery(event)) return;
  switch (event.kind) {
    case kThink:
      on_think(target);
      break;
    case kVote:
      on_vote(target, view, event.payload);
      break;
    case kProposal:
      on_proposal(target, view, static_cast<Vote>(event.payload));
      break;
    case kBlockVote:
      on_block_vote(target, view, event.payload);
      break;
    case kNewView:
      on_new_view(target, view, event.payload);
      break;
    case kDecide:
      on_decide(target, view, event.payload);
      break;
    case kViewTimer:
      on_view_timer(target, view);
      break;
    case kVoteWindow:
      book_.ledger(view, slot(target)).window_closed = true;
      try_propose(target, view);
      if (env_.trace && !book_.ledger(view, slot(target)).proposed && at(target).follows)
        trace("no-proposal", target, -1, "window closed without a certificate or a quorum");
      break;
    case kNewViewWait:
      book_.ledger(view, slot(target)).wait_over = true;
      try_propose(target, view);
      break;
  }
}

bool HotStuff::alive(int instance) const {
  return !env_.population[id(instance)].crashed_by(env_.simulator.now());
}

// A twinned leader holds what either of its instances holds (they share one key).
int HotStuff::possible_justify(int view, Vote value) const {
  const int best = book_.best_certified(value, view);
  if (best != kGenesis || !config_.signatures) return best;
  for (int s = 0; s < book_.slots(); ++s) {
    const Ledger* l = book_.find_ledger(view, s);
    if (l != nullptr && static_cast<int>(l->votes[index_of(value)]) >= config_.threshold(value))
      return kGenesis;
  }
  return kNoJustify;
}

MessageHeader HotStuff::header(int from, int to, Kind kind, int view, Vote value) const {
  MessageHeader h;
  h.from = id(from);
  h.to = to;
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = view;
  h.value = value;
  if (from >= config_.n) h.from_instance = from;
  return h;
}

// Every message leaves here, through the send path (the sender's strategy, then the network).
// A PROPOSAL creates its block when it first leaves: `justify` as the leader wrote it, or the
// best one it holds for a value its rule changed.
void HotStuff::send_at(int from, int to, Kind kind, int view, std::uint32_t payload, SimTime at,
                       int justify) {
  MessageHeader h = header(from, to, kind, view,
                           kind == kProposal  ? static_cast<Vote>(payload)
                           : kind == kNewView ? Vote::none
                                              : value_of(payload));
  h.broadcast = kind == kProposal;
  h.offered = this->at(from).scripted;
  send_path_.send(
      env_.network, h, env_.simulator.now(), at, [&](const Transmission& t, SimTime arrival) {
        ++messages_by_kind_[static_cast<std::size_t>(message_index(kind))];
        const MessageHeader& sent = t.sent;
        const std::uint32_t carried = kind == kProposal  ? static_cast<std::uint32_t>(sent.value)
                                      : kind == kNewView ? payload
                                                         : pack(h.from, sent.value);
        if (kind == kBlockVote) book_.sent_block_vote(sent.round, sent.value, h.from);
        if (kind == kProposal && book_.find(sent.round, sent.value) == nullptr) {
          const int parent = sent.value == h.value && sent.round == h.round && justify != kNoJustify
                                 ? justify
                                 : possible_justify(sent.round, sent.value);
          Block& b = book_.block(sent.round, sent.value);
          b.exists = true;
          b.justify = parent;
        }
        if (env_.trace)
          trace_message(arrival == Network::kLost ? "lost" : "send", from, t.to_instance, kind,
                        sent.round, sent.value, arrival, "", t.tamper ? &t : nullptr);
        if (arrival != Network::kLost)
          env_.simulator.schedule_at(arrival, static_cast<std::uint32_t>(t.to_instance), kind,
                                     static_cast<std::uint16_t>(sent.round), carried);
      });
}

// With signatures a Byzantine agent signs any vote of its own, but cannot forge a certificate:
// a PROPOSAL comes from its view's leader and extends a block whose QC exists (or, for a first
// block, a certificate of signed review votes in the leader's hands); a block vote names an
// existing block and goes to the next view's leader; a DECIDE needs a three-chain of QCs.
bool HotStuff::can_send(const void* self, const Transmission& copy) {
  const HotStuff& p = *static_cast<const HotStuff*>(self);
  const MessageHeader& h = copy.sent;
  if (h.round < 0 || h.round >= p.config_.max_views) return false;
  switch (static_cast<Kind>(h.phase + kVote)) {
    case kVote:
      return p.config_.leader(h.round) == h.to;
    case kProposal:
      if (p.config_.leader(h.round) != h.from || h.value == Vote::none) return false;
      return p.book_.find(h.round, h.value) != nullptr ||
             p.possible_justify(h.round, h.value) != kNoJustify;
    case kBlockVote:
      return p.config_.leader(h.round + 1) == h.to && h.value != Vote::none &&
             p.book_.find(h.round, h.value) != nullptr;
    case kNewView:
      return p.config_.leader(h.round) == h.to;
    case kDecide:
      return !p.config_.signatures || p.book_.commit_certificate(h.value, p.config_.quorum);
    default:
      return true;
  }
}

// A receiver counts each signer once per (view, kind, value): a second copy from an adversarial
// sender is ignored. Honest senders never repeat, so only their lookups are skipped. Feeds the
// inbox of reactive strategies.
bool HotStuff::first_delivery(const Event& event) {
  const auto kind = static_cast<Kind>(event.kind);
  if (kind < kVote || kind > kDecide || kind == kNewView) return true;
  const int from = kind == kProposal ? config_.leader(event.round) : sender_of(event.payload);
  const Vote value = kind == kProposal ? static_cast<Vote>(event.payload) : value_of(event.payload);
  MessageHeader h;
  h.from = from;
  h.to = id(static_cast<int>(event.target));
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = event.round;
  h.value = value;
  send_path_.received(h);
  // Twins send what their agent signed twice: counted once, as an adversary's copies are.
  const bool repeats =
      send_path_.adversarial(from) || (twins_ && send_path_.schedule().twin(from) >= 0);
  if (!repeats || kind == kVote || kind == kProposal) return true;
  const int round = kind == kDecide ? 0 : event.round;  // DECIDE counts per value, any view
  return seen_.insert(
      SeenSet::key(static_cast<int>(event.target), from, round, kind, static_cast<int>(value)));
}

// A late agent holds each message (one draw per message) before sending it.
void HotStuff::send(int from, int to, Kind kind, int view, std::uint32_t payload) {
  const Replica& r = at(from);
  const SimTime now = env_.simulator.now();
  send_at(from, to, kind, view, payload,
          r.hooks.hold ? saturating_add(now, sample(*r.hooks.hold, *env_.rng)) : now);
}

void HotStuff::trace(const char* kind, int from, int to, const std::string& detail) const {
  emit(TraceRecord{env_.simulator.now(), kind, from, to, detail});
}

// Records name agents: a twin instance (n + k) appears as its agent, with a note (the trace
// printer reads id n as the coordinator).
void HotStuff::emit(TraceRecord r) const {
  auto name = [&](int& who, const char* role) {
    if (who < config_.n) return;
    r.detail += std::string(r.detail.empty() ? "" : "; ") + role + " the twin of agent " +
                std::to_string(id(who)) + " (instance " + std::to_string(who) + ")";
    who = id(who);
  };
  name(r.from, "by");
  name(r.to, "to");
  env_.trace->record(std::move(r));
}

void HotStuff::trace_message(const char* what, int from, int to, Kind kind, int view, Vote value,
                             SimTime arrival, const std::string& detail,
                             const Transmission* tampered) const {
  TraceRecord r{env_.simulator.now(), what, from, to, detail};
  r.message = message_name(kind);
  if (value != Vote::none) r.value = value_name(value);
  r.round = view;
  add_delivery_fields(
      r, arrival, tampered,
      tampered && tampered->original != Vote::none ? value_name(tampered->original) : nullptr);
  emit(std::move(r));
}

void HotStuff::report_bug(const std::string& what) const {
  report_protocol_bug(env_, *scenario_, what);
}

TrialResult HotStuff::finish(StopReason) const {
  TrialResult result;
  result.broken = checker_.broken();
  result.rounds = static_cast<std::uint16_t>(views_started_);
  result.messages = env_.network.messages_sent();
  result.corrupted = static_cast<std::uint32_t>(env_.population.corrupted_count());
  result.counters[kHonest] = static_cast<std::uint64_t>(checker_.honest());
  result.counters[kHonestDecided] = static_cast<std::uint64_t>(checker_.honest_decided());
  result.counters[kHonestLatencySumNs] = static_cast<std::uint64_t>(checker_.latency_sum_ns());
  result.invalid_decision = checker_.invalid_decision();
  result.safety_violation = checker_.bug();
  result.counters[kUncertified] = checker_.uncertified();
  std::uint64_t timeouts = 0;
  for (const Replica& r : agents_) timeouts += static_cast<std::uint64_t>(r.timeouts);
  result.counters[kTimeouts] = timeouts;
  result.counters[kTimedOut] = timeouts > 0;
  for (int k = 0; k < kMessageKinds; ++k)
    result.counters[kFirstMessageCounter + k] = messages_by_kind_[static_cast<std::size_t>(k)];
  const Vote decision = checker_.decision();
  if (checker_.disagreement()) {
    result.outcome = Outcome::disagreement;
  } else if (decision == Vote::none) {
    result.outcome = Outcome::no_consensus;
    // Why: the signed votes of the whole trial could not meet either threshold (no leader could
    // propose a first block), or they could and the views, time or events ran out.
    const bool certificate_possible =
        book_.signatures(Vote::approve) >= static_cast<std::uint32_t>(config_.approve_quorum) ||
        book_.signatures(Vote::reject) >= static_cast<std::uint32_t>(config_.reject_quorum);
    result.counters[certificate_possible ? kNotTerminated : kNoCertificate] = 1;
  } else {
    result.outcome = decision == env_.population.correct_vote() ? Outcome::correct : Outcome::wrong;
    result.latency_ns = checker_.first_commit_at();
    result.counters[kDecisionViews] = static_cast<std::uint64_t>(checker_.first_commit_view()) + 1;
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
