// Sweep points after the first are converted incrementally (only the sections their axes
// touch are read again). Each point must equal the scenario a file with that point's values
// gives when converted whole, for axes in every section, and problems must be the same.
#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"
#include "tests/unit/diagnostics_support.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

const std::string kBase = R"({
  "name": "inc", "seed": 3, "trials": 50,
  "truth": {"p_good": 0.4},
  "protocol": {"type": "coordinator-vote", "approve_quorum": "70%", "max_rounds": 2},
  "agents": [{"role": "honest", "count": 6, "accuracy": 0.9},
             {"role": "malicious", "count": 2, "strategy": "oppose-truth"},
             {"role": "faulty", "count": 1, "strategy": "crash", "at": "1s"}],
  "network": {"latency": {"dist": "uniform", "min": "5ms", "max": "50ms"}, "drop": 0.01,
              "links": [{"from": 0, "to": 8, "factor": 3}]},
  "corruption": {"count": "0:1", "role": "faulty", "strategy": "random"},
  "costs": {"wrong": 100, "no_consensus": 5},
  "limits": {"events": 100000}
})";

// Every point of `base` swept by `varies`, against a whole conversion of the same file with
// the point's values set (--set), which takes no sweep path at all.
void require_points_equal_whole_conversions(const std::vector<std::string>& varies,
                                            const std::string& base = kBase) {
  LoadOptions options;
  options.varies = varies;
  const LoadResult swept = load_scenario_text(base, "inc.json", options);
  INFO(all_messages(swept));
  REQUIRE(swept.ok());
  const LoadedScenario& loaded = *swept.scenario;
  REQUIRE(loaded.points.size() > 2);
  for (const ScenarioPoint& point : loaded.points) {
    LoadOptions single;
    for (std::size_t a = 0; a < loaded.axes.size(); ++a)
      single.sets.push_back(loaded.axes[a].pointer + "=" + point.axis_values[a].dump());
    const LoadResult whole = load_scenario_text(base, "inc.json", single);
    INFO("point " << point.index << ": " << all_messages(whole));
    REQUIRE(whole.ok());
    CHECK(whole.scenario->points.at(0).scenario == point.scenario);
  }
}

}  // namespace

TEST_CASE("incremental sweep points equal whole conversions: top-level values") {
  require_points_equal_whole_conversions({"/seed=1:5", "/trials=10,20"});
  require_points_equal_whole_conversions({"/name=a,b,c"});
  require_points_equal_whole_conversions({"/truth/p_good=0:1:0.25"});
  require_points_equal_whole_conversions({"/costs/wrong=1:4", "/limits/events=10,20"});
}

TEST_CASE("incremental sweep points equal whole conversions: agents change n, quorums follow") {
  // The count changes n, so the 70% quorum, f and the link's agent check are read again.
  require_points_equal_whole_conversions({"/agents/0/count=6:10"});
  require_points_equal_whole_conversions({"/agents/1/strategy=oppose-truth,random,withhold"});
  require_points_equal_whole_conversions({"/agents/0/accuracy=0.5:1:0.1", "/seed=1,2"});
}

TEST_CASE("incremental sweep points equal whole conversions: protocol, network, corruption") {
  require_points_equal_whole_conversions(
      {"/protocol/max_rounds=1:4", "/protocol/type=majority,coordinator-vote"});
  require_points_equal_whole_conversions(
      {"/network/drop=0:0.2:0.05", "/network/latency/max=0.1,0.2"});
  require_points_equal_whole_conversions({"/corruption/count=0:3"});
}

TEST_CASE("a problem at a later point is found as by a whole conversion") {
  LoadOptions options;
  options.varies = {"/agents/0/count=6,1,0"};
  const std::string text = R"({"protocol": {"f": 2},
    "agents": [{"role": "honest", "count": 6}, {"role": "malicious", "count": 1}]})";
  const LoadResult swept = load_scenario_text(text, "inc.json", options);
  REQUIRE_FALSE(swept.ok());
  // f = 2 needs n > 2: point 0 (n = 7) is fine, points 1 (n = 2) and 2 (n = 1) are not.
  CHECK(find(swept, "/protocol/f", "n = 2 at sweep point 1 (/agents/0/count=1)").line == 1);
  CHECK(find(swept, "/protocol/f", "n = 1 at sweep point 2 (/agents/0/count=0)").line == 1);
  CHECK(swept.diagnostics.size() == 2);
}
