// The worked example of docs/adversary.md compiles, is the text the page shows, loads from JSON
// through a table of one's own and runs under pbft: it changes messages (the trace says so)
// and, with b <= f, cannot break safety.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "docs/examples/contradict.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/run_point.hpp"

using namespace byzsim;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/adversary.md shows the example exactly as compiled") {
  const std::string source = std::string(BYZSIM_SOURCE_DIR);
  const std::string example = read_file(source + "/docs/examples/contradict.hpp");
  const std::string page = read_file(source + "/docs/adversary.md");
  REQUIRE_FALSE(example.empty());
  CHECK(page.find(example) != std::string::npos);
}

TEST_CASE("the example strategy loads from JSON and acts on pbft's messages") {
  static const StrategySpec row = example::contradict_row();
  StrategyTable table = StrategyTable::builtin();
  REQUIRE(table.add(&row));
  LoadOptions options;
  options.strategies = &table;
  const LoadResult loaded = load_scenario_text(
      R"({"name": "contradict", "seed": 11, "trials": 3000, "protocol": {"type": "pbft"},
          "network": {"latency": {"dist": "uniform", "min": "1ms", "max": "40ms"}},
          "agents": [{"role": "honest", "count": 3, "accuracy": 0.9},
                     {"role": "malicious", "count": 1, "strategy": "contradict"}]})",
      "contradict.json", options);
  REQUIRE(loaded.ok());
  const Scenario& s = loaded.scenario->points[0].scenario;

  const Tally tally = testing::run_point(s);
  CHECK(tally.safety_violations == 0);
  CHECK(tally.count(Outcome::disagreement) == 0);

  // Some trial shows the contradiction in its trace.
  TrialRunner runner;
  runner.prepare(s, 0);
  bool seen = false;
  for (std::uint64_t trial = 0; trial < 50 && !seen; ++trial) {
    TraceBuffer trace;
    runner.run(trial, &trace);
    for (const TraceRecord& r : trace.records())
      if (r.adversary == "contradicted the majority received" && r.original != r.value) seen = true;
  }
  CHECK(seen);

  // Under a coordinator it is refused: it needs agent-to-agent messages.
  const LoadResult refused = load_scenario_text(
      R"({"name": "c", "protocol": {"type": "coordinator-vote"},
          "agents": [{"role": "honest", "count": 3},
                     {"role": "malicious", "count": 1, "strategy": "contradict"}]})",
      "c.json", options);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.diagnostics.front().pointer == "/agents/1/strategy");
}
