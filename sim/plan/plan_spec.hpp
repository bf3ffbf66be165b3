// The plain data of a plan file (`byzsim plan SPEC`): population, candidate designs, targets.
// Produced by plan_load.hpp, read by the evaluation (plan_evaluate.hpp) and the command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace byzsim {

// How a quorum of coordinator-vote is chosen for each n.
struct QuorumChoice {
  enum class Kind : std::uint8_t { seed, all, listed };
  Kind kind = Kind::seed;  // seed: the defaults n-f / f+1; all: searched; listed: the values
  // listed: counts (>= 1) or, when percent is true, percentages of n (ceil(p n / 100)).
  struct Value {
    double amount = 0;
    bool percent = false;
  };
  std::vector<Value> values;
};

// One agent group whose count the plan varies: either the "rest" of n, or a range of counts
// over which every design must meet the targets (the worst case counts).
struct PlanGroup {
  bool rest = false;
  std::vector<int> counts;  // the values a fixed or ranged count takes (one for a fixed count)
};

struct PlanTargets {
  double max_p_wrong = 1;
  double max_p_no_consensus = 1;
  std::optional<double> max_latency_s;
  bool any_given = false;
};

struct PlanSpec {
  std::string file;
  std::string text;  // the file's text, to place problems found while evaluating
  std::string name;
  // The population as a scenario document without "agents" counts and without "protocol":
  // truth, agents (counts replaced per candidate), network, corruption, costs.
  nlohmann::ordered_json population;
  std::vector<PlanGroup> groups;  // one per population agent group, same order
  std::vector<std::string> protocols;
  std::vector<int> n_values;              // ascending
  std::vector<int> rounds;                // max_rounds values
  nlohmann::ordered_json protocol_extra;  // keys passed to every protocol (round_timeout)
  QuorumChoice approve, reject;
  PlanTargets targets;
  bool costs_given = false;
  // The most simulation the plan may need in the worst case, in estimated core-hours (plan
  // --max-sim-hours; plan_evaluate.hpp says how it is estimated and enforced).
  double max_sim_core_hours = 2;
};

}  // namespace byzsim
