// Test helpers for the exact analysis: one agent group, and the exact outcome of a scenario
// the model must support.
#pragma once

#include <catch2/catch.hpp>

#include "analysis/exact/exact.hpp"
#include "sim/scenario/scenario.hpp"

namespace byzsim::testing {

inline AgentGroup group(Role role, Strategy strategy, int count, double accuracy = 1) {
  AgentGroup g;
  g.role = role;
  g.strategy = strategy;
  g.count = count;
  g.accuracy = accuracy;
  return g;
}

inline ExactOutcome exact_or_fail(const Scenario& s) {
  const ExactReport report = compute_exact(s);
  INFO("unsupported: " << report.unsupported_reason);
  REQUIRE(report.outcome.has_value());
  return *report.outcome;
}

}  // namespace byzsim::testing
