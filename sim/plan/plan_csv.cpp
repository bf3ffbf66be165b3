// Exact rows: lo = hi = p, as `byzsim exact` writes them; numbers spelled like every byzsim row.
#include "sim/plan/plan_csv.hpp"

#include "sim/report/row_format.hpp"

namespace byzsim {

namespace {

const std::vector<std::string> kPlanColumns = {"plan",
                                               "design",
                                               "protocol",
                                               "rule",
                                               "n",
                                               "f",
                                               "honest",
                                               "malicious",
                                               "faulty",
                                               "approve_quorum",
                                               "reject_quorum",
                                               "max_rounds",
                                               "method",
                                               "trials",
                                               "p_correct",
                                               "p_correct_lo",
                                               "p_correct_hi",
                                               "p_wrong",
                                               "p_wrong_lo",
                                               "p_wrong_hi",
                                               "p_no_consensus",
                                               "p_no_consensus_lo",
                                               "p_no_consensus_hi",
                                               "p_disagreement",
                                               "p_disagreement_lo",
                                               "p_disagreement_hi",
                                               "mean_rounds",
                                               "mean_latency_s",
                                               "mean_messages",
                                               "expected_cost",
                                               "feasible",
                                               "dominated",
                                               "chosen"};

std::string optional_int(const std::optional<int>& v) {
  return v ? std::to_string(*v) : "";
}

}  // namespace

std::string plan_csv(const std::string& plan_name, const std::vector<PlanDesign>& designs) {
  std::string out = csv_line(kPlanColumns);
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
    fields.push_back(format_number(d.mean_rounds));
    fields.push_back(d.mean_latency_s ? format_number(*d.mean_latency_s) : "");
    fields.push_back(format_number(d.mean_messages));
    fields.push_back(format_number(d.cost));
    for (const bool b : {d.feasible, d.dominated, d.chosen}) fields.push_back(b ? "1" : "0");
    out += csv_line(fields);
  }
  return out;
}

}  // namespace byzsim
