// RunJobs: job number -> (scenario, owned point) -> sweep index -> point, all computed.
#include "sim/cli/run_jobs.hpp"

#include <algorithm>
#include <string>

#include "sim/cli/progress.hpp"

namespace byzsim::cli {

RunJobs::RunJobs(std::vector<const LoadedScenario*> scenarios, const Shard& shard,
                 const ScenarioOverrides& overrides, bool rare)
    : scenarios_(std::move(scenarios)),
      shard_(shard),
      overrides_(overrides),
      rare_(rare),
      trials_(scenarios_.size()),
      costs_(scenarios_.size()) {
  const auto first = static_cast<std::size_t>(shard.index - 1);
  const auto count = static_cast<std::size_t>(shard.count);
  for (const LoadedScenario* loaded : scenarios_) {
    const std::size_t points = loaded->point_count();
    owned_.push_back(points > first ? (points - first + count - 1) / count : 0);
  }
  skip_done(std::vector<std::size_t>(scenarios_.size(), 0));
  // Trials are read for every job as the batch plans its work: kept where the axes set them.
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    if (overrides_.trials || !sweeps_any(s, {"trials", ""})) continue;
    ScenarioPoint scratch;
    for (std::size_t j = 0; j < owned_[s]; ++j)
      trials_[s].push_back(make(s, j, scratch).scenario.trials);
  }
}

bool RunJobs::sweeps_any(std::size_t scenario, std::initializer_list<const char*> keys) const {
  const LoadedScenario& loaded = *scenarios_[scenario];
  if (!loaded.lazy) return loaded.points.size() > 1;
  for (const std::string& section : loaded.lazy->swept_sections())
    if (std::any_of(keys.begin(), keys.end(), [&](const char* key) { return section == key; }))
      return true;
  return false;
}

bool RunJobs::sweeps_only(std::size_t scenario, std::initializer_list<const char*> keys) const {
  const LoadedScenario& loaded = *scenarios_[scenario];
  if (!loaded.lazy) return loaded.points.size() <= 1;
  for (const std::string& section : loaded.lazy->swept_sections())
    if (std::none_of(keys.begin(), keys.end(), [&](const char* key) { return section == key; }))
      return false;
  return true;
}

void RunJobs::skip_done(const std::vector<std::size_t>& done) {
  done_ = done;
  offsets_.assign(1, 0);
  for (std::size_t s = 0; s < scenarios_.size(); ++s)
    offsets_.push_back(offsets_.back() + owned_[s] - std::min(done_[s], owned_[s]));
}

RunJobs::Place RunJobs::place(std::size_t job) const {
  const auto next = std::upper_bound(offsets_.begin(), offsets_.end(), job);
  const auto s = static_cast<std::size_t>(next - offsets_.begin()) - 1;
  return {s, done_[s] + (job - offsets_[s])};
}

std::size_t RunJobs::sweep_index(std::size_t owned) const {
  return static_cast<std::size_t>(shard_.index - 1) +
         owned * static_cast<std::size_t>(shard_.count);
}

const ScenarioPoint& RunJobs::make(std::size_t scenario, std::size_t owned,
                                   ScenarioPoint& scratch) const {
  const LoadedScenario& loaded = *scenarios_[scenario];
  const std::size_t index = sweep_index(owned);
  if (!loaded.lazy) return loaded.points[index];  // the overrides are in already
  loaded.lazy->make(index, scratch);
  Scenario& s = scratch.scenario;
  if (overrides_.trials) s.trials = *overrides_.trials;
  if (overrides_.seed) s.seed = *overrides_.seed;
  if (rare_) s.estimator.kind = Estimator::Kind::importance;
  return scratch;
}

JobIdentity RunJobs::identity(std::size_t scenario, std::size_t j) const {
  ScenarioPoint scratch;
  const Scenario& s = make(scenario, j, scratch).scenario;
  return JobIdentity{scenario, s.name, static_cast<int>(sweep_index(j)), s.trials, s.seed};
}

std::uint64_t RunJobs::trials(std::size_t job) const {
  if (overrides_.trials) return *overrides_.trials;
  const Place at = place(job);
  if (!trials_[at.scenario].empty()) return trials_[at.scenario][at.owned];
  return scenarios_[at.scenario]->points.front().scenario.trials;
}

const ScenarioPoint& RunJobs::point(std::size_t job, ScenarioPoint& scratch) const {
  const Place at = place(job);
  return make(at.scenario, at.owned, scratch);
}

bool RunJobs::may_tilt() const {
  for (const LoadedScenario* loaded : scenarios_)
    for (const ScenarioPoint& point : loaded->points)  // every kind of point is there
      if (point.scenario.estimator.kind == Estimator::Kind::importance) return true;
  return rare_;
}

std::size_t RunJobs::scenario_of(std::size_t job) const {
  return place(job).scenario;
}

std::size_t RunJobs::point_index(std::size_t job) const {
  return sweep_index(place(job).owned);
}

void RunJobs::learn_costs() {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    if (sweeps_only(s, {"seed", "trials", "name", "description"})) continue;
    ScenarioPoint scratch;
    costs_[s].clear();
    for (std::size_t j = 0; j < owned_[s]; ++j)
      costs_[s].push_back(
          j < done_[s] ? 0.0F : static_cast<float>(trial_cost_units(make(s, j, scratch).scenario)));
  }
}

double RunJobs::trial_cost(std::size_t job) const {
  const Place at = place(job);
  if (!costs_[at.scenario].empty()) return costs_[at.scenario][at.owned];
  return trial_cost_units(scenarios_[at.scenario]->points.front().scenario);
}

}  // namespace byzsim::cli
