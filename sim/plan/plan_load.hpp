// Loads a plan file (JSON) into a PlanSpec, or the problems found, each placed like the
// scenario loader's (file, line:column, JSON pointer, what is wrong, what is accepted).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/json/diagnostic.hpp"
#include "sim/plan/plan_spec.hpp"

namespace byzsim {

struct PlanLoadResult {
  std::optional<PlanSpec> plan;  // set only when diagnostics is empty
  Diagnostics diagnostics;
};

// Bound on the candidates' n: the exact analysis handles 10,000 agents in well under a second.
inline constexpr int kMaxPlanAgents = 10000;

// `sets`: "PTR=VALUE" assignments applied to the document first (VALUE parsed as JSON, else a
// string), as `run --set` does for scenarios; a bad one is a command-line diagnostic.
PlanLoadResult load_plan_text(const std::string& text, const std::string& file_label,
                              const std::vector<std::string>& sets = {});
PlanLoadResult load_plan_file(const std::string& path, const std::vector<std::string>& sets = {});

}  // namespace byzsim
