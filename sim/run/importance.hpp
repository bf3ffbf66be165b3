// Importance sampling of rare outcomes (docs/rare-events.md): the tilt of a point, chosen by a
// cross-entropy pilot (or given in the scenario), and trials tallied with their likelihood
// ratios. run_batch calls both for points whose estimator is importance; trace replays with
// the same tilt.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/agents/tilt_layout.hpp"
#include "sim/core/tally.hpp"
#include "sim/model/scenario.hpp"
#include "sim/run/batch.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {

// Pilot trials use the trial indices from here on (never a main trial's: those are below
// 1e12), so the pilot is part of the point's reproducible stream and independent of it.
inline constexpr std::uint64_t kPilotTrialBase = std::uint64_t{1} << 62;

// The tilt of one importance point: the scenario's given tilt, or the cross-entropy pilot's
// (deterministic: serial, on its own trial streams).
TiltParams choose_tilt(const Scenario& scenario, std::uint64_t point);

// Per job: its tilt, or null for plain jobs; the pilots of several points run on up to
// `threads` threads (the result does not depend on it).
// Empty when no job is importance-sampled (plain runs keep nothing per job).
std::vector<std::unique_ptr<const TiltParams>> choose_tilts(const JobSource& jobs, int threads);

// Trials [first, first + count) of a runner prepared with `tilt`, tallied with their weights.
void run_weighted_trials(TrialRunner& runner, std::uint64_t first, std::uint64_t count,
                         const TiltParams& tilt, Tally& tally);

}  // namespace byzsim
