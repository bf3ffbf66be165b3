// One evaluated design of a plan (protocol, n, quorums, rounds) with its worst-case outcome
// rates over the population's ranged counts. Built by plan_evaluate, ranked by plan_frontier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/general_columns.hpp"
#include "sim/model/exact_rule.hpp"

namespace byzsim {

struct PlanDesign {
  std::string protocol;
  // Its protocol's rule in the exact model (the spec's `exact`): quorums (searched), simple
  // majority, or none (simulated). The answer and the ranking read it, never a protocol name.
  std::optional<ExactRule> exact_rule;
  // "seed" (approve n-f, reject f+1) or "quorum" (other counts) for searched quorums; else the
  // protocol's name ("majority", "pbft").
  std::string rule;
  int n = 0, f = 0, honest = 0, malicious = 0, faulty = 0;  // malicious, faulty: the most
  std::optional<int> approve_quorum, reject_quorum;         // searched quorums only
  int max_rounds = 1;
  // Worst case over the ranged counts: the highest error rates, the lowest p_correct.
  double p_correct = 0, p_wrong = 0, p_no_consensus = 0, p_disagreement = 0;
  // "exact", or "sim" (simulated until the stopping rule decided or gave up: trials says how
  // many, per variant at most; lo/hi are then the 95% Wilson interval of the worst variant).
  std::string method = "exact";
  std::uint64_t trials = 0;
  double lo[4] = {}, hi[4] = {};  // correct, wrong, no_consensus, disagreement
  bool undecided = false;         // sim: the stopping rule hit its trial limit
  // The general columns marked `plan` (sim/core/general_columns.hpp), worst case over the
  // variants: the highest. Empty when a variant's model cannot say (an inexact latency).
  std::optional<double> general[kGeneralColumnCount];
  std::optional<double> mean_latency_s() const { return general[general_column("mean_latency_s")]; }
  double cost = 0;  // the highest expected_cost (with costs), else n
  bool feasible = false, dominated = false, chosen = false;
};

}  // namespace byzsim
