// The exact (analytic) outcome probabilities of one scenario point, for `byzsim exact`.
// Depends on the Scenario model only; a pure function, safe to call from several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "sim/model/exact_rule.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

// Per trial: the outcome probabilities and expectations, exact up to double rounding.
struct ExactOutcome {
  double p_correct = 0, p_wrong = 0, p_no_consensus = 0, p_disagreement = 0;
  double mean_rounds = 0;     // rounds started: 1 + failed rounds, at most max_rounds
  double mean_messages = 0;   // proposals + vote messages sent + decision broadcast
  double mean_corrupted = 0;  // agents corrupted per trial
  // Seconds from t = 0 to the decision, over decided trials (the simulator's mean_latency_s).
  // Set when it is exact: every round lasts round_timeout (some agent never votes), or the
  // arrival of the last vote is one fixed time (constant latency and think times, any slow
  // factors); empty for other timings, and when no trial decides.
  std::optional<double> mean_latency_s;
};

struct ExactReport {
  std::optional<ExactOutcome> outcome;
  // Set when outcome is empty: names the agent group (e.g. "agents[2] (strategy collude)") or
  // the setting the exact model cannot handle, and why.
  std::string unsupported_reason;
};

// The expectation per trial of general column `column` (sim/core/general_columns.hpp) of
// `scenario` with this outcome, where the exact model gives it: rounds, messages, corrupted
// agents, agents behaving as each role, and the mean latency when it is exact. Empty for the
// others (a quantile, a column the model does not compute): exact rows leave those cells empty.
std::optional<double> exact_general(const ExactOutcome& outcome, const Scenario& scenario,
                                    std::size_t column);

// Computes the trial model of docs/model.md exactly for a protocol whose rounds follow `rule`
// (coordinator-vote: quorums, majority: simple majority): every random draw of a trial (truth,
// corruption, judgements and their correlation, flips, random votes, drops, omissions) is
// summed over, none sampled. Votes must be surely on time or surely late; crash times must be
// 0; collude and equivocate are not covered. The caller passes the rule of the scenario's
// protocol (its spec's `exact`) and refuses a protocol without one: this layer sees no spec.
ExactReport compute_exact(const Scenario& scenario, ExactRule rule);

}  // namespace byzsim
