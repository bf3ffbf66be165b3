// Loads scenario files: JSON text -> validated Scenario per sweep point (every point held, or
// made when asked: LoadOptions::lazy), or diagnostics.
// Used by every CLI command that reads scenarios; pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/json/diagnostic.hpp"
#include "sim/model/loaded_scenario.hpp"

namespace byzsim {

class ProtocolRegistry;  // sim/protocols/registry.hpp
class StrategyTable;

// Command-line changes applied to the document before validation.
struct LoadOptions {
  std::vector<std::string> sets;    // "PTR=VALUE" (VALUE parsed as JSON, else a string)
  std::vector<std::string> varies;  // "[NAME:]PTR=SPEC": "0:4", "0:10:2", "a,b,c", "floor(n/3)"
  std::vector<std::string> wheres;  // constraints: points where the expression is 0 are dropped
  // Bounds on the sweep (kMaxSweepPoints and kMaxUnconstrainedPoints by default). Only the fuzz
  // targets lower them: they explore the loader's logic, and a sweep of 100,000 points takes
  // minutes in an instrumented build (scale is covered by the tests and benchmarks).
  std::size_t max_sweep_points = 1000000;
  std::size_t max_unconstrained_points = 10000000;
  // Every point is still converted and checked, but not kept: LoadedScenario::lazy makes them
  // (byzsim run), and `points` holds one point per kind of row. Otherwise all are kept.
  bool lazy = false;
  // What one trial may need (--memory-limit): a protocol refuses sizes beyond it
  // (ProtocolSpec::refuse_size) with its estimate.
  std::uint64_t memory_budget = std::uint64_t{4} << 30;
  const ProtocolRegistry* protocols = nullptr;  // the protocols "type" may name; null: builtin
  const StrategyTable* strategies = nullptr;    // the strategies agents may name; null = builtin
};

struct LoadResult {
  std::optional<LoadedScenario> scenario;  // set only when diagnostics is empty
  Diagnostics diagnostics;
  // Not errors: things a user most likely did not mean (n < 3f+1 for the protocol's
  // guarantees, a swept value that changes nothing, --set replacing a sweep axis). Printed
  // to stderr as "warning: ..." by every command that loads scenarios; never change the exit.
  Diagnostics warnings;
  bool ok() const { return diagnostics.empty(); }
};

LoadResult load_scenario_file(const std::string& path, const LoadOptions& options = {});
// `file_label` is what messages call the text (a path, usually).
LoadResult load_scenario_text(const std::string& text, const std::string& file_label,
                              const LoadOptions& options = {});

}  // namespace byzsim
