// Lazily loaded sweeps (LoadOptions::lazy, what `byzsim run` uses): every point made on demand
// equals the point the eager loader keeps, for every kind of sweep; the kept points' bitset and
// the computed ranges agree with plain lists.
#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include <sstream>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario_meta.hpp"
#include "sim/sweep/kept_points.hpp"
#include "sim/sweep/sweep.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

LoadedScenario load_ok(const std::string& text, const LoadOptions& options) {
  LoadResult result = load_scenario_text(text, "lazy.json", options);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  return *result.scenario;
}

// Loads `text` both ways and checks that the lazy points are the eager ones, and that the
// stored points of the lazy load are the first of each kind of row.
void check_lazy_equals_eager(const std::string& text, std::vector<std::string> varies = {},
                             std::vector<std::string> wheres = {}) {
  LoadOptions options;
  options.varies = std::move(varies);
  options.wheres = std::move(wheres);
  const LoadedScenario eager = load_ok(text, options);
  options.lazy = true;
  const LoadedScenario lazy = load_ok(text, options);
  REQUIRE(lazy.lazy != nullptr);
  REQUIRE(lazy.point_count() == eager.points.size());
  CHECK(lazy.unconstrained_points == eager.unconstrained_points);
  REQUIRE(lazy.axes.size() == eager.axes.size());
  for (std::size_t a = 0; a < eager.axes.size(); ++a) {
    CHECK(lazy.axes[a].column() == eager.axes[a].column());
    CHECK(lazy.axes[a].values.empty());
    CHECK(lazy.lazy->axis_value_list(a) == eager.axes[a].values);
  }
  ScenarioPoint made;
  std::vector<nlohmann::json> values;
  for (std::size_t p = 0; p < eager.points.size(); ++p) {
    INFO("point " << p);
    lazy.lazy->make(p, made);
    CHECK(made.index == eager.points[p].index);
    CHECK(made.axis_values == eager.points[p].axis_values);
    CHECK(made.scenario == eager.points[p].scenario);
    lazy.lazy->axis_values(p, values);
    CHECK(values == eager.points[p].axis_values);
  }
  REQUIRE_FALSE(lazy.points.empty());
  CHECK(lazy.points.front().index == 0);
  for (std::size_t k = 1; k < lazy.points.size(); ++k)
    CHECK(lazy.points[k - 1].index < lazy.points[k].index);
}

const std::string kBase = R"({"name": "lazy", "trials": 3,
  "agents": [{"role": "honest", "count": 4, "accuracy": 0.9}, {"role": "malicious", "count": 1}])";

}  // namespace

TEST_CASE("lazy sweep points equal the eager ones: ranges, lists and decimals") {
  check_lazy_equals_eager(kBase + R"(, "sweep": {"/seed": "0:299", "/agents/0/accuracy":
    [0.6, 0.7]}})");
  check_lazy_equals_eager(kBase + "}", {"/seed=10:0:-2", "/agents/0/accuracy=0.5:0.9:0.1"});
}

TEST_CASE("lazy sweep points equal the eager ones: agents, protocol and network re-read") {
  check_lazy_equals_eager(kBase + "}", {"/agents/1/count=0:3",
                                        "/protocol/type=coordinator-vote,"
                                        "majority",
                                        "/seed=0:4"});
}

TEST_CASE("lazy sweep points equal the eager ones: zip, dependent axes and where") {
  check_lazy_equals_eager(kBase + R"J(, "sweep": {
    "/agents/0/count": {"name": "h", "values": [4, 7, 10]},
    "/agents/1/count": {"name": "b", "values": [0, 1, 2]},
    "/protocol/f": "floor((n-1)/3)", "/seed": "0:40", "zip": ["h", "b"],
    "where": "b <= f"}})J");
  check_lazy_equals_eager(kBase + "}", {"b:/agents/1/count=0:5", "/seed=0:300"},
                          {"b % 2 == 0", "n < 9"});
}

TEST_CASE(
    "a seed sweep's points are the scenario loaded with that seed, whatever scratch made them") {
  // A sweep of /seed alone stores the seed without converting the document: each point must
  // still be exactly the scenario a whole load with that seed gives, also when the scratch
  // point it is made into held a later point, another sweep's point or nothing.
  LoadOptions options;
  options.lazy = true;
  options.varies = {"/seed=18446744073709551610,0,7,3"};
  const LoadedScenario lazy = load_ok(kBase + "}", options);
  LoadOptions other_options;
  other_options.lazy = true;
  other_options.varies = {"/agents/1/count=0:2"};
  const LoadedScenario other = load_ok(kBase + "}", other_options);
  const std::vector<std::uint64_t> seeds = {18446744073709551610ULL, 0, 7, 3};
  ScenarioPoint scratch;
  for (std::size_t p : {3, 1, 0, 2, 3}) {
    INFO("point " << p);
    if (p == 0) other.lazy->make(2, scratch);  // a point of another sweep in the scratch
    lazy.lazy->make(p, scratch);
    LoadOptions whole;
    whole.sets = {"/seed=" + std::to_string(seeds[p])};
    const LoadedScenario expected = load_ok(kBase + "}", whole);
    REQUIRE(expected.points.size() == 1);
    CHECK(scratch.scenario == expected.points[0].scenario);
  }
  // A negative seed is still refused where it is, through the whole conversion.
  options.varies = {"/seed=4,-5"};
  const LoadResult bad = load_scenario_text(kBase + "}", "lazy.json", options);
  REQUIRE_FALSE(bad.ok());
  CHECK(all_messages(bad).find("a negative number") != std::string::npos);
  CHECK(all_messages(bad).find("at sweep point 1 (/seed=-5)") != std::string::npos);
}

