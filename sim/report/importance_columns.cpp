// kImportanceColumns: empty cells on plain rows of a file that also has importance rows,
// except `estimator`, which says "plain" there.
#include "sim/report/importance_columns.hpp"

namespace byzsim {

namespace {

using K = ColumnKind;

template <int outcome, int part>
ColumnValue stat_of(const Row& r) {
  if (!r.importance) return std::monostate{};
  const ImportanceRate& rate = r.importance->rates[outcome];
  if (part == 0) return rate.se;
  if (part == 1) return rate.rel_err ? ColumnValue(*rate.rel_err) : ColumnValue(std::monostate{});
  return rate.ess;
}

#define BYZSIM_STATS(o, rate)                                                                  \
  ImportanceColumn{{rate "_se", K::mean, "", "importance rows: the standard error of " rate},  \
                   stat_of<o, 0>},                                                             \
      ImportanceColumn{{rate "_rel_err", K::mean, "",                                          \
                        "importance rows: " rate "_se / " rate " (empty when " rate " is 0)"}, \
                       stat_of<o, 1>},                                                         \
      ImportanceColumn {                                                                       \
    {rate "_ess", K::mean, "",                                                                 \
     "importance rows: the effective sample size (sum w)^2 / sum w^2 over the trials with "    \
     "this outcome"},                                                                          \
        stat_of<o, 2>                                                                          \
  }

}  // namespace

const std::array<ImportanceColumn, kImportanceColumnCount> kImportanceColumns = {
    ImportanceColumn{{"estimator", K::fixed, "estimator",
                      "plain, or importance: rates estimated by importance sampling, their _lo "
                      "and _hi the 95% normal interval of the weighted estimate"},
                     [](const Row& r) -> ColumnValue {
                       if (r.method == "exact") return std::monostate{};
                       return std::string_view(r.importance ? "importance" : "plain");
                     }},
    BYZSIM_STATS(0, "p_correct"),
    BYZSIM_STATS(1, "p_wrong"),
    BYZSIM_STATS(2, "p_no_consensus"),
    BYZSIM_STATS(3, "p_disagreement"),
    ImportanceColumn{{"importance_status", K::fixed, "",
                      "importance rows: ok, or why p_wrong is not to be trusted (degenerate: "
                      "low ess, no wrong trial, pilot found no wrong trial)"},
                     [](const Row& r) -> ColumnValue {
                       if (!r.importance) return std::monostate{};
                       return r.importance->status;
                     }},
};
#undef BYZSIM_STATS

}  // namespace byzsim
