// Sweeps: the scenario's "sweep" keys in file order, then --vary in command-line order, expanded
// row-major, each point validated on its own.
#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

LoadedScenario load_ok(const std::string& text, const LoadOptions& options = {}) {
  LoadResult result = load_scenario_text(text, "sweep.json", options);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  return *result.scenario;
}

const std::string kTwoGroups = R"({
  "agents": [{"role": "honest", "count": 5}, {"role": "malicious", "count": 1}],
  "sweep": { "/agents/1/count": [0, 1, 2, 3], "/protocol/f": "1:3" }
})";

}  // namespace

TEST_CASE("a scenario without sweep has one point, index 0") {
  const auto loaded = load_ok(R"({"agents": [{"role": "honest", "count": 3}]})");
  CHECK(loaded.axes.empty());
  REQUIRE(loaded.points.size() == 1);
  CHECK(loaded.points[0].index == 0);
  CHECK(loaded.points[0].axis_values.empty());
}

TEST_CASE("sweep axes keep the file's key order and expand row-major") {
  // The keys are not in alphabetical order: "/protocol/f" < "/agents/1/count" would be wrong.
  const auto loaded = load_ok(R"({
    "agents": [{"role": "honest", "count": 6}, {"role": "malicious", "count": 1}],
    "sweep": { "/protocol/f": [0, 1], "/agents/1/count": [0, 1, 2] }
  })");
  REQUIRE(loaded.axes.size() == 2);
  CHECK(loaded.axes[0].pointer == "/protocol/f");
  CHECK(loaded.axes[1].pointer == "/agents/1/count");
  REQUIRE(loaded.points.size() == 6);
  const int expected[6][2] = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
  for (int i = 0; i < 6; ++i) {
    const auto& point = loaded.points[static_cast<std::size_t>(i)];
    CHECK(point.index == i);
    CHECK(point.axis_values[0] == expected[i][0]);
    CHECK(point.axis_values[1] == expected[i][1]);
    CHECK(point.scenario.protocol.f == expected[i][0]);
    CHECK(point.scenario.agents[1].count == expected[i][1]);
    CHECK(point.scenario.n() == 6 + expected[i][1]);
  }
}

TEST_CASE("the contract's sweep gives 12 points with n from the swept count") {
  const auto loaded = load_ok(kTwoGroups);
  REQUIRE(loaded.points.size() == 12);
  CHECK(loaded.axes[1].values.size() == 3);
  const auto& last = loaded.points[11].scenario;
  CHECK(last.n() == 8);
  CHECK(last.protocol.f == 3);
  CHECK(last.protocol.f_given);
  CHECK(last.protocol.approve_quorum == 5);  // n - f
  CHECK(last.protocol.reject_quorum == 4);   // f + 1
}

TEST_CASE("f follows its default when a swept count changes n") {
  const auto loaded = load_ok(R"({
    "agents": [{"role": "honest", "count": 1}],
    "sweep": { "/agents/0/count": "1:10" }
  })");
  REQUIRE(loaded.points.size() == 10);
  for (const auto& point : loaded.points) {
    const int n = point.scenario.n();
    CHECK(point.scenario.protocol.f == (n - 1) / 3);
    CHECK_FALSE(point.scenario.protocol.f_given);
    CHECK(point.scenario.protocol.approve_quorum == n - (n - 1) / 3);
  }
}

TEST_CASE("ranges take a step, and lists take any values") {
  LoadOptions options;
  options.varies = {"/seed=0:10:5", "/protocol/type=coordinator-vote,majority",
                    "/agents/0/accuracy=0:1:0.25"};
  const auto loaded = load_ok(R"({"agents": [{"role": "honest", "count": 3}]})", options);
  REQUIRE(loaded.axes.size() == 3);
  CHECK(loaded.axes[0].values == std::vector<nlohmann::json>{0, 5, 10});
  CHECK(loaded.axes[1].values == std::vector<nlohmann::json>{"coordinator-vote", "majority"});
  CHECK(loaded.axes[2].values == std::vector<nlohmann::json>{0.0, 0.25, 0.5, 0.75, 1.0});
  CHECK(loaded.points.size() == 30);
  CHECK(loaded.points[29].scenario.seed == 10);
  CHECK(loaded.points[29].scenario.protocol.name() == "majority");
  CHECK(loaded.points[29].scenario.agents[0].accuracy == 1.0);
}

TEST_CASE("decimal ranges do not drift") {
  LoadOptions options;
  options.varies = {"/network/drop=0:0.3:0.1"};
  const auto loaded = load_ok(R"({"agents": [{"role": "honest", "count": 3}]})", options);
  CHECK(loaded.axes[0].values == std::vector<nlohmann::json>{0.0, 0.1, 0.2, 0.3});
}

TEST_CASE("option --vary axes come after the file's, in command-line order") {
  LoadOptions options;
  options.varies = {"/trials=100,200", "/seed=1:2"};
  const auto loaded = load_ok(kTwoGroups, options);
  REQUIRE(loaded.axes.size() == 4);
  CHECK(loaded.axes[2].pointer == "/trials");
  CHECK(loaded.axes[3].pointer == "/seed");
  REQUIRE(loaded.points.size() == 48);
  CHECK(loaded.points[1].scenario.seed == 2);  // the last axis is the fastest
  CHECK(loaded.points[1].scenario.trials == 100);
  CHECK(loaded.points[2].scenario.trials == 200);
  CHECK(loaded.points[4].scenario.protocol.f == 2);
}

