// The interface every protocol implements, and the trial environment it acts in. A
// protocol is owned by one worker's TrialRunner and reused across trials of a point.
#pragma once

#include "sim/agents/population.hpp"
#include "sim/core/event_queue.hpp"
#include "sim/core/outcome.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/simulator.hpp"
#include "sim/model/scenario.hpp"
#include "sim/net/network.hpp"
#include "sim/trace/trace.hpp"

namespace byzsim {

// What a protocol may touch during a trial. Owned by the TrialRunner.
struct TrialEnv {
  Simulator& simulator;
  Network& network;
  Population& population;
  Rng* rng = nullptr;          // the current trial's stream
  TraceSink* trace = nullptr;  // null unless tracing
  std::uint64_t point = 0;     // the current trial's (point, trial), for reports of bugs
  std::uint64_t trial = 0;
};

class Protocol {
 public:
  virtual ~Protocol() = default;
  // Once per sweep point (sizes per-agent arrays).
  virtual void prepare(const Scenario& scenario) = 0;
  // At t = 0 of a trial, after the population's start_trial: schedule the first events.
  virtual void start() = 0;
  virtual void on_event(const Event& event) = 0;
  // After the simulator stopped: classify the trial (contract section 4).
  virtual TrialResult finish(StopReason stop) const = 0;
};

}  // namespace byzsim
