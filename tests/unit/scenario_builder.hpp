// Scenarios built in code for engine tests, independent of the JSON loader.
#pragma once

#include "sim/agents/strategy.hpp"
#include "sim/model/scenario.hpp"
#include "sim/protocols/registry.hpp"

namespace byzsim::testing {

inline AgentGroup honest(int count, double accuracy = 1.0) {
  AgentGroup g;
  g.role = Role::honest;
  g.strategy = builtin_strategy("judge");
  g.count = count;
  g.accuracy = accuracy;
  return g;
}

inline AgentGroup with_strategy(Role role, const StrategySpec* strategy, int count) {
  AgentGroup g;
  g.role = role;
  g.strategy = strategy;
  g.count = count;
  return g;
}

inline AgentGroup fixed(Role role, Vote vote, int count) {
  AgentGroup g = with_strategy(role, builtin_strategy("fixed"), count);
  g.fixed_vote = vote;
  return g;
}

// A coordinator-vote scenario with the contract's defaults resolved (f, quorums).
inline Scenario coordinator(std::vector<AgentGroup> agents, Truth::Kind truth = Truth::Kind::good) {
  Scenario s;
  s.name = "test";
  s.agents = std::move(agents);
  s.truth.kind = truth;
  const int n = s.n();
  s.protocol.f = (n - 1) / 3;
  s.protocol.approve_quorum = n - s.protocol.f;
  s.protocol.reject_quorum = s.protocol.f + 1;
  s.trials = 1000;
  return s;
}

inline Scenario with_f(Scenario s, int f) {
  s.protocol.f = f;
  s.protocol.approve_quorum = s.n() - f;
  s.protocol.reject_quorum = f + 1;
  return s;
}

}  // namespace byzsim::testing
