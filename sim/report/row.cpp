// Row construction: the only place where tallies become floating point.
#include "sim/report/row.hpp"

#include <cassert>
#include <cmath>
#include <utility>

#include "sim/protocols/registry.hpp"

namespace byzsim {

std::span<const ResultColumn> protocol_result_columns(const Scenario& scenario) {
  const ProtocolSpec& spec = spec_of(scenario.protocol);
  return spec.result_columns ? spec.result_columns() : std::span<const ResultColumn>();
}

bool applies(const GeneralColumn& column, const Scenario& scenario) {
  return column.applies == ColumnApplies::always || scenario.corruption.enabled;
}

Interval wilson95(std::uint64_t successes, std::uint64_t trials) {
  constexpr double z = 1.959963984540054;  // the 97.5% normal quantile
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2n = z * z / n;
  const double center = (p + z2n / 2) / (1 + z2n);
  const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4 * n));
  // Clamp rounding at the ends: the interval always contains p and stays in [0, 1].
  return Interval{p, std::max(0.0, std::min(p, center - half)),
                  std::min(1.0, std::max(p, center + half))};
}

double expected_cost(const Scenario& scenario, double p_wrong, double p_no_consensus,
                     double mean_latency_s) {
  const Costs& c = scenario.costs;
  return c.wrong * p_wrong + c.no_consensus * p_no_consensus + scenario.n() * c.per_agent +
         mean_latency_s / 60.0 * c.per_minute;
}

Row row_header_for(const LoadedScenario& loaded, const ScenarioPoint& point,
                   std::string_view method) {
  const Scenario& s = point.scenario;
  Row row;
  row.scenario = s.name;
  row.point = point.index;
  row.method = method;
  row.protocol = s.protocol.name();
  row.n = s.n();
  row.f = s.protocol.f;
  row.honest = s.count_of(Role::honest);
  row.malicious = s.count_of(Role::malicious);
  row.faulty = s.count_of(Role::faulty);
  if (method != "exact") {  // nothing was simulated in exact rows: no trial count, no stream
    row.trials = s.trials;
    row.seed = s.seed;
  }
  const ProtocolSpec& spec = spec_of(s.protocol);
  if (spec.quorums_in_row) {
    row.approve_quorum = s.protocol.approve_quorum;
    row.reject_quorum = s.protocol.reject_quorum;
  }
  (spec.rounds_column == kViewsColumn ? row.max_views : row.max_rounds) =
      spec.rounds_limit(s.protocol);
  row.axes = &loaded.axes;
  row.axis_values = &point.axis_values;
  return row;
}

Row sim_row(const LoadedScenario& loaded, const ScenarioPoint& point, const Tally& tally) {
  Row row = row_header_for(loaded, point, "sim");
  const Scenario& s = point.scenario;
  row.trials = tally.trials;
  for (int i = 0; i < kOutcomeCount; ++i) {
    row.counts[i] = tally.counts[i];
    row.rates[i] = wilson95(tally.counts[i], tally.trials);
  }
  [&]<std::size_t... C>(std::index_sequence<C...>) {
    ((row.general[C] = applies(kGeneralColumns[C], s) ? tally.general<C>() : std::nullopt), ...);
  }
  (std::make_index_sequence<kGeneralColumnCount>());
  if (s.costs.enabled)
    row.expected_cost = expected_cost(s, row.rates[1].p, row.rates[2].p,
                                      row.general[general_column("mean_latency_s")].value_or(0.0));
  if (s.estimator.kind == Estimator::Kind::importance) {
    // The means, costs and the protocol's counters are of the tilted trials, not of the
    // scenario's law: importance rows leave them empty rather than print a biased number.
    row.importance = importance_stats(tally, s.estimator, row.rates);
    for (auto& general : row.general) general.reset();
    row.expected_cost.reset();
    return row;
  }
  row.protocol_columns = protocol_result_columns(s);
  assert(row.protocol_columns.size() <= kMaxProtocolColumns);
  for (std::size_t c = 0; c < row.protocol_columns.size(); ++c)
    row.protocol_values[c] = row.protocol_columns[c].value(tally);
  return row;
}

}  // namespace byzsim
