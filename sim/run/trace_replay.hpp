// Replays one (point, trial) with a trace: the records plus what the formats need to label and
// explain them (TraceRun). Used by `byzsim trace` and the trace tests.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/outcome.hpp"
#include "sim/model/scenario.hpp"
#include "sim/trace/trace.hpp"
#include "sim/trace/trace_run.hpp"

namespace byzsim {

class TrialRunner;

struct ReplayedTrial {
  TraceRun run;
  std::vector<TraceRecord> records;  // at most `cap`; run.dropped_records says how many more
  TrialResult result;
};

// `runner` must have been prepared for (scenario, point); the same trial gives the same records
// and result as `run` counted, on any thread.
ReplayedTrial replay_trial(TrialRunner& runner, std::uint64_t trial,
                           std::size_t cap = kTraceRecordCap);

}  // namespace byzsim
