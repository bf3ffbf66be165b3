// Importance-sampling scenarios from JSON text, run through run_batch, with their row stats and
// the exact p_wrong: what the importance unit and statistical tests share.
#pragma once

#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include "analysis/exact/exact.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/report/row.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/diagnostics_support.hpp"
#include "tests/unit/run_point.hpp"

namespace byzsim::testing {

// A voting scenario estimated by importance sampling: `agents` and extra top-level members
// (`extra`, starting with a comma) as JSON text.
inline std::string importance_json(const std::string& protocol, const std::string& agents,
                                   std::uint64_t seed, std::uint64_t trials,
                                   const std::string& extra = "") {
  return R"({"seed": )" + std::to_string(seed) + R"(, "trials": )" + std::to_string(trials) +
         R"(, "truth": {"p_good": 0.5}, "protocol": {"type": ")" + protocol + R"("}, "agents": )" +
         agents + extra + "}";
}

inline Scenario load_one(const std::string& text) {
  const LoadResult result = load_scenario_text(text, "importance.json");
  INFO(all_messages(result));
  REQUIRE(result.ok());
  return result.scenario->points.at(0).scenario;
}

struct Estimate {
  Interval wrong;
  ImportanceStats stats;
};

inline Estimate estimate(const Scenario& s, int threads = 1) {
  const Tally tally = run_point(s, threads);
  Interval rates[kOutcomeCount];
  Estimate e;
  e.stats = importance_stats(tally, s.estimator, rates);
  e.wrong = rates[static_cast<int>(Outcome::wrong)];
  return e;
}

inline double exact_p_wrong(const Scenario& s) {
  const ExactReport report = compute_exact(s, spec_of(s.protocol).exact.value());
  REQUIRE(report.outcome);
  return report.outcome->p_wrong;
}

}  // namespace byzsim::testing
