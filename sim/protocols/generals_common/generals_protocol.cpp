// GeneralsProtocol: one call runs all rounds (their times are r x round_timeout); the network
// decides per message whether it arrives in time. Outcomes follow contract section 4 over
// the loyal (honest) lieutenants; a loyal commander not obeyed is counted as IC2 broken.
#include "sim/protocols/generals_common/generals_protocol.hpp"

#include "sim/protocols/generals_common/strategy_chooser.hpp"

namespace byzsim::generals {

namespace {
const char* orders_text(Orders o) {
  return o == kApprove  ? "ATTACK(APPROVE)"
         : o == kReject ? "RETREAT(REJECT)"
         : o == kBoth   ? "BOTH"
                        : "none";
}
Orders to_orders(Vote v) {
  return v == Vote::approve ? kApprove : v == Vote::reject ? kReject : kNone;
}
}  // namespace

void GeneralsProtocol::prepare(const Scenario& scenario) {
  const ProtocolConfig& config = scenario.protocol;
  tree_.build(scenario.n(), static_cast<int>(config.integer("commander")),
              static_cast<int>(config.integer("m")));
  algorithm_->prepare(tree_);
  input_.tree = &tree_;
  input_.traitor.assign(static_cast<std::size_t>(scenario.n()), false);
  round_ns_ = config.round_timeout_ns;
  script_ = config.integer("choices");
  signed_ = algorithm_->signed_orders();
  send_path_.configure(scenario, kPhases, &GeneralsProtocol::can_send, this);
}

void GeneralsProtocol::trace(SimTime at, const char* kind, int from, int to,
                             std::string detail) const {
  env_.trace->record(TraceRecord{at, kind, from, to, std::move(detail)});
}

// A lieutenant's decision, its value in the generic field (trace summaries list them).
void GeneralsProtocol::trace_decision(SimTime at, int lieutenant, const std::string& value) const {
  TraceRecord r{at, "decide", lieutenant, -1, value};
  r.value = value;
  env_.trace->record(r);
}

void GeneralsProtocol::start() {
  Population& population = env_.population;
  population.draw_round(1, false, *env_.rng);
  send_path_.start_trial(population, *env_.rng, env_.trace);
  for (int g = 0; g < population.size(); ++g)
    input_.traitor[static_cast<std::size_t>(g)] = population[g].role() == Role::malicious;
  input_.order = to_orders(population[tree_.commander()].vote);
  if (env_.trace)
    trace(0, "round", tree_.commander(), -1,
          std::string("commander ") + std::to_string(tree_.commander()) +
              (input_.traitor[static_cast<std::size_t>(tree_.commander())]
                   ? " is a traitor"
                   : std::string(" orders ") + orders_text(input_.order)));
  if (script_ >= 0) {
    ScriptedChooser chooser(static_cast<std::uint64_t>(script_));
    algorithm_->run(input_, *this, chooser);
  } else {
    StrategyChooser chooser(population, *env_.rng, send_path_);
    algorithm_->run(input_, *this, chooser);
  }
  if (env_.trace)
    for (int g = 0; g < population.size(); ++g)
      if (g != tree_.commander())
        trace_decision(static_cast<SimTime>(tree_.m() + 1) * round_ns_, g,
                       orders_text(algorithm_->decision(g)));
}

bool GeneralsProtocol::deliver(int round, int from, int to, Orders& orders) {
  const AgentState& sender = env_.population[from];
  SimTime sent = static_cast<SimTime>(round) * round_ns_;
  if (sender.crashed_by(sent)) return false;
  sent = send_path_.hold(from, sent);
  const SimTime deadline = static_cast<SimTime>(round + 1) * round_ns_;
  MessageHeader h;
  h.from = from;
  h.to = to;
  h.round = round;
  h.value = orders == kApprove ? Vote::approve : orders == kReject ? Vote::reject : Vote::none;
  h.broadcast = true;
  allowed_ = signed_ ? orders : kBoth;
  const Orders written = orders;
  Orders arrived = kNone;
  bool any = false;
  send_path_.send(env_.network, h, sent, sent, [&](const Transmission& t, SimTime arrival) {
    const bool delivered = arrival != Network::kLost && arrival <= deadline;
    const Orders carried = t.sent.value == Vote::none ? written : to_orders(t.sent.value);
    if (delivered) {
      arrived |= carried;
      any = true;
    }
    if (!env_.trace) return;
    // The generic message fields (sim/trace/trace.hpp), so every format draws the order as an
    // arrow from its send to its delivery; a late or lost one has no delivery.
    TraceRecord send{t.at, delivered ? "send" : (arrival == Network::kLost ? "lost" : "late"), from,
                     to};
    send.message = "ORDER";
    send.value = orders_text(carried);
    send.round = round;
    send.arrive_at = delivered ? arrival : -1;
    if (t.tamper) {
      send.adversary = t.tamper;
      send.original = orders_text(written);
    }
    env_.trace->record(send);
    if (delivered) {
      TraceRecord received = send;
      received.at = arrival;
      received.kind = "deliver";
      received.arrive_at = -1;
      env_.trace->record(received);
    }
  });
  if (any) orders = arrived;
  return any;
}

bool GeneralsProtocol::can_send(const void* self, const Transmission& copy) {
  const auto& p = *static_cast<const GeneralsProtocol*>(self);
  if (copy.sent.round != copy.original_round) return false;
  if (copy.sent.offered) return true;  // the chooser keeps what the traitor can sign
  return (to_orders(copy.sent.value) & ~p.allowed_) == 0;
}

TrialResult GeneralsProtocol::finish(StopReason) const {
  const Population& population = env_.population;
  TrialResult result;
  result.rounds = static_cast<std::uint16_t>(tree_.m() + 1);
  result.messages = env_.network.messages_sent();
  result.corrupted = static_cast<std::uint32_t>(population.corrupted_count());
  const int commander = tree_.commander();
  const bool loyal_commander = population[commander].role() == Role::honest;
  Orders common = kNone;
  bool split = false, ic2 = false;
  for (int g = 0; g < population.size(); ++g) {
    if (g == commander || population[g].role() != Role::honest) continue;
    const Orders d = algorithm_->decision(g);
    if (common == kNone) common = d;
    split = split || d != common;
    ic2 = ic2 || (loyal_commander && d != input_.order);
  }
  result.counters[kIc2Violated] = ic2 ? 1 : 0;
  if (split) {
    result.outcome = Outcome::disagreement;
  } else if (common == kNone) {
    result.outcome = Outcome::no_consensus;
  } else {
    const bool approve = common == kApprove;
    result.outcome = approve == population.truth_good() ? Outcome::correct : Outcome::wrong;
    result.latency_ns = static_cast<SimTime>(tree_.m() + 1) * round_ns_;
  }
  return result;
}

}  // namespace byzsim::generals
