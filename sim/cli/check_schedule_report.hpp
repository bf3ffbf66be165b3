// What `byzsim check --twins/--random` prints and writes: the header (protocol, mode, bounds,
// the size of the space and how it is walked), the results (explored, covered or sampled,
// violations by property, speed, the first witnesses as `byzsim trace` commands) and the
// one-row CSV of -o (docs/check.md lists its columns).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/check_replay.hpp"
#include "sim/core/time.hpp"
#include "sim/search/schedule_search.hpp"

namespace byzsim::cli {

// What one check searched, for the report and the CSV row.
struct ScheduleCheck {
  std::string scenario_name;
  std::string_view protocol;
  std::string_view unsafe;  // the planted bug, or empty
  int n = 0;
  int f = 0;
  bool twins = true;  // else random
  int rounds = 0;
  int partitions = 0;
  int process_faults = 0;      // random mode
  int network_faults = 0;      // random mode
  std::vector<int> byzantine;  // the twinned (or mutating) agents
  std::uint64_t choices_per_view = 0;
  std::uint64_t partitions_per_view = 0;
  std::uint64_t space = 0;  // the Twins space's size (kSaturated: beyond 2^64); 0 in random mode
  bool sampled = false;     // a sample of `scenarios` rather than the whole space
  std::uint64_t scenarios = 0;  // what the search walks: the space, or the sample
  std::uint64_t seed = 0;
  SimTime cut_delay = 0;  // the scenario's schedule cut_delay: 0, cut messages are lost
};

void print_check_header(std::ostream& out, const ScheduleCheck& check);

// The witnesses' replay commands run trial 0 of point 0 with the witness's schedule.
void print_check_results(std::ostream& out, const ScheduleCheck& check,
                         const search::SearchResult& result, double seconds, std::size_t witnesses,
                         const Replay& replay);

// The CSV (header and one row) of -o.
std::string check_csv(const ScheduleCheck& check, const search::SearchResult& result,
                      double seconds);

}  // namespace byzsim::cli
