// One output row (contract section 5): a point's identity, its outcome rates with Wilson
// intervals and its means. Built from a Tally (method sim) or the exact analysis (exact).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/core/column_value.hpp"
#include "sim/core/tally.hpp"
#include "sim/model/loaded_scenario.hpp"
#include "sim/report/importance_row.hpp"

namespace byzsim {

struct Interval {
  double p = 0;
  double lo = 0;
  double hi = 0;
};

// The 95% Wilson score interval of `successes` out of `trials` (trials > 0).
Interval wilson95(std::uint64_t successes, std::uint64_t trials);

// A Row refers to the LoadedScenario it was built from (names, axes, axis values) rather
// than copying them: rows of one-trial sweep points are built at a rate where copies showed.
// It must not outlive that LoadedScenario.
struct Row {
  std::string_view scenario;
  int point = 0;
  std::string_view protocol;
  int n = 0, f = 0, honest = 0, malicious = 0, faulty = 0;
  std::optional<std::uint64_t> trials;  // empty for exact rows: nothing was simulated
  std::optional<std::uint64_t> seed;    // likewise
  std::string_view method;              // "sim" or "exact"
  std::optional<std::uint64_t> counts[kOutcomeCount];  // empty for exact rows
  Interval rates[kOutcomeCount];                       // correct, wrong, no_consensus, disagreement
  // The general columns (sim/core/general_columns.hpp: mean_rounds, mean_latency_s, ...,
  // mean_honest, ...), by their index there; empty where the row has no value (a column that
  // does not apply to its scenario, a latency without decided trials, what exact cannot give).
  std::optional<double> general[kGeneralColumnCount];
  const std::vector<SweepAxis>* axes = nullptr;              // this scenario's sweep axes
  const std::vector<nlohmann::json>* axis_values = nullptr;  // this point's, one per axis
  std::optional<double> expected_cost;                       // scenarios with costs
  // The design the rule used (docs/output.md): resolved quorums (empty where the protocol
  // has none, e.g. majority), the round limit of the coordinator protocols and pbft's views.
  // A protocol's round limit goes under its spec's rounds_column: max_rounds or kViewsColumn.
  std::optional<int> approve_quorum, reject_quorum, max_rounds, max_views;
  // The protocol's own result columns (its ProtocolSpec's list, e.g. pbft's checker and
  // message counts; docs/pbft.md, "Output") and this row's values of them; none for exact rows.
  std::span<const ResultColumn> protocol_columns;
  ColumnValue protocol_values[kMaxProtocolColumns];
  // Importance-sampling rows only (docs/rare-events.md); their rates are the weighted
  // estimates and their _lo/_hi the normal intervals of those.
  std::optional<ImportanceStats> importance;
};

// The design column of round limits counted in views (ProtocolSpec::rounds_column).
inline constexpr std::string_view kViewsColumn = "max_views";

// The identity columns of a point (everything but the results) in rows of `method`: "sim", or
// "exact" (no trial count and no seed: nothing was simulated). `method` must outlive the row.
// Merge compares the rows it reads with it.
Row row_header_for(const LoadedScenario& loaded, const ScenarioPoint& point,
                   std::string_view method = "sim");
// A simulated row from its tally.
Row sim_row(const LoadedScenario& loaded, const ScenarioPoint& point, const Tally& tally);
// Whether rows of `scenario` have a value of general column `column` (mean_corrupted: only
// scenarios with corruption).
bool applies(const GeneralColumn& column, const Scenario& scenario);
// The result columns of this scenario's protocol (none for most).
std::span<const ResultColumn> protocol_result_columns(const Scenario& scenario);
// expected_cost per the contract, from rates and mean decision time.
double expected_cost(const Scenario& scenario, double p_wrong, double p_no_consensus,
                     double mean_latency_s);

}  // namespace byzsim
