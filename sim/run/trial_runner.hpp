// Runs trials of one sweep point: owns the reusable trial context (simulator, network,
// population, protocol) of one worker. Not thread-safe: one runner per thread.
#pragma once

#include <cstdint>
#include <memory>

#include "sim/agents/population.hpp"
#include "sim/core/outcome.hpp"
#include "sim/core/simulator.hpp"
#include "sim/model/scenario.hpp"
#include "sim/net/network.hpp"
#include "sim/protocols/common/protocol.hpp"
#include "sim/protocols/common/protocol_spec.hpp"
#include "sim/trace/trace.hpp"

namespace byzsim {

class TrialRunner {
 public:
  TrialRunner();

  // Once per point. `scenario` must outlive the runner's use of it; `point` is the sweep
  // point's index, part of every trial's random stream.
  // `tilt`: importance sampling with this tilt (docs/rare-events.md); null: plain trials.
  void prepare(const Scenario& scenario, std::uint64_t point, const TiltParams* tilt = nullptr);

  // One trial; the same (scenario, point, trial) always gives the same result, traced or not.
  TrialResult run(std::uint64_t trial, TraceSink* trace = nullptr);

  const Scenario* scenario() const { return scenario_; }
  std::uint64_t point() const { return point_; }
  std::uint64_t last_trial_events() const { return simulator_.events_processed(); }
  // The agents of the last trial run (roles after corruption, crash times): for trace headers.
  const Population& population() const { return population_; }
  // Importance sampling: whether trials are tilted, the last trial's log likelihood ratio
  // (nominal law over tilted; 0 when plain) and its tilted draws (for the pilot).
  bool tilted() const { return tilted_; }
  double log_weight() const { return tilted_ ? tilt_draws_.log_weight() : 0.0; }
  const TiltedDraws& tilt_draws() const { return tilt_draws_; }
  const TiltLayout& tilt_layout() const { return tilt_layout_; }

 private:
  Simulator simulator_;
  Network network_;
  Population population_;
  Rng rng_;
  TrialEnv env_;
  std::unique_ptr<Protocol> protocol_;
  const ProtocolSpec* made_by_ = nullptr;  // the spec whose factory made protocol_
  const Scenario* scenario_ = nullptr;
  std::uint64_t point_ = 0;
  SimTime time_limit_ns_ = 0;
  std::uint64_t event_limit_ = 0;
  TiltLayout tilt_layout_;
  TiltedDraws tilt_draws_;
  bool tilted_ = false;
};

// The limits a trial of this scenario runs under (Limits, or derived when 0).
SimTime trial_time_limit_ns(const Scenario& scenario);
std::uint64_t trial_event_limit(const Scenario& scenario);

}  // namespace byzsim
