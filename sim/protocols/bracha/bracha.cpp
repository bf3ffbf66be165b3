// Bracha: the trial's set-up, event dispatch, message sending and the result (docs/bracha.md).
// The order of random draws: judgements and votes, think times in agent order, then the
// network draws and local coins in event order.
#include "sim/protocols/bracha/bracha.hpp"

#include <cstdio>
#include <cstdlib>

#include "sim/protocols/bracha/bracha_columns.hpp"
#include "sim/protocols/common/protocol_trace.hpp"

namespace byzsim {

using namespace bracha;

void Bracha::prepare(const Scenario& scenario) {
  scenario_ = &scenario;
  config_ = Config::from(scenario);
  agents_.assign(static_cast<std::size_t>(config_.n), Agent{});
  rounds_.clear();
  // Never reallocated: references to a round's tables stay valid while later rounds start.
  rounds_.reserve(static_cast<std::size_t>(config_.max_rounds));
  rounds_used_ = 0;
  send_path_.configure(scenario, kPhases, &Bracha::can_send, this);
}

void Bracha::start() {
  Population& population = env_.population;
  Rng& rng = *env_.rng;
  // Clear what the last trial touched, keeping the allocations.
  for (int r = 0; r < rounds_used_; ++r) {
    RoundTables& t = rounds_[static_cast<std::size_t>(r)];
    std::fill(t.instances.begin(), t.instances.end(), Instance{});
    for (StepBook& b : t.books) {
      std::fill(std::begin(b.valid), std::end(b.valid), std::uint16_t{0});
      std::fill(std::begin(b.window), std::end(b.window), std::uint16_t{0});
      b.valid_total = b.window_total = 0;
      b.pending.clear();
    }
  }
  rounds_used_ = 0;
  messages_by_kind_.fill(0);
  coin_flips_ = 0;
  round_limit_hit_ = false;
  rounds_started_ = 0;
  // The input is the agent's vote on its own review, drawn once.
  population.draw_round(1, false, rng);
  send_path_.start_trial(population, rng, env_.trace);
  if (send_path_.any_adversary()) seen_.clear();
  int byzantine = 0;
  int honest = 0;
  int inputs[2] = {};
  for (int i = 0; i < config_.n; ++i) {
    const AgentState& state = population[i];
    Agent& a = agents_[static_cast<std::size_t>(i)];
    a = Agent{};
    a.scripted = state.scripted();
    a.coalition = state.in_coalition();
    a.follows = !a.scripted;
    a.honest = state.role() == Role::honest;
    a.hooks = send_hooks(*state.behaviour);
    (a.honest ? honest : byzantine) += 1;
    if (a.honest && state.vote != Vote::none) ++inputs[bit_of_vote(state.vote)];
  }
  byzantine_ = byzantine;
  checker_.start_trial(honest, inputs, config_.provably_safe(byzantine));
  if (env_.trace)
    trace("setup", -1, -1,
          "n = " + std::to_string(config_.n) + ", f = " + std::to_string(config_.f) +
              ", b = " + std::to_string(byzantine) +
              (config_.provably_safe(byzantine) ? " (provably safe)" : " (not provably safe)") +
              "; honest inputs: " + std::to_string(inputs[1]) + " APPROVE, " +
              std::to_string(inputs[0]) + " REJECT");
  for (int i = 0; i < config_.n; ++i) {
    const SimTime think = sample(scenario_->agents[population[i].group].think_time, rng);
    env_.simulator.schedule_at(think, static_cast<std::uint32_t>(i), kThink, 1, 0);
  }
}

void Bracha::on_event(const Event& event) {
  const int target = static_cast<int>(event.target);
  if (event.kind != kThink) {
    // An agent's own messages reach it without the network: not traced as deliveries.
    if (env_.trace && sender_of(event.payload) != target)
      trace_message("deliver", sender_of(event.payload), target, static_cast<Kind>(event.kind),
                    event.round, event.payload);
    if (send_path_.any_adversary() && !first_delivery(event)) return;
    if (!alive(target)) return;
  }
  switch (event.kind) {
    case kThink:
      on_think(target);
      break;
    case kInitial:
      on_initial(target, event.round, event.payload);
      break;
    case kEcho:
      on_echo(target, event.round, event.payload);
      break;
    case kReady:
      on_ready(target, event.round, event.payload);
      break;
  }
}

bool Bracha::alive(int agent) const {
  return !env_.population[agent].crashed_by(env_.simulator.now());
}

// Every message to another agent leaves here, through the send path (the sender's strategy,
// then the network). The adversary may change the bit and the round; the step, the origin and
// whether it is a decision proposal stay as written.
void Bracha::send_at(int from, int to, Kind kind, int round, std::uint32_t payload, SimTime at) {
  MessageHeader h;
  h.from = from;
  h.to = to;
  h.phase = static_cast<std::uint8_t>(message_index(kind));
  h.round = round;
  h.value = vote_of_bit(bit_of(value_of(payload)));
  h.broadcast = true;
  h.offered = agents_[static_cast<std::size_t>(from)].scripted;
  send_path_.send(
      env_.network, h, env_.simulator.now(), at, [&](const Transmission& t, SimTime arrival) {
        ++messages_by_kind_[static_cast<std::size_t>(message_index(kind))];
        const MessageHeader& sent = t.sent;
        const int value = (value_of(payload) & 2) | bit_of_vote(sent.value);
        const std::uint32_t carried = pack(from, origin_of(payload), step_of(payload), value);
        if (env_.trace)
          trace_message(arrival == Network::kLost ? "lost" : "send", from, to, kind, sent.round,
                        carried, arrival, t.tamper ? &t : nullptr);
        if (arrival != Network::kLost)
          env_.simulator.schedule_at(arrival, static_cast<std::uint32_t>(to), kind,
                                     static_cast<std::uint16_t>(sent.round), carried);
      });
}

// To every other agent (a late agent holds the whole broadcast by one draw), and to itself at
// once without the network: an agent counts its own INITIAL, ECHO and READY like anyone's.
void Bracha::broadcast(int from, Kind kind, int round, int origin, int step, int value) {
  const Agent& a = agents_[static_cast<std::size_t>(from)];
  const SimTime now = env_.simulator.now();
  const SimTime at = a.hooks.hold ? saturating_add(now, sample(*a.hooks.hold, *env_.rng)) : now;
  const std::uint32_t payload = pack(from, origin, step, value);
  for (int to = 0; to < config_.n; ++to)
    if (to != from) send_at(from, to, kind, round, payload, at);
  if (a.follows)
    env_.simulator.schedule_at(now, static_cast<std::uint32_t>(from), kind,
                               static_cast<std::uint16_t>(round), payload);
}

// Links are authenticated and nothing is signed: an agent can send any value under its own name
// (an INITIAL names its sender as origin, so it is about the sender's own instance). A round
// outside 1..max_rounds belongs to no run and is never sent.
bool Bracha::can_send(const void* self, const Transmission& copy) {
  const Bracha& p = *static_cast<const Bracha*>(self);
  return copy.sent.round >= 1 && copy.sent.round <= p.config_.max_rounds;
}

// A receiver counts each sender once per (instance, kind): a second copy from an adversarial
// sender (a mutated round that repeats one it also sent) is ignored. Honest senders never
// repeat, so only their lookups are skipped. Feeds the inbox of reactive strategies.
bool Bracha::first_delivery(const Event& event) {
  const int from = sender_of(event.payload);
  const int to = static_cast<int>(event.target);
  MessageHeader h;
  h.from = from;
  h.to = to;
  h.phase = static_cast<std::uint8_t>(message_index(event.kind));
  h.round = event.round;
  h.value = vote_of_bit(bit_of(value_of(event.payload)));
  send_path_.received(h);
  if (!send_path_.adversarial(from)) return true;
  // receiver 12 bits, sender 12, origin 12, kind 2, round * 3 + step 26.
  const std::uint64_t key =
      (static_cast<std::uint64_t>(to) << 52) | (static_cast<std::uint64_t>(from) << 40) |
      (static_cast<std::uint64_t>(origin_of(event.payload)) << 28) |
      (static_cast<std::uint64_t>(event.kind & 3) << 26) |
      static_cast<std::uint64_t>(event.round * kSteps + step_of(event.payload));
  return seen_.insert(key);
}

void Bracha::trace(const char* kind, int from, int to, const std::string& detail) const {
  env_.trace->record(TraceRecord{env_.simulator.now(), kind, from, to, detail});
}

// A message in the generic fields every trace format reads; `arrival` only for sends.
void Bracha::trace_message(const char* what, int from, int to, Kind kind, int round,
                           std::uint32_t payload, SimTime arrival,
                           const Transmission* tampered) const {
  std::string detail = "step ";
  detail += std::to_string(step_of(payload) + 1);
  detail += " of agent ";
  detail += std::to_string(origin_of(payload));
  TraceRecord r{env_.simulator.now(), what, from, to, std::move(detail)};
  // The instance in the name ("ECHO s2/a5": step 2 of agent 5's broadcast): trace formats tell
  // messages apart by name and round, and each instance carries its own value.
  r.message = message_name(kind);
  r.message += " s";
  r.message += std::to_string(step_of(payload) + 1);
  if (kind != kInitial) {
    r.message += "/a";
    r.message += std::to_string(origin_of(payload));
  }
  r.value = value_name(value_of(payload));
  r.round = round;
  add_delivery_fields(r, arrival, tampered,
                      tampered && tampered->original != Vote::none
                          ? value_name((value_of(payload) & 2) | bit_of_vote(tampered->original))
                          : nullptr);
  env_.trace->record(std::move(r));
}

void Bracha::report_bug(const std::string& what) const {
  report_protocol_bug(env_, *scenario_, what);
}

Bracha::RoundTables& Bracha::tables(int round) {
  // Rounds stay within 1..max_rounds (Bracha::can_send), so rounds_ never outgrows its reserve.
  const auto index = static_cast<std::size_t>(round - 1);
  if (index >= rounds_.size()) rounds_.resize(index + 1);
  RoundTables& t = rounds_[index];
  if (t.instances.empty()) {
    const auto n = static_cast<std::size_t>(config_.n);
    t.instances.assign(n * kSteps * n, Instance{});
    t.books.resize(n * kSteps);
  }
  if (round > rounds_used_) rounds_used_ = round;
  return t;
}

Bracha::Instance& Bracha::instance(int agent, int round, int step, int origin) {
  const auto n = static_cast<std::size_t>(config_.n);
  return tables(round)
      .instances[(static_cast<std::size_t>(agent) * kSteps + static_cast<std::size_t>(step)) * n +
                 static_cast<std::size_t>(origin)];
}

Bracha::StepBook& Bracha::book(int agent, int round, int step) {
  return tables(round)
      .books[static_cast<std::size_t>(agent) * kSteps + static_cast<std::size_t>(step)];
}

TrialResult Bracha::finish(StopReason) const {
  TrialResult result;
  result.rounds = static_cast<std::uint16_t>(rounds_started_);
  result.messages = env_.network.messages_sent();
  result.corrupted = static_cast<std::uint32_t>(env_.population.corrupted_count());
  result.counters[kHonest] = static_cast<std::uint64_t>(checker_.honest());
  result.counters[kHonestDecided] = static_cast<std::uint64_t>(checker_.honest_decided());
  result.counters[kCoinFlips] = coin_flips_;
  result.counters[kRoundLimit] = round_limit_hit_;
  for (int k = 0; k < kMessageKinds; ++k)
    result.counters[kFirstMessageCounter + k] = messages_by_kind_[static_cast<std::size_t>(k)];
  result.invalid_decision = checker_.invalid_decision();
  result.safety_violation = checker_.bug();
  // Rounds to decide: the round by which every honest agent had decided.
  if (checker_.honest() > 0 && checker_.honest_decided() == checker_.honest()) {
    const int round = checker_.last_decision_round();
    result.counters[kDecideRoundSum] = static_cast<std::uint64_t>(round);
    result.counters[kFirstRoundBucket + round_bucket(round)] = 1;
  }
  if (checker_.disagreement()) {
    result.outcome = Outcome::disagreement;
  } else if (checker_.decision_bit() < 0) {
    result.outcome = Outcome::no_consensus;
  } else {
    result.outcome = vote_of_bit(checker_.decision_bit()) == env_.population.correct_vote()
                         ? Outcome::correct
                         : Outcome::wrong;
    result.latency_ns = checker_.first_decision_at();
  }
  if (env_.trace) {
    std::string counts;
    for (int k = 0; k < kMessageKinds; ++k)
      counts += std::string(k ? ", " : "") + message_name(kInitial + k) + " " +
                std::to_string(messages_by_kind_[static_cast<std::size_t>(k)]);
    trace("summary", -1, -1,
          "messages: " + counts +
              "; honest agents decided: " + std::to_string(checker_.honest_decided()) + " of " +
              std::to_string(checker_.honest()) + "; coin flips: " + std::to_string(coin_flips_));
  }
  return result;
}

}  // namespace byzsim
