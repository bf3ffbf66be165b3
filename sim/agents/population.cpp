// Population: corruption, crash times, judgements and votes (docs/model.md, "Set-up" and
// "One round"). The order of random draws here is part of reproducibility: change it only
// knowing that every simulated number changes with it.
#include "sim/agents/population.hpp"

#include <algorithm>
#include <cassert>

namespace byzsim {

bool Population::lists_groups_of(const Scenario& scenario) const {
  std::size_t i = 0;
  for (const AgentGroup& group : scenario.agents)
    for (int k = 0; k < group.count; ++k, ++i)
      if (i >= agents_.size() || agents_[i].behaviour != &group || agent_roles_[i] != group.role)
        return false;
  return i == agents_.size();
}

void Population::prepare(const Scenario& scenario) {
  scenario_ = &scenario;
  set_tilt(nullptr, nullptr);
  // start_trial sets every agent's behaviour and strategy from its group again; what prepare
  // adds is the list itself.
  if (lists_groups_of(scenario)) return;
  agents_.clear();
  agent_roles_.clear();
  honest_agents_.clear();
  for (std::uint32_t g = 0; g < scenario.agents.size(); ++g) {
    const AgentGroup& group = scenario.agents[g];
    for (int k = 0; k < group.count; ++k) {
      if (group.role == Role::honest) honest_agents_.push_back(static_cast<int>(agents_.size()));
      AgentState agent;
      agent.behaviour = &group;
      agent.spec = &strategy_of(group);
      agent.group = g;
      agents_.push_back(agent);
      agent_roles_.push_back(group.role);
    }
  }
  scratch_.reserve(honest_agents_.size());
}

void Population::start_trial(Rng& rng, bool truth_good) {
  truth_good_ = truth_good;
  for (auto& agent : agents_) {
    agent.behaviour = &scenario_->agents[agent.group];
    agent.spec = &strategy_of(*agent.behaviour);
    agent.corrupted = false;
  }
  corrupted_count_ = 0;
  if (scenario_->corruption.enabled) {
    if (tilt_)
      apply_corruption_tilted(rng);
    else
      apply_corruption(rng);
  }
  coalition_size_ = 0;
  std::fill(std::begin(behaving_as_), std::end(behaving_as_), 0);
  for (auto& agent : agents_) {
    ++behaving_as_[static_cast<int>(agent.role())];
    agent.crash_at = kTimeNever;
    agent.turn_at = kTimeNever;
    if (agent.spec->crashes) agent.crash_at = sample(agent.behaviour->crash_at, rng);
    if (agent.spec->turns) agent.turn_at = sample(agent.behaviour->crash_at, rng);
    if (agent.in_coalition()) ++coalition_size_;
  }
}

void Population::corrupt(int agent) {
  AgentState& state = agents_[static_cast<std::size_t>(agent)];
  state.behaviour = &scenario_->corruption.replacement;
  state.spec = &strategy_of(*state.behaviour);
  state.corrupted = true;
  ++corrupted_count_;
}

void Population::apply_corruption(Rng& rng) {
  const Corruption& c = scenario_->corruption;
  const int honest = static_cast<int>(honest_agents_.size());
  if (c.by_probability) {
    for (int agent : honest_agents_)
      if (rng.bernoulli(c.p)) corrupt(agent);
    return;
  }
  const int lo = std::min(c.count_min, honest);
  const int hi = std::min(c.count_max, honest);
  const int k = lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(hi - lo + 1)));
  corrupt_subset(k, rng);
}

void Population::corrupt_subset(int k, Rng& rng) {
  const int honest = static_cast<int>(honest_agents_.size());
  // The first k of a partial Fisher-Yates shuffle.
  scratch_.assign(honest_agents_.begin(), honest_agents_.end());
  for (int i = 0; i < k; ++i) {
    const int j = i + static_cast<int>(rng.below(static_cast<std::uint64_t>(honest - i)));
    std::swap(scratch_[static_cast<std::size_t>(i)], scratch_[static_cast<std::size_t>(j)]);
    corrupt(scratch_[static_cast<std::size_t>(i)]);
  }
}

// Judgements follow the agent's own group (accuracy, correlation), whether or not it is
// corrupted, so corruption changes behaviour and never the draws of other agents.
void Population::draw_judgements(Rng& rng) {
  std::size_t i = 0;
  for (const AgentGroup& group : scenario_->agents) {
    const std::size_t end = i + static_cast<std::size_t>(group.count);
    if (strategy_of(group).judges && group.count > 0) {
      if (rng.bernoulli(group.correlation)) {
        const bool right = rng.bernoulli(group.accuracy);
        for (; i < end; ++i) agents_[i].right = right;
      } else {
        for (; i < end; ++i) agents_[i].right = rng.bernoulli(group.accuracy);
      }
    }
    i = end;
  }
}

Vote Population::intended_vote(const AgentState& agent, Rng& rng) const {
  const Vote judged = agent.right ? correct_vote() : wrong_vote();
  const StrategySpec& spec = *agent.spec;
  if (spec.vote == nullptr) return Vote::none;  // silent, or the protocol chooses (collude)
  return spec.vote(VoteInput{*agent.behaviour, judged, wrong_vote(), rng});
}

void Population::draw_round(int round, bool rejudge, Rng& rng) {
  if (round == 1 || rejudge) {
    if (tilt_)
      draw_judgements_tilted(rng);
    else
      draw_judgements(rng);
  }
  for (auto& agent : agents_) agent.vote = intended_vote(agent, rng);
}

}  // namespace byzsim