TEST_CASE("option --set may change or drop the file's sweep") {
  LoadOptions options;
  options.sets = {"/sweep={}"};
  CHECK(load_ok(kTwoGroups, options).points.size() == 1);
  options.sets = {"/sweep/~1protocol~1f=[1]"};
  CHECK(load_ok(kTwoGroups, options).points.size() == 4);
}

TEST_CASE("a sweep key that names no value is reported at the key") {
  const std::string text = R"({
  "agents": [{"role": "honest", "count": 5}],
  "sweep": { "/agents/3/count": [1, 2] }
})";
  LoadResult result = load_scenario_text(text, "sweep.json");
  REQUIRE(result.diagnostics.size() == 1);
  const Diagnostic& d = result.diagnostics[0];
  CHECK(d.file == "sweep.json");
  CHECK(d.pointer == "/sweep/~1agents~13~1count");
  CHECK(d.line == 3);
  CHECK(d.column == 14);
  CHECK(d.message.find("index 3 is out of range") != std::string::npos);
  CHECK_FALSE(result.scenario.has_value());
}

TEST_CASE("a sweep key whose parent is missing is reported") {
  LoadResult result = load_scenario_text(
      R"({"agents": [{"role": "honest", "count": 5}], "sweep": {"/corruption/p": [0.1]}})",
      "sweep.json");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message.find("has no key 'corruption'") != std::string::npos);
}

TEST_CASE("a bad --vary is reported on the command line") {
  LoadOptions options;
  options.varies = {"/protocol/g/h=1:3", "/seed=3:1:1", "/seed", "/trials=1:2:0"};
  LoadResult result =
      load_scenario_text(R"({"agents": [{"role": "honest", "count": 5}]})", "sweep.json", options);
  REQUIRE(result.diagnostics.size() == 4);
  for (const auto& d : result.diagnostics) CHECK(d.file == "<command line>");
}

TEST_CASE("a point that is invalid fails the whole load and names the point") {
  LoadResult result = load_scenario_text(R"({
    "agents": [{"role": "honest", "count": 5}, {"role": "malicious", "count": 1}],
    "protocol": {"f": 4},
    "sweep": {"/agents/0/count": [5, 3, 2]}
  })",
                                         "sweep.json");
  INFO(all_messages(result));
  REQUIRE_FALSE(result.ok());
  CHECK_FALSE(result.scenario.has_value());
  REQUIRE(result.diagnostics.size() == 2);  // n = 4 and n = 3 give different messages
  const Diagnostic& d = result.diagnostics[0];
  CHECK(d.pointer == "/protocol/f");
  CHECK(d.message == "'f' is 4, not less than n = 4 at sweep point 1 (/agents/0/count=3)");
}

TEST_CASE("a problem from a swept value points at that value in the sweep") {
  LoadResult result = load_scenario_text(R"({
    "agents": [{"role": "honest", "count": 5, "accuracy": 0.9}],
    "sweep": {"/agents/0/accuracy": [0.5, 1.5, 2.5]}
  })",
                                         "sweep.json");
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].message ==
        "'accuracy' is 1.5, above 1 at sweep point 1 "
        "(/agents/0/accuracy=1.5)");
  CHECK(result.diagnostics[0].line == 3);
  CHECK(result.diagnostics[0].column == 43);  // 1.5
  CHECK(result.diagnostics[1].column == 48);  // 2.5
}

TEST_CASE("a problem at several points is reported once, naming the first") {
  LoadOptions options;
  options.varies = {"/agents/0/count=1:6"};
  LoadResult result = load_scenario_text(
      R"({"agents": [{"role": "honest", "count": 5}], "protocol": {"approve_quorum": 3}})",
      "sweep.json", options);
  REQUIRE(result.diagnostics.size() == 2);  // "more than n = 1" and "more than n = 2"
  CHECK(result.diagnostics[0].message ==
        "'approve_quorum' is 3, more than n = 1 at sweep point 0 (/agents/0/count=1)");
  options.varies = {"/truth=good,bd,bd"};
  LoadResult shared =
      load_scenario_text(R"({"agents": [{"role": "honest", "count": 5}]})", "sweep.json", options);
  REQUIRE(shared.diagnostics.size() == 1);
  CHECK(shared.diagnostics[0].message.find("at sweep point 1 (/truth=\"bd\") and 1 more point") !=
        std::string::npos);
}

TEST_CASE("a problem shared by every point is reported once, without a point") {
  LoadResult result = load_scenario_text(R"({
    "agents": [{"role": "honest", "count": 5, "accuray": 0.9}],
    "sweep": {"/seed": "1:50"}
  })",
                                         "sweep.json");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message == "unknown key 'accuray'");
}

TEST_CASE("too many sweep points are refused before any work") {
  LoadOptions options;
  options.varies = {"/seed=1:1000", "/trials=1:1001"};
  LoadResult result =
      load_scenario_text(R"({"agents": [{"role": "honest", "count": 5}]})", "sweep.json", options);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message.find("more than 1000000 points") != std::string::npos);
}

}  // namespace byzsim
