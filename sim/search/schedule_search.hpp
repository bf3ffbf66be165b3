// Runs the scenarios of a ScenarioSource, each as trial 0 of point 0 of the scenario with the
// source's schedule set into it, over worker threads that take whole blocks; the blocks'
// results are merged in block order, so counts and witnesses (the violations of the lowest
// scenario numbers) are the same on any thread count. A scenario violates safety when its
// trial reports a broken property (TrialResult::broken) or a disagreement among honest agents.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/outcome.hpp"
#include "sim/model/scenario.hpp"
#include "sim/search/scenario_source.hpp"

namespace byzsim::search {

// The safety properties a trial broke: TrialResult::broken, plus agreement for a disagreement
// outcome (the same property, for protocols that report it only as an outcome).
std::uint8_t broken_properties(const TrialResult& result);

struct Witness {
  std::uint64_t scenario = 0;  // its number in the source
  std::uint8_t broken = 0;     // kBroken* bits
  Schedule schedule;
};

struct SearchOptions {
  int threads = 1;
  std::size_t witnesses = 3;  // how many of the first violations to keep
  const std::atomic<bool>* stop = nullptr;
  // Called on the calling thread about every `progress_interval` seconds with the scenarios
  // covered so far.
  std::function<void(std::uint64_t covered)> on_progress;
  double progress_interval = 0.2;
};

struct SearchResult {
  std::uint64_t explored = 0;    // trials run
  std::uint64_t covered = 0;     // scenarios decided: run, or sharing a run's trial
  std::uint64_t violations = 0;  // covered scenarios that break a property
  std::uint64_t agreement = 0;   // ... by property (a scenario may break several)
  std::uint64_t validity = 0;
  std::uint64_t no_quorum = 0;
  std::vector<Witness> witnesses;       // the lowest-numbered violations, in order
  double first_violation_seconds = -1;  // when a worker first found one; -1: none
  bool complete = true;                 // false: stopped before the end
};

SearchResult run_search(const Scenario& scenario, const ScenarioSource& source,
                        const SearchOptions& options);

}  // namespace byzsim::search
