// The general per-trial columns: quantities every trial measures whatever its protocol
// (TrialResult), every point sums (Tally::general_sums) and every row prints as a mean, rate or
// quantile. This table is their one home: adding such a column is one row here, plus the
// measurement where the trial computes it when no TrialResult field holds it yet. The tally
// sums it, report/ prints it (CSV, JSON) where `place` says, the sidecar describes it, merge
// and the MPI codec carry it, analysis/exact gives its expectation where it can (exact rows
// leave the others empty) and `byzsim plan` prints the worst case of the rows marked `plan`.
// A protocol's own measurements are its result columns instead (ProtocolSpec).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "sim/core/column_kind.hpp"
#include "sim/core/outcome.hpp"
#include "sim/core/time.hpp"

namespace byzsim {

// Where a row prints the column (the order of a row: docs/output.md). Existing columns never
// move; a new one goes at the end of its part.
enum class ColumnPlace : std::uint8_t {
  outcome,    // after the rate columns, before the sweep axes (mean_rounds ... mean_messages)
  extra,      // after the sweep axes, with the extras of the file's scenarios
  behaviour,  // after the protocols' result columns, before the design columns
};
inline constexpr int kColumnPlaceCount = 3;

// The trials a mean is over: all of the point's, or those that decided (correct or wrong).
enum class ColumnOver : std::uint8_t { trials, decided };

// The scenarios whose rows have a value (the column is in a file where one of its scenarios
// has it; other rows leave it empty).
enum class ColumnApplies : std::uint8_t { always, corruption };

struct GeneralColumn {
  std::string_view name;
  ColumnKind kind;               // mean, rate (a mean of 0/1 values) or quantile
  std::string_view label;        // short, for a plot's axis
  std::string_view description;  // one line, for the sidecar
  ColumnPlace place;
  // The trial's value, summed over the point's trials (null: a quantile, read from the latency
  // histogram, which holds every decided trial's latency).
  std::uint64_t (*per_trial)(const TrialResult&) = nullptr;
  ColumnOver over = ColumnOver::trials;
  double unit = 1;  // printed: sum / trials / unit (nanoseconds to seconds: 1e9)
  ColumnApplies applies = ColumnApplies::always;
  bool plan = false;    // `byzsim plan` prints its worst case over a design's variants
  double quantile = 0;  // for a quantile column: which one
};

inline constexpr GeneralColumn kGeneralColumns[] = {
    {.name = "mean_rounds",
     .kind = ColumnKind::mean,
     .label = "mean rounds",
     .description = "rounds (views under pbft) started per trial",
     .place = ColumnPlace::outcome,
     .per_trial = [](const TrialResult& r) -> std::uint64_t { return r.rounds; },
     .plan = true},
    {.name = "mean_latency_s",
     .kind = ColumnKind::mean,
     .label = "mean latency (s)",
     .description = "simulated seconds from the proposal to the decision, over decided trials",
     .place = ColumnPlace::outcome,
     .per_trial = [](const TrialResult& r) -> std::uint64_t {
       return is_decided(r) ? static_cast<std::uint64_t>(r.latency_ns) : 0;
     },
     .over = ColumnOver::decided,
     .unit = static_cast<double>(kSecond),
     .plan = true},
    {.name = "p99_latency_s",
     .kind = ColumnKind::quantile,
     .label = "p99 latency (s)",
     .description = "the 99th percentile of the decision latency over decided trials, in "
                    "seconds, to within 0.8% (a fixed log-linear histogram)",
     .place = ColumnPlace::outcome,
     .over = ColumnOver::decided,
     .unit = static_cast<double>(kSecond),
     .quantile = 0.99},
    {.name = "mean_messages",
     .kind = ColumnKind::mean,
     .label = "mean messages per trial",
     .description = "messages sent per trial, lost ones included",
     .place = ColumnPlace::outcome,
     .per_trial = [](const TrialResult& r) -> std::uint64_t { return r.messages; },
     .plan = true},
    {.name = "mean_corrupted",
     .kind = ColumnKind::mean,
     .label = "mean corrupted agents",
     .description = "honest agents the corruption block replaced per trial (scenarios with "
                    "corruption; empty on other rows)",
     .place = ColumnPlace::extra,
     .per_trial = [](const TrialResult& r) -> std::uint64_t { return r.corrupted; },
     .applies = ColumnApplies::corruption},
    {.name = "mean_honest",
     .kind = ColumnKind::mean,
     .label = "agents behaving honestly",
     .description = "agents that behaved as honest per trial, after corruption (the column "
                    "honest counts the configured group)",
     .place = ColumnPlace::behaviour,
     .per_trial = [](const TrialResult& r) -> std::uint64_t { return r.behaved[0]; }},
    {.name = "mean_malicious",
     .kind = ColumnKind::mean,
     .label = "agents behaving maliciously",
     .description = "agents that behaved as malicious per trial, corrupted ones included",
     .place = ColumnPlace::behaviour,
     .per_trial = [](const TrialResult& r) -> std::uint64_t { return r.behaved[1]; }},
    {.name = "mean_faulty",
     .kind = ColumnKind::mean,
     .label = "agents behaving faultily",
     .description = "agents that behaved as faulty per trial, corrupted ones included",
     .place = ColumnPlace::behaviour,
     .per_trial = [](const TrialResult& r) -> std::uint64_t { return r.behaved[2]; }},
};

inline constexpr std::size_t kGeneralColumnCount = std::size(kGeneralColumns);

// The index of the general column `name`, at compile time: a name not in the table does not
// compile (code that reads one column by its meaning, e.g. plan's latency target).
consteval std::size_t general_column(std::string_view name) {
  for (std::size_t i = 0; i < kGeneralColumnCount; ++i)
    if (kGeneralColumns[i].name == name) return i;
  throw "general_column: no general column of that name";
}

}  // namespace byzsim
