// Runs every trial of one scenario point through run_batch and returns its tally: the helper
// tests use to measure a scenario without the command line.
#pragma once

#include <vector>

#include <catch2/catch.hpp>

#include "sim/core/tally.hpp"
#include "sim/run/batch.hpp"

namespace byzsim::testing {

inline Tally run_point(const Scenario& s, int threads = 2) {
  std::vector<PointJob> jobs{PointJob{&s, 0, s.trials}};
  Tally out;
  BatchOptions options;
  options.threads = threads;
  options.on_job_done = [&](std::size_t, const Tally& t) { out = t; };
  REQUIRE(run_batch(jobs, options));
  return out;
}

}  // namespace byzsim::testing
