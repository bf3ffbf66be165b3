// The column layout of one output file, the CSV (RFC 4180) and JSON spellings of rows and the
// description of every column (the sidecar's "columns"). Columns: the contract's fixed list and
// the general columns placed with it, then sweep axes (union, first-seen order), then extras,
// then the design columns every row carries (docs/output.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/loaded_scenario.hpp"
#include "sim/report/row.hpp"

namespace byzsim {

// The leading columns: the contract's (identity, counts, rates), then the general columns placed
// with them (mean_rounds ... mean_messages).
extern const std::vector<std::string> kContractColumns;

// What the sidecar says of one column (docs/output.md): its kind, a short label for a plot's
// axis (empty: none, the scripts derive one from the name) and a one-line meaning.
struct ColumnInfo {
  std::string_view name;
  ColumnKind kind = ColumnKind::fixed;
  std::string_view label;
  std::string_view description;
};
// The same, owning its text (RowFormat::describe).
struct ColumnDescription {
  std::string name;
  ColumnKind kind = ColumnKind::fixed;
  std::string label;
  std::string description;
};

// An outcome's columns: its count (`correct`), its rate (`p_correct`) and the rate's Wilson
// bounds (`p_correct_lo`, `p_correct_hi`), as the column table spells them.
enum class OutcomeColumn { count, rate, lo, hi };
std::string_view outcome_column(int outcome, OutcomeColumn which);

class RowFormat {
 public:
  // `set_column`: the run's --set assignments, ';'-joined in command-line order (the same on
  // every row of the file).
  // The scenarios must stay where they are while the format is used (rows point into them).
  static RowFormat for_scenarios(const std::vector<const LoadedScenario*>& scenarios,
                                 std::string set_column = "");

  const std::vector<std::string>& columns() const { return columns_; }
  // Every column, in order, with its kind, label and meaning; the names are columns().
  std::vector<ColumnDescription> describe() const;
  std::string csv_header() const;             // ends with '\n'
  std::string csv_row(const Row& row) const;  // ends with '\n'
  // The same line appended to `out` (rows of many points into one buffer, no string each).
  void append_csv_row(const Row& row, std::string& out) const;
  nlohmann::ordered_json json_row(const Row& row) const;

 private:
  template <class Fields>
  void visit(const Row& row, Fields& fields) const;

  struct AxisColumn {
    std::string name;  // the axis's name, else its pointer
    std::string description;
  };
  std::vector<std::string> columns_;
  std::vector<AxisColumn> axes_;
  // For each scenario the format was made for (by the address of its axes, which its rows
  // point to): the index among them of each file axis, or -1. Rows of tiny points are
  // formatted at a rate where matching axis names per row showed.
  struct AxisMap {
    const std::vector<SweepAxis>* axes;
    std::vector<int> index;  // per axes_
  };
  std::vector<AxisMap> axis_maps_;
  // The result columns of the file's protocols, the first of each name (specs are static).
  std::vector<const ResultColumn*> protocol_columns_;
  // Per ColumnPlace, the general columns the file has (mean_corrupted: with corruption).
  std::vector<std::size_t> general_[kColumnPlaceCount];
  bool has_cost_ = false;
  bool has_importance_ = false;  // some point is estimated by importance sampling
  bool has_views_ = false;       // some row's protocol counts its rounds in views
  std::string set_column_;
};

// The sidecar's "columns" (docs/output.md): [{"name", "kind", "label", "description"}, ...].
nlohmann::ordered_json columns_json(const std::vector<ColumnDescription>& columns);

// The design columns appended to every row, after the extras (a protocol whose rounds are views
// adds kViewsColumn after max_rounds).
extern const std::vector<std::string> kDesignColumns;
// The `set` column's text for these --set assignments.
std::string set_column_text(const std::vector<std::string>& sets);

// The kind of the column named `name` among the columns byzsim's tables define (identity,
// outcomes, general, cost, design, every builtin protocol's result columns); none for a sweep
// axis or a name byzsim does not write. Merge checks each cell by its column's kind.
std::optional<ColumnKind> column_kind(std::string_view name);
// What the row prints in each of its fixed columns (identity and design, by column name: empty
// where the row has no value) and in each of its own sweep axes. Merge compares a file's rows
// with the row its sidecar says the point makes.
std::vector<std::pair<std::string, std::string>> identity_fields(const Row& row);

// Numbers as rows print them: up to 10 significant digits, no trailing noise.
std::string format_number(double value);
// A field quoted per RFC 4180 when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);
// Fields joined by commas, each quoted as needed, ending with '\n'.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace byzsim
