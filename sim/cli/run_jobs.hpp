// The jobs of `byzsim run`: per scenario, the sweep points this shard owns, less the leading
// ones --resume found written, numbered in scenario order. Nothing is kept per point: a job's
// sweep index follows from its number, and its point is made when a worker asks for it
// (LoadedScenario::lazy), with --trials, --seed and --rare applied as the loader's points have
// them, so a 10^6-point sweep needs no more memory than a 10^4-point one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/row_output.hpp"
#include "sim/cli/shard.hpp"
#include "sim/run/batch.hpp"

namespace byzsim::cli {

class RunJobs : public JobSource {
 public:
  // `scenarios` (loaded, overrides already applied to their stored points) outlive this.
  RunJobs(std::vector<const LoadedScenario*> scenarios, const Shard& shard,
          const ScenarioOverrides& overrides, bool rare);

  const std::vector<const LoadedScenario*>& scenarios() const { return scenarios_; }
  // Per scenario: the points this shard owns.
  const std::vector<std::size_t>& owned() const { return owned_; }
  // What --resume found: the first done[s] owned points of scenario s are written.
  void skip_done(const std::vector<std::size_t>& done);
  // Owned point j of scenario s, for --resume (made: a conversion).
  JobIdentity identity(std::size_t scenario, std::size_t j) const;
  // Reads every pending point once to learn the cost of its trials, where the axes may
  // change it (the progress bar's ETA; 4 bytes per such point).
  void learn_costs();

  // The pending jobs, as run_batch reads them.
  std::size_t size() const override { return offsets_.back(); }
  std::uint64_t trials(std::size_t job) const override;
  const ScenarioPoint& point(std::size_t job, ScenarioPoint& scratch) const override;
  bool may_tilt() const override;

  std::size_t scenario_of(std::size_t job) const;
  std::size_t point_index(std::size_t job) const;  // its sweep index
  // The cost of one of its trials (progress.hpp: trial_cost_units).
  double trial_cost(std::size_t job) const;

 private:
  struct Place {
    std::size_t scenario;
    std::size_t owned;  // j: its rank among the scenario's owned points
  };
  Place place(std::size_t job) const;
  std::size_t sweep_index(std::size_t owned) const;
  const ScenarioPoint& make(std::size_t scenario, std::size_t owned, ScenarioPoint& scratch) const;
  // Whether the axes of scenario s change some of `keys` (top-level keys of the document;
  // "": the whole document), or none but them.
  bool sweeps_any(std::size_t scenario, std::initializer_list<const char*> keys) const;
  bool sweeps_only(std::size_t scenario, std::initializer_list<const char*> keys) const;

  std::vector<const LoadedScenario*> scenarios_;
  Shard shard_;
  ScenarioOverrides overrides_;
  bool rare_;
  std::vector<std::size_t> owned_;
  std::vector<std::size_t> done_;
  std::vector<std::size_t> offsets_;  // per scenario: its first pending job; then the total
  // Per scenario, per owned point: its trials (only where the axes change /trials) and the
  // cost of one trial (only where they may change it, after learn_costs()).
  std::vector<std::vector<std::uint64_t>> trials_;
  std::vector<std::vector<float>> costs_;
};

}  // namespace byzsim::cli
