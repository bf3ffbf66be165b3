// Test helpers for the exact analysis: one agent group, and the exact outcome of a scenario
// the model must support.
#pragma once

#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "analysis/exact/exact.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/model/scenario.hpp"
#include "sim/protocols/registry.hpp"

namespace byzsim::testing {

inline AgentGroup group(Role role, const StrategySpec* strategy, int count, double accuracy = 1) {
  AgentGroup g;
  g.role = role;
  g.strategy = strategy;
  g.count = count;
  g.accuracy = accuracy;
  return g;
}

// A coordinator-style scenario with the contract's defaults: f = floor((n-1)/3) unless
// given, approve quorum n - f, reject quorum f + 1.
inline Scenario base_scenario(std::string_view type, std::vector<AgentGroup> agents, int f = -1) {
  Scenario s;
  use_protocol(s.protocol, builtin_protocol(type));
  s.agents = std::move(agents);
  const int n = s.n();
  s.protocol.f = f >= 0 ? f : (n - 1) / 3;
  s.protocol.approve_quorum = n - s.protocol.f;
  s.protocol.reject_quorum = s.protocol.f + 1;
  return s;
}

// compute_exact with the rule of the scenario's protocol (its spec's `exact`), as byzsim exact
// and plan call it; the protocol must have one.
inline ExactReport exact_report(const Scenario& s) {
  const std::optional<ExactRule> rule = spec_of(s.protocol).exact;
  REQUIRE(rule.has_value());
  return compute_exact(s, *rule);
}

inline ExactOutcome exact_or_fail(const Scenario& s) {
  const ExactReport report = exact_report(s);
  INFO("unsupported: " << report.unsupported_reason);
  REQUIRE(report.outcome.has_value());
  return *report.outcome;
}

}  // namespace byzsim::testing
