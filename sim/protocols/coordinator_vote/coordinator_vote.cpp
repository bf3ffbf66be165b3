// CoordinatorVote: the round structure of docs/model.md, one handler per event kind.
#include "sim/protocols/coordinator_vote/coordinator_vote.hpp"

#include <string>

#include "sim/protocols/common/collusion.hpp"

namespace byzsim {

namespace {
const char* vote_name(Vote v) {
  return v == Vote::approve ? "APPROVE" : v == Vote::reject ? "REJECT" : "none";
}
}  // namespace

void CoordinatorVote::prepare(const Scenario& scenario) {
  scenario_ = &scenario;
  rule_ = DecisionRule::from(scenario.protocol, majority_);
  n_ = scenario.n();
  coordinator_ = n_;
  send_path_.configure(scenario, kPhases);
}

void CoordinatorVote::trace(const char* kind, int from, int to, std::string detail) const {
  env_.trace->record(TraceRecord{env_.simulator.now(), kind, from, to, std::move(detail)});
}

// A message event in the generic fields the trace formats read (arrival: send records only).
void CoordinatorVote::trace_message(const char* kind, int from, int to, const char* message,
                                    const char* value, SimTime arrival,
                                    const char* adversary) const {
  TraceRecord r{env_.simulator.now(), kind, from, to, ""};
  if (adversary) r.adversary = adversary;
  r.message = message;
  r.value = value;
  r.round = round_;
  if (arrival != Network::kLost) r.arrive_at = arrival;
  env_.trace->record(std::move(r));
}

void CoordinatorVote::start() {
  round_ = 0;
  decision_ = Decision::none;
  decision_time_ = 0;
  first_honest_commit_ = Decision::none;
  disagreement_ = false;
  send_path_.start_trial(env_.population, *env_.rng, env_.trace);
  start_round(0);
}

void CoordinatorVote::start_round(SimTime at) {
  ++round_;
  round_open_ = true;
  approvals_ = rejections_ = received_ = 0;
  Rng& rng = *env_.rng;
  env_.population.draw_round(round_, scenario_->protocol.rejudge, rng);
  plan_collusion(env_.population, rule_);
  if (env_.trace) trace("round", coordinator_, -1, "round " + std::to_string(round_) + " starts");
  const auto round = static_cast<std::uint16_t>(round_);
  for (int i = 0; i < n_; ++i) {
    const SimTime arrival = env_.network.send(rng, at, coordinator_, i);
    if (env_.trace)
      trace_message(arrival == Network::kLost ? "lost" : "send", coordinator_, i, "PROPOSAL", "",
                    arrival);
    if (arrival != Network::kLost)
      env_.simulator.schedule_at(arrival, static_cast<std::uint32_t>(i), kProposal, round, 0);
  }
  env_.simulator.schedule_at(saturating_add(at, scenario_->protocol.round_timeout_ns),
                             static_cast<std::uint32_t>(coordinator_), kTimeout, round, 0);
}

void CoordinatorVote::on_event(const Event& event) {
  const int target = static_cast<int>(event.target);
  switch (event.kind) {
    case kProposal:
      on_proposal(target, event.round);
      break;
    case kVoteSend:
      send_vote(target, event.round);
      break;
    case kVote:
      on_vote(event.payload, event.round);
      break;
    case kTimeout:
      if (event.round == round_ && round_open_) {
        if (env_.trace) trace("timeout", coordinator_, -1, "round " + std::to_string(round_));
        close_round();
      }
      break;
    case kDecision:
      on_decision(target);
      break;
  }
}

// A proposal of a round that has already ended is ignored: its vote could not count.
void CoordinatorVote::on_proposal(int agent, int round) {
  const AgentState& state = env_.population[agent];
  if (env_.trace) trace_message("deliver", coordinator_, agent, "PROPOSAL", "", Network::kLost);
  if (round != round_ || !round_open_ || state.crashed_by(env_.simulator.now())) return;
  if (state.vote == Vote::none) {
    if (env_.trace) trace("silent", agent, -1, "strategy " + std::string(state.strategy().name));
    return;
  }
  // Think time is the reviewer's own (its group's), also when it is corrupted.
  const SimTime think = sample(scenario_->agents[state.group].think_time, *env_.rng);
  if (think == 0) {
    send_vote(agent, round);
  } else {
    env_.simulator.schedule_at(saturating_add(env_.simulator.now(), think),
                               static_cast<std::uint32_t>(agent), kVoteSend,
                               static_cast<std::uint16_t>(round), 0);
  }
}

void CoordinatorVote::send_vote(int agent, int round) {
  const AgentState& state = env_.population[agent];
  const SimTime now = env_.simulator.now();
  if (state.crashed_by(now)) {
    if (env_.trace) trace("crash", agent, -1, "crashed before voting");
    return;
  }
  if (round != round_ || !round_open_) return;  // the round ended while it was thinking
  // The coordinator protocols have no hold-back: strategies with one need peer messages.
  MessageHeader h;
  h.from = agent;
  h.to = coordinator_;
  h.phase = 1;  // vote
  h.round = round;
  h.value = state.vote;
  send_path_.send(env_.network, h, now, now, [&](const Transmission& t, SimTime arrival) {
    if (env_.trace)
      trace_message(arrival == Network::kLost ? "lost" : "send", agent, coordinator_, "VOTE",
                    vote_name(t.sent.value), arrival, t.tamper);
    if (arrival != Network::kLost)
      env_.simulator.schedule_at(
          arrival, static_cast<std::uint32_t>(coordinator_), kVote,
          static_cast<std::uint16_t>(round),
          static_cast<std::uint32_t>(agent) << 2 | static_cast<std::uint32_t>(t.sent.value));
  });
}

// The payload carries the sender and the value as sent (its strategy may have changed it).
void CoordinatorVote::on_vote(std::uint32_t payload, int round) {
  const auto agent = static_cast<int>(payload >> 2);
  const auto vote = static_cast<Vote>(payload & 3);
  if (round != round_ || !round_open_) {
    if (env_.trace) {  // delivered, then ignored: a vote of a closed round
      TraceRecord r{env_.simulator.now(), "deliver", agent, coordinator_, "late: ignored"};
      r.message = "VOTE";
      r.value = vote_name(vote);
      r.round = round;
      env_.trace->record(std::move(r));
    }
    return;
  }
  approvals_ += vote == Vote::approve;
  rejections_ += vote == Vote::reject;
  ++received_;
  if (env_.trace)
    trace_message("deliver", agent, coordinator_, "VOTE", vote_name(vote), Network::kLost);
  if (received_ == n_) close_round();
}

void CoordinatorVote::close_round() {
  round_open_ = false;
  const Decision d = rule_.decide(approvals_, rejections_);
  if (env_.trace) {
    TraceRecord r{env_.simulator.now(), "decide", coordinator_, -1,
                  "approve " + std::to_string(approvals_) + ", reject " +
                      std::to_string(rejections_) + ", received " + std::to_string(received_)};
    r.value = to_string(d);
    r.round = round_;
    env_.trace->record(std::move(r));
  }
  const SimTime now = env_.simulator.now();
  if (d == Decision::none) {
    if (round_ < scenario_->protocol.max_rounds) start_round(now);
    return;
  }
  decision_ = d;
  decision_time_ = now;
  for (int i = 0; i < n_; ++i) {
    const SimTime arrival = env_.network.send(*env_.rng, now, coordinator_, i);
    if (env_.trace)
      trace_message(arrival == Network::kLost ? "lost" : "send", coordinator_, i, "DECISION",
                    to_string(d), arrival);
    if (arrival != Network::kLost)
      env_.simulator.schedule_at(arrival, static_cast<std::uint32_t>(i), kDecision, 0, 0);
  }
}

// Agents that have not crashed commit what the coordinator broadcast. With one trusted
// sender honest commits cannot differ; the check is the same as for every protocol.
void CoordinatorVote::on_decision(int agent) {
  const AgentState& state = env_.population[agent];
  if (env_.trace)
    trace_message("deliver", coordinator_, agent, "DECISION", to_string(decision_), Network::kLost);
  if (state.crashed_by(env_.simulator.now())) return;
  if (env_.trace) {
    TraceRecord r{env_.simulator.now(), "commit", agent, -1, ""};
    r.value = to_string(decision_);
    r.round = round_;
    env_.trace->record(std::move(r));
  }
  if (state.role() != Role::honest) return;
  if (first_honest_commit_ == Decision::none)
    first_honest_commit_ = decision_;
  else if (first_honest_commit_ != decision_)
    disagreement_ = true;
}

TrialResult CoordinatorVote::finish(StopReason) const {
  TrialResult result;
  result.rounds = static_cast<std::uint16_t>(round_);
  result.messages = env_.network.messages_sent();
  result.corrupted = static_cast<std::uint32_t>(env_.population.corrupted_count());
  if (disagreement_) {
    result.outcome = Outcome::disagreement;
  } else if (decision_ == Decision::none) {
    result.outcome = Outcome::no_consensus;
  } else {
    const bool approve_is_correct = env_.population.truth_good();
    result.outcome =
        (decision_ == Decision::approve) == approve_is_correct ? Outcome::correct : Outcome::wrong;
    result.latency_ns = decision_time_;
  }
  return result;
}

}  // namespace byzsim
