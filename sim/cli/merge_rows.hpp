// Every cell merge reads, checked against what the sidecar says the row measured and against
// the kind of its column (sim/report's column tables): rows that byzsim would not have written
// for that run are refused, naming the file, the line and the column.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/cli/merge_inputs.hpp"
#include "sim/core/column_kind.hpp"
#include "sim/scenario/sidecar_points.hpp"

namespace byzsim::cli {

// Where a row belongs: an entry of the sidecar's "scenarios" and a point of it.
struct RowKey {
  std::uint32_t scenario = 0;
  std::uint32_t point = 0;
};

class RowChecker {
 public:
  // Opens every scenario of the plan's sidecar (`plan` must outlive the checker); throws
  // UsageError when one does not load.
  explicit RowChecker(const MergePlan& plan);

  // Checks the header of `path` (the columns byzsim writes for these scenarios, as its sidecar
  // lists them) and learns where each column is. Throws UsageError.
  void set_header(const std::string& path, const std::vector<std::string>& header);
  // Checks one row of `input`; `where` is "FILE:LINE". `taken(scenario, point)` says whether a
  // row of that point was read already (a scenario run twice in one batch has two entries of
  // one name: a row goes to the first whose point is still free). Throws UsageError.
  RowKey check(const std::string& where, const MergeInput& input,
               const std::vector<std::string>& fields,
               const std::function<bool(std::uint32_t, std::uint32_t)>& taken);

  std::size_t scenario_count() const { return scenarios_.size(); }
  std::size_t point_count(std::size_t scenario) const;
  const std::string& name(std::size_t scenario) const;

 private:
  RowKey locate(const std::string& where, const MergeInput& input,
                const std::vector<std::string>& fields,
                const std::function<bool(std::uint32_t, std::uint32_t)>& taken) const;
  void check_identity(const std::string& where, RowKey key,
                      const std::vector<std::string>& fields) const;
  void check_kinds(const std::string& where, const std::vector<std::string>& fields);
  std::size_t column(const std::string& name) const;  // its index; the header has it

  const MergePlan& plan_;
  std::string meta_path_;  // the sidecar the rows are checked against, for messages
  std::vector<SidecarScenario> scenarios_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_name_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::optional<ColumnKind>> kinds_;  // per column; axis columns: ColumnKind::axis
  std::optional<std::string> set_;                // the `set` column: one value in every row
};

}  // namespace byzsim::cli
