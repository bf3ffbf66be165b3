// The agents of one trial: who is corrupted, when crash agents stop, each round's
// judgements and intended votes. Reset per trial, no allocation after prepare().
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/agents/strategy.hpp"
#include "sim/agents/tilt_layout.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/tilted_draws.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

struct AgentState {
  const AgentGroup* behaviour = nullptr;  // own group, or the corruption's replacement
  const StrategySpec* spec = nullptr;     // the behaviour's strategy, resolved (never null)
  std::uint32_t group = 0;                // index into Scenario::agents (judgement mechanism)
  bool corrupted = false;
  bool right = true;              // this round's judgement is right
  Vote vote = Vote::none;         // intended vote this round (the coalition: see below)
  SimTime crash_at = kTimeNever;  // first instant at which it no longer acts
  SimTime turn_at = kTimeNever;   // turn-at: first instant it follows its "then" strategy

  Role role() const { return behaviour->role; }
  const StrategySpec& strategy() const { return *spec; }
  // Does not run the protocol: acts on what the protocol offers it (StrategySpec::scripted).
  bool scripted() const { return spec->scripted != nullptr && spec->scripted(*behaviour); }
  bool in_coalition() const { return spec->coalition; }
  bool crashed_by(SimTime t) const { return crash_at <= t; }
};

class Population {
 public:
  // Once per sweep point: sizes the arrays. The scenario must outlive the population.
  void prepare(const Scenario& scenario);
  // Importance sampling (after prepare): judgements and corruption are drawn through `draws`
  // on `layout`'s slots (population_tilt.cpp); null, null: the plain draws (prepare's default).
  void set_tilt(TiltedDraws* draws, const TiltLayout* layout);

  // Per trial: draws corruption and crash times. `truth_good` fixes the correct vote.
  void start_trial(Rng& rng, bool truth_good);

  // Per round: judgements (round 1, or every round with rejudge) and intended votes.
  // The coalition gets Vote::none here; the protocol chooses its vote (coalition_size()).
  void draw_round(int round, bool rejudge, Rng& rng);

  int size() const { return static_cast<int>(agents_.size()); }
  std::span<const AgentState> agents() const { return agents_; }
  AgentState& operator[](int i) { return agents_[static_cast<std::size_t>(i)]; }
  const AgentState& operator[](int i) const { return agents_[static_cast<std::size_t>(i)]; }
  int corrupted_count() const { return corrupted_count_; }
  // Agents behaving as `role` this trial (after corruption).
  int behaving_as(Role role) const { return behaving_as_[static_cast<int>(role)]; }
  int coalition_size() const { return coalition_size_; }
  bool truth_good() const { return truth_good_; }
  Vote correct_vote() const { return truth_good_ ? Vote::approve : Vote::reject; }
  Vote wrong_vote() const { return truth_good_ ? Vote::reject : Vote::approve; }

 private:
  void apply_corruption(Rng& rng);
  void apply_corruption_tilted(Rng& rng);
  void corrupt_subset(int k, Rng& rng);  // a uniformly random k-subset of the honest agents
  void corrupt(int agent);
  void draw_judgements(Rng& rng);
  void draw_judgements_tilted(Rng& rng);
  Vote intended_vote(const AgentState& agent, Rng& rng) const;

  const Scenario* scenario_ = nullptr;
  // Whether agents_ and honest_agents_ already list `scenario`'s groups (the same groups, in
  // the same place, with the same counts and roles): a sweep point that changes only its seed
  // keeps them (rows of one-trial points showed the rebuilding).
  bool lists_groups_of(const Scenario& scenario) const;
  std::vector<AgentState> agents_;
  std::vector<Role> agent_roles_;   // per agent: its group's role when listed
  std::vector<int> honest_agents_;  // indices of agents of honest groups
  std::vector<int> scratch_;        // for sampling subsets without allocation
  int corrupted_count_ = 0;
  int behaving_as_[3] = {};  // by Role, counted in start_trial
  int coalition_size_ = 0;
  bool truth_good_ = true;
  TiltedDraws* tilt_ = nullptr;  // importance sampling only
  const TiltLayout* tilt_layout_ = nullptr;
};

}  // namespace byzsim
