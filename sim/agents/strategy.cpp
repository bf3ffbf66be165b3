// StrategyTable: lookup by name, duplicate refusal, and the resolution of a group's strategy.
#include "sim/agents/strategy.hpp"

#include <cassert>

namespace byzsim {

const StrategyParameter* StrategySpec::parameter(ParameterKey key) const {
  for (const StrategyParameter& p : parameters)
    if (p.key == key) return &p;
  return nullptr;
}

bool StrategyTable::add(const StrategySpec* spec) {
  assert(spec != nullptr);
  if (find(spec->name) != nullptr) return false;
  rows_.push_back(spec);
  return true;
}

const StrategySpec* StrategyTable::find(std::string_view name) const {
  for (const StrategySpec* spec : rows_)
    if (spec->name == name) return spec;
  return nullptr;
}

const StrategySpec* builtin_strategy(std::string_view name) {
  return StrategyTable::builtin().find(name);
}

const StrategySpec& strategy_of(const AgentGroup& group) {
  if (group.strategy != nullptr) return *group.strategy;
  return *StrategyTable::builtin().default_for(Role::honest);
}

SendHooks send_hooks(const AgentGroup& group) {
  const StrategySpec& spec = strategy_of(group);
  return spec.send_hooks != nullptr ? spec.send_hooks(group) : SendHooks{};
}

}  // namespace byzsim
