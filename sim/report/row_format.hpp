// The column layout of one output file and the CSV (RFC 4180) and JSON spellings of rows.
// Columns: the contract's fixed list, then sweep axes (union, first-seen order), then extras,
// then the design columns every row carries (docs/output.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/loaded_scenario.hpp"
#include "sim/report/row.hpp"

namespace byzsim {

extern const std::vector<std::string> kContractColumns;

class RowFormat {
 public:
  // `set_column`: the run's --set assignments, ';'-joined in command-line order (the same on
  // every row of the file).
  static RowFormat for_scenarios(const std::vector<const LoadedScenario*>& scenarios,
                                 std::string set_column = "");

  const std::vector<std::string>& columns() const { return columns_; }
  std::string csv_header() const;             // ends with '\n'
  std::string csv_row(const Row& row) const;  // ends with '\n'
  nlohmann::ordered_json json_row(const Row& row) const;

 private:
  template <class Fields>
  void visit(const Row& row, Fields& fields) const;

  std::vector<std::string> columns_;
  std::vector<std::string> axis_columns_;
  std::vector<std::string_view> protocol_columns_;  // the result columns of the file's protocols
  bool has_corrupted_ = false;
  bool has_cost_ = false;
  bool has_views_ = false;  // some row's protocol counts its rounds in views
  std::string set_column_;
};

// The design columns appended to every row, after the extras (a protocol whose rounds are views
// adds kViewsColumn after max_rounds).
extern const std::vector<std::string> kDesignColumns;
// The `set` column's text for these --set assignments.
std::string set_column_text(const std::vector<std::string>& sets);

// Numbers as rows print them: up to 10 significant digits, no trailing noise.
std::string format_number(double value);
// A field quoted per RFC 4180 when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);
// Fields joined by commas, each quoted as needed, ending with '\n'.
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace byzsim
