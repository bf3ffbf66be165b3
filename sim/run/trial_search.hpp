// Finds the first trials of one sweep point whose result satisfies a predicate (`byzsim trace
// --find`), on worker threads; the answer depends only on (scenario, point), never on threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/outcome.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

struct TrialSearch {
  std::uint64_t limit = 1;                  // how many matches to find
  int threads = 0;                          // 0 = all cores
  std::uint64_t block_trials = 256;         // trials a worker takes at a time
  const std::atomic<bool>* stop = nullptr;  // set: give up early (SIGINT)
};

struct TrialSearchResult {
  std::vector<std::uint64_t> trials;  // the first `limit` matches, ascending
  std::uint64_t searched = 0;         // trials [0, searched) were all examined
  bool stopped = false;               // interrupted before the search could finish
};

// Runs trials 0, 1, ... of `scenario` at sweep index `point` (the streams `run` uses) until
// `limit` matches are known to be the first ones, or the point's trials are exhausted.
TrialSearchResult find_trials(const Scenario& scenario, std::uint64_t point,
                              const std::function<bool(const TrialResult&)>& matches,
                              const TrialSearch& options);

}  // namespace byzsim