TEST_CASE("lazy loading keeps one stored point per kind of row, in point order") {
  LoadOptions options;
  options.lazy = true;
  options.varies = {"/seed=0:999", "/protocol/type=coordinator-vote,majority"};
  const LoadedScenario lazy = load_ok(kBase + "}", options);
  CHECK(lazy.point_count() == 2000);
  REQUIRE(lazy.points.size() == 2);
  CHECK(lazy.points[0].index == 0);
  CHECK(lazy.points[1].index == 1);
}

TEST_CASE("a late bad point fails a lazy load as it fails an eager one") {
  LoadOptions options;
  options.varies = {"/agents/0/accuracy=0.5:1.5:0.0001"};
  const LoadResult eager = load_scenario_text(kBase + "}", "lazy.json", options);
  options.lazy = true;
  const LoadResult lazy = load_scenario_text(kBase + "}", "lazy.json", options);
  REQUIRE_FALSE(lazy.ok());
  CHECK_FALSE(lazy.scenario.has_value());
  CHECK(all_messages(lazy) == all_messages(eager));
  CHECK(lazy.diagnostics.size() == 5000);
  CHECK(lazy.diagnostics.front().message.find("at sweep point 5001 (/agents/0/accuracy=1.0001)") !=
        std::string::npos);
}

TEST_CASE("a million-value range costs no memory per value and reads as the list would") {
  const SpecParse million = parse_sweep_spec("0:999999");
  REQUIRE(million.ok());
  CHECK(million.values.size() == 1000000);
  CHECK(million.values[0] == 0);
  CHECK(million.values[999999] == 999999);
  CHECK(parse_sweep_spec("0:1:0.1").values[3] == 0.3);
  CHECK_FALSE(parse_sweep_spec("0:1000000").ok());  // 1,000,001 values
}

TEST_CASE("kept points: select and rank over a bitset agree with the list of kept points") {
  KeptPoints kept;
  const std::size_t unconstrained = 10007;
  kept.start(unconstrained);
  std::vector<std::size_t> list;
  for (std::size_t u = 0; u < unconstrained; ++u)
    if (u % 3 == 0 || (u > 5000 && u < 5400) || u % 97 == 5) {
      kept.keep(u);
      list.push_back(u);
    }
  REQUIRE(kept.count() == list.size());
  for (std::size_t p = 0; p < list.size(); ++p) {
    INFO("point " << p);
    REQUIRE(kept.unconstrained_index(p) == list[p]);
    REQUIRE(kept.kept(list[p]));
    REQUIRE(kept.point_at(list[p]) == p);
  }
  CHECK_FALSE(kept.kept(1));
  KeptPoints all;
  all.keep_all(5);
  CHECK(all.count() == 5);
  CHECK(all.unconstrained_index(4) == 4);
  CHECK(all.kept(4));
  CHECK_FALSE(all.kept(5));
}

}  // namespace byzsim

namespace byzsim {

TEST_CASE("a lazy sweep's sidecar, its lists streamed, has the bytes and hash of the eager one") {
  LoadOptions options;
  options.varies = {"h:/agents/0/count=4:6", "/protocol/f=floor((n-1)/3)", "/seed=0:20"};
  const LoadedScenario eager = load_ok(kBase + "}", options);
  options.lazy = true;
  const LoadedScenario lazy = load_ok(kBase + "}", options);
  RunSettings run;
  run.command_line = {"byzsim", "run"};
  const nlohmann::ordered_json full = sidecar_json(run, {&eager});
  std::vector<StreamedList> streamed;
  const nlohmann::ordered_json light = sidecar_json(run, {&lazy}, &streamed);
  CHECK(light["scenario_hash"] == full["scenario_hash"]);
  REQUIRE(streamed.size() == 4);  // three axes' values, then the points
  // The placeholders replaced by their lists give the eager sidecar's text.
  std::string text = light.dump(2);
  for (const StreamedList& list : streamed) {
    const std::string quoted = nlohmann::ordered_json(list.placeholder).dump();
    const std::size_t at = text.find(quoted);
    REQUIRE(at != std::string::npos);
    const std::size_t line = text.rfind('\n', at) + 1;
    std::ostringstream out;
    write_list(out, list, text.find_first_not_of(' ', line) - line);
    text.replace(at, quoted.size(), out.str());
  }
  CHECK(text == full.dump(2));
}

}  // namespace byzsim
