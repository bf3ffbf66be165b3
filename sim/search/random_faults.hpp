// ByzzFuzz-style random scenarios for `byzsim check --random` (docs/check.md): each draws
// `process_faults` process faults (as ByzzFuzz's: a Byzantine agent that runs the protocol
// flips the value of every message it sends in one view to a random non-empty subset of the
// other agents, so it equivocates for that view) and `network_faults` partitioned views
// (the n agents split into at most `max_groups` groups for that view), all within the first
// `views` views; duplicates merge, so these are upper bounds. A scenario's draws come from
// (seed, scenario index) alone, so it is the same whatever thread runs it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/search/scenario_source.hpp"

namespace byzsim::search {

struct FaultBounds {
  int views = 4;
  int process_faults = 1;
  int network_faults = 2;
  int max_groups = 2;
};

class RandomFaults : public ScenarioSource {
 public:
  // mutators: the agents that may mutate (non-honest, running the protocol's code); phases:
  // the protocol's phase table.
  RandomFaults(int n, std::vector<int> mutators, std::vector<std::string_view> phases,
               FaultBounds bounds, std::uint64_t seed, std::uint64_t scenarios);
  std::uint64_t count() const override { return scenarios_; }
  std::uint64_t block_size() const override {
    return std::max<std::uint64_t>(1024, bounded_block_size(scenarios_, 1));
  }
  void schedule(std::uint64_t index, Schedule& out) const override;

 private:
  int n_;
  std::vector<int> mutators_;
  std::vector<std::string_view> phases_;
  FaultBounds bounds_;
  std::uint64_t seed_;
  std::uint64_t scenarios_;
};

}  // namespace byzsim::search
