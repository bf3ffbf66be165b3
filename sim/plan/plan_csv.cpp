// Exact rows: lo = hi = p, as `byzsim exact` writes them; numbers spelled like every byzsim row,
// the shared columns named as the row table names them.
#include "sim/plan/plan_csv.hpp"

#include "sim/report/row_format.hpp"

namespace byzsim {

namespace {

// The plan's own columns around the row columns it shares (their spelling is the row table's):
// the design, the outcome rates with their intervals, the general columns marked `plan`
// (sim/core/general_columns.hpp), the cost and the verdicts.
const std::vector<std::string> kPlanDesignColumns = {
    "plan",      "design", "protocol",       "rule",          "n",          "f",      "honest",
    "malicious", "faulty", "approve_quorum", "reject_quorum", "max_rounds", "method", "trials"};
const std::vector<std::string> kPlanVerdictColumns = {"expected_cost", "feasible", "dominated",
                                                      "chosen"};

std::vector<std::string> plan_columns() {
  std::vector<std::string> columns = kPlanDesignColumns;
  for (int k = 0; k < kOutcomeCount; ++k)
    for (const OutcomeColumn which : {OutcomeColumn::rate, OutcomeColumn::lo, OutcomeColumn::hi})
      columns.emplace_back(outcome_column(k, which));
  for (const GeneralColumn& column : kGeneralColumns)
    if (column.plan) columns.emplace_back(column.name);
  columns.insert(columns.end(), kPlanVerdictColumns.begin(), kPlanVerdictColumns.end());
  return columns;
}

std::string optional_int(const std::optional<int>& v) {
  return v ? std::to_string(*v) : "";
}

}  // namespace

std::string plan_csv(const std::string& plan_name, const std::vector<PlanDesign>& designs) {
  std::string out = csv_line(plan_columns());
  for (std::size_t i = 0; i < designs.size(); ++i) {
    const PlanDesign& d = designs[i];
    std::vector<std::string> fields = {plan_name,
                                       std::to_string(i),
                                       d.protocol,
                                       d.rule,
                                       std::to_string(d.n),
                                       std::to_string(d.f),
                                       std::to_string(d.honest),
                                       std::to_string(d.malicious),
                                       std::to_string(d.faulty),
                                       optional_int(d.approve_quorum),
                                       optional_int(d.reject_quorum),
                                       std::to_string(d.max_rounds),
                                       d.method,
                                       d.trials ? std::to_string(d.trials) : ""};
    const double rates[4] = {d.p_correct, d.p_wrong, d.p_no_consensus, d.p_disagreement};
    for (int k = 0; k < 4; ++k)
      for (const double v : {rates[k], d.lo[k], d.hi[k]}) fields.push_back(format_number(v));
    for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
      if (kGeneralColumns[c].plan)
        fields.push_back(d.general[c] ? format_number(*d.general[c]) : "");
    fields.push_back(format_number(d.cost));
    for (const bool b : {d.feasible, d.dominated, d.chosen}) fields.push_back(b ? "1" : "0");
    out += csv_line(fields);
  }
  return out;
}

}  // namespace byzsim
