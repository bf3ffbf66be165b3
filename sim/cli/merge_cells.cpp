// Cell checks: a merged file must be one byzsim could have written, so a damaged or edited
// cell (a NaN, a negative mean, a count that does not add up) stops the merge before anything
// is written.
#include "sim/cli/merge_cells.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/cli/cli_common.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"

namespace byzsim::cli {

namespace {

[[noreturn]] void refuse(const std::string& where, const std::string& column,
                         const std::string& what) {
  throw UsageError{where + ": error: column '" + column + "': " + what};
}

// A number as byzsim prints it: decimal or exponent form; no "nan", "inf" or spaces.
bool parse_finite(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end && std::isfinite(value);
}

// An outcome's count column (`correct`) and its rate and bounds (`p_correct`, `_lo`, `_hi`).
std::string count_name(int outcome) {
  return std::string(outcome_column(outcome, OutcomeColumn::count));
}
std::string rate_name(int outcome, int part) {
  constexpr OutcomeColumn kParts[3] = {OutcomeColumn::rate, OutcomeColumn::lo, OutcomeColumn::hi};
  return std::string(outcome_column(outcome, kParts[part]));
}

const std::string kEdited =
    "; the file was edited or damaged (accepted: rows as byzsim writes them)";

void check_simulated(const std::string& where, const OutcomeColumns& c,
                     const std::vector<std::string>& fields) {
  std::uint64_t trials = 0, counts[kOutcomeCount] = {};
  if (!parse_u64(fields[c.trials], trials) || trials == 0)
    refuse(where, "trials",
           "'" + fields[c.trials] + "' is not a trial count of at least 1" + kEdited);
  unsigned __int128 sum = 0;
  for (int i = 0; i < kOutcomeCount; ++i) {
    if (!parse_u64(fields[c.counts[i]], counts[i]))
      refuse(where, count_name(i), "'" + fields[c.counts[i]] + "' is not a whole number" + kEdited);
    sum += counts[i];
  }
  if (sum != trials)
    refuse(where, "trials",
           "correct + wrong + no_consensus + disagreement = " +
               std::to_string(static_cast<std::uint64_t>(sum)) +
               " (or more), not trials = " + std::to_string(trials) + kEdited);
  for (int i = 0; i < kOutcomeCount; ++i) {
    const Interval expected = wilson95(counts[i], trials);
    const double values[3] = {expected.p, expected.lo, expected.hi};
    for (int k = 0; k < 3; ++k) {
      const std::string printed = format_number(values[k]);
      if (fields[c.rates[i][k]] != printed)
        refuse(where, rate_name(i, k),
               "'" + fields[c.rates[i][k]] + "' does not match " + count_name(i) + " = " +
                   std::to_string(counts[i]) + " of trials = " + std::to_string(trials) + " (" +
                   printed + ")" + kEdited);
    }
  }
}

// Exact rows computed each rate; the printed rates (12 significant digits) add up to 1 far closer
// than 1e-6, which a changed rate does not.
void check_exact(const std::string& where, const OutcomeColumns& c,
                 const std::vector<std::string>& fields) {
  double sum = 0;
  for (int i = 0; i < kOutcomeCount; ++i) {
    if (!fields[c.counts[i]].empty())
      refuse(where, count_name(i),
             "'" + fields[c.counts[i]] + "' in an exact row, which has no counts" + kEdited);
    const std::string& p = fields[c.rates[i][0]];
    if (fields[c.rates[i][1]] != p || fields[c.rates[i][2]] != p)
      refuse(where, rate_name(i, fields[c.rates[i][1]] != p ? 1 : 2),
             "not equal to " + rate_name(i, 0) + " = '" + p + "', as in every exact row" + kEdited);
    double value = 0;
    if (!parse_finite(p, value))
      refuse(where, rate_name(i, 0), "'" + p + "' is not a number" + kEdited);
    sum += value;
  }
  if (std::fabs(sum - 1) > 1e-6)
    refuse(where, rate_name(0, 0),
           "the four outcome rates add up to " + format_number(sum) + ", not 1" + kEdited);
}

}  // namespace

bool parse_u64(const std::string& text, std::uint64_t& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end;
}

OutcomeColumns find_outcome_columns(const std::string& path,
                                    const std::vector<std::string>& header) {
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw UsageError{path + ":1: error: no '" + name + "' column: not a byzsim output"};
    return static_cast<std::size_t>(it - header.begin());
  };
  OutcomeColumns c;
  c.method = column("method");
  c.trials = column("trials");
  for (int i = 0; i < kOutcomeCount; ++i) {
    c.counts[i] = column(count_name(i));
    for (int k = 0; k < 3; ++k) c.rates[i][k] = column(rate_name(i, k));
  }
  if (const auto it = std::find(header.begin(), header.end(), "estimator"); it != header.end())
    c.estimator = static_cast<std::size_t>(it - header.begin());
  return c;
}

void check_cell(const std::string& where, const std::string& column, ColumnKind kind,
                const std::string& text) {
  if (text.empty()) return;
  std::uint64_t count = 0;
  double value = 0;
  switch (kind) {
    case ColumnKind::count:
      if (!parse_u64(text, count))
        refuse(where, column, "'" + text + "' is not a count; accepted: a whole number >= 0");
      return;
    case ColumnKind::rate:
    case ColumnKind::interval:
      if (!parse_finite(text, value) || value < 0 || value > 1)
        refuse(where, column,
               "'" + text + "' is not a probability; accepted: a number from 0 to 1");
      return;
    case ColumnKind::mean:
    case ColumnKind::quantile:
      if (!parse_finite(text, value) || value < 0)
        refuse(where, column,
               "'" + text + "' is not a finite number >= 0; accepted: a " +
                   std::string(to_string(kind)) + " per trial, which is never negative");
      return;
    case ColumnKind::fixed:
    case ColumnKind::axis:
      return;
  }
}

void check_outcomes(const std::string& where, const OutcomeColumns& columns,
                    const std::vector<std::string>& fields) {
  // Importance rows' rates are weighted estimates, not counts over trials: their cells are
  // checked as probabilities (check_cell) and nothing else ties them to the counts.
  if (columns.estimator && fields[*columns.estimator] == "importance") return;
  if (fields[columns.method] == "sim")
    check_simulated(where, columns, fields);
  else
    check_exact(where, columns, fields);
}

}  // namespace byzsim::cli
