// The columns of importance-sampling rows (docs/rare-events.md, docs/output.md): the
// estimator, per rate its standard error, relative error and effective sample size, and the
// degeneracy flag. They appear only in files with an importance scenario, after the extras.
#pragma once

#include <array>

#include "sim/report/row_format.hpp"

namespace byzsim {

struct ImportanceColumn {
  ColumnInfo info;
  ColumnValue (*value)(const Row& row);
};

inline constexpr std::size_t kImportanceColumnCount = 2 + 3 * kOutcomeCount;
extern const std::array<ImportanceColumn, kImportanceColumnCount> kImportanceColumns;

}  // namespace byzsim
