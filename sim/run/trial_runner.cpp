// TrialRunner: the order of one trial's draws is truth, then agents, then the protocol.
#include "sim/run/trial_runner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/protocols/registry.hpp"

namespace byzsim {

SimTime trial_time_limit_ns(const Scenario& scenario) {
  if (scenario.limits.time_ns > 0) return scenario.limits.time_ns;
  return spec_of(scenario.protocol).time_limit_ns(scenario);
}

std::uint64_t trial_event_limit(const Scenario& scenario) {
  if (scenario.limits.events > 0) return scenario.limits.events;
  return spec_of(scenario.protocol).event_limit(scenario);
}

TrialRunner::TrialRunner()
    : rng_(Rng::for_trial(0, 0, 0)), env_{simulator_, network_, population_, &rng_, nullptr} {}

void TrialRunner::prepare(const Scenario& scenario, std::uint64_t point, const TiltParams* tilt) {
  scenario_ = &scenario;
  point_ = point;
  const ProtocolSpec& spec = spec_of(scenario.protocol);
  // Reused across points of one protocol: a sweep of tiny points must not allocate per point.
  if (made_by_ != &spec) {
    protocol_ = spec.make(env_);
    made_by_ = &spec;
  }
  protocol_->prepare(scenario);
  population_.prepare(scenario);
  network_.configure(scenario.network, scenario.n());
  time_limit_ns_ = trial_time_limit_ns(scenario);
  event_limit_ = trial_event_limit(scenario);
  simulator_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(event_limit_, 1 << 20)));
  tilted_ = tilt != nullptr;
  if (tilted_) {
    tilt_layout_ = byzsim::tilt_layout(scenario);
    tilt_draws_.configure(tilt_layout_.nominal(), tilt->q, tilt_layout_.count_p, tilt->count_q);
    population_.set_tilt(&tilt_draws_, &tilt_layout_);
  }
  network_.set_drop_tilt(tilted_ && tilt_layout_.drop >= 0 ? &tilt_draws_ : nullptr,
                         tilted_ ? tilt_layout_.drop : -1);
}

TrialResult TrialRunner::run(std::uint64_t trial, TraceSink* trace) {
  rng_ = Rng::for_trial(scenario_->seed, point_, trial);
  env_.trace = trace;
  env_.point = point_;
  env_.trial = trial;
  simulator_.reset(time_limit_ns_, event_limit_);
  network_.reset();
  if (tilted_) tilt_draws_.start_trial();
  const Truth& truth = scenario_->truth;
  const bool good = truth.kind == Truth::Kind::good  ? true
                    : truth.kind == Truth::Kind::bad ? false
                                                     : rng_.bernoulli(truth.p_good);
  if (trace)
    trace->record(TraceRecord{
        0, "truth", -1, -1,
        good ? "proposal is good (correct: APPROVE)" : "proposal is bad (correct: REJECT)"});
  population_.start_trial(rng_, good);
  if (trace)
    for (int i = 0; i < population_.size(); ++i)
      if (population_[i].corrupted)
        trace->record(TraceRecord{0, "corrupt", i, -1,
                                  std::string("behaves as ") + to_string(population_[i].role()) +
                                      " " + std::string(population_[i].strategy().name)});
  protocol_->start();
  const StopReason stop = simulator_.run(*protocol_);
  if (trace && stop != StopReason::drained)
    trace->record(
        TraceRecord{simulator_.now(), "limit", -1, -1,
                    stop == StopReason::time_limit ? "time limit reached" : "event limit reached"});
  TrialResult result = protocol_->finish(stop);
  if (trace && tilted_) {
    char text[160];
    std::snprintf(text, sizeof text,
                  "importance sampling: likelihood ratio w = %.6g (log w = %.6g); the trial "
                  "counts w, not 1, in its row's rates",
                  std::exp(tilt_draws_.log_weight()), tilt_draws_.log_weight());
    trace->record(TraceRecord{simulator_.now(), "weight", -1, -1, text});
  }
  result.trial = trial;
  for (const Role role : {Role::honest, Role::malicious, Role::faulty})
    result.behaved[static_cast<int>(role)] =
        static_cast<std::uint32_t>(population_.behaving_as(role));
  return result;
}

}  // namespace byzsim
