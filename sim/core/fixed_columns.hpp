// The names of the output columns that do not come from the sweep: the contract's leading
// columns, the cost column and the design columns (sim/report/row_format.cpp orders and
// describes them, and checks at compile time that each of its names is listed here), plus the
// general columns (general_columns.hpp). A sweep axis may not take one of these names, nor a
// protocol's result column: its column would repeat one, in the CSV header and the JSON row.
#pragma once

#include <string_view>

#include "sim/core/general_columns.hpp"

namespace byzsim {

// One line per part of a row (identity, counts, rates, extras, design), as docs/output.md.
// clang-format off
inline constexpr std::string_view kFixedColumnNames[] = {
    "scenario", "point", "protocol", "n", "f", "honest", "malicious", "faulty", "trials", "seed",
    "method",
    "correct", "wrong", "no_consensus", "disagreement",
    "p_correct", "p_correct_lo", "p_correct_hi", "p_wrong", "p_wrong_lo", "p_wrong_hi",
    "p_no_consensus", "p_no_consensus_lo", "p_no_consensus_hi",
    "p_disagreement", "p_disagreement_lo", "p_disagreement_hi",
    "expected_cost",
    "approve_quorum", "reject_quorum", "max_rounds", "max_views", "set", "byzsim_version",
    // importance sampling (sim/report/importance_columns.cpp)
    "estimator", "importance_status",
    "p_correct_se", "p_correct_rel_err", "p_correct_ess", "p_wrong_se", "p_wrong_rel_err",
    "p_wrong_ess", "p_no_consensus_se", "p_no_consensus_rel_err", "p_no_consensus_ess",
    "p_disagreement_se", "p_disagreement_rel_err", "p_disagreement_ess"};
// clang-format on

// Whether every row of an output may have a column of this name whatever its sweep.
constexpr bool is_fixed_column(std::string_view name) {
  for (std::string_view fixed : kFixedColumnNames)
    if (fixed == name) return true;
  for (const GeneralColumn& column : kGeneralColumns)
    if (column.name == name) return true;
  return false;
}

}  // namespace byzsim
