// Cell checks of merge that need no sidecar: a cell's syntax and range by its column's kind,
// and the arithmetic tying a row's outcome counts, trials and rates together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/column_kind.hpp"
#include "sim/core/outcome.hpp"

namespace byzsim::cli {

// A whole number of plain digits that fits 64 bits.
bool parse_u64(const std::string& text, std::uint64_t& value);

// The columns of the outcome checks, by index into the header.
struct OutcomeColumns {
  std::size_t method = 0, trials = 0;
  std::size_t counts[kOutcomeCount] = {};
  std::size_t rates[kOutcomeCount][3] = {};  // p_X, p_X_lo, p_X_hi
  // The importance-sampling `estimator` column, in files that have it (docs/rare-events.md).
  std::optional<std::size_t> estimator;
};
// Throws UsageError ("PATH:1: error: no 'NAME' column") when the header lacks one.
OutcomeColumns find_outcome_columns(const std::string& path,
                                    const std::vector<std::string>& header);

// A cell of a column of `kind` (empty cells pass: columns that do not apply to a row are
// empty): counts are whole numbers >= 0, rates and interval bounds numbers in [0, 1], means and
// quantiles finite numbers >= 0. Fixed and axis cells are compared with the sidecar instead.
// Throws UsageError "WHERE: error: column 'NAME': ..." with what is accepted.
void check_cell(const std::string& where, const std::string& column, ColumnKind kind,
                const std::string& text);

// Simulated rows: the counts add up to trials and each rate and Wilson bound is the one byzsim
// prints for count/trials. Exact rows: no counts, lo = hi = p, and the rates add up to 1.
void check_outcomes(const std::string& where, const OutcomeColumns& columns,
                    const std::vector<std::string>& fields);

}  // namespace byzsim::cli
