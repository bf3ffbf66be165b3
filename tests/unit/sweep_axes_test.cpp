// Named, dependent, zipped and constrained sweep axes: parsing, the expression rule, evaluation
// in dependency order, cycles and unknown names, zip, where and the renumbering of kept points,
// --set on a swept key, theory warnings, and the limits of issue 11 (empty axes, deep JSON).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/scenario/loader.hpp"
#include "sim/sweep/sweep.hpp"
#include "sim/sweep/sweep_expr.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

LoadedScenario load_ok(const std::string& text, const LoadOptions& options = {}) {
  LoadResult result = load_scenario_text(text, "axes.json", options);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  return *result.scenario;
}

LoadResult load(const std::string& text, const LoadOptions& options = {}) {
  return load_scenario_text(text, "axes.json", options);
}

std::string warnings_of(const LoadResult& result) {
  std::string text;
  for (const auto& d : result.warnings) text += d.to_string("warning") + "\n";
  return text;
}

// The values of axis `a` at every point, as integers.
std::vector<long long> column(const LoadedScenario& s, std::size_t a) {
  std::vector<long long> out;
  for (const auto& p : s.points) out.push_back(p.axis_values.at(a).get<long long>());
  return out;
}

// One honest group of 4 and corruption off: the k = f study's shape.
std::string k_equals_f(const std::string& sweep) {
  return R"J({"agents": [{"role": "honest", "count": 4, "accuracy": 0.9}],
  "corruption": {"count": 0, "role": "malicious", "strategy": "oppose-truth"},
  "sweep": )J" +
         sweep + "}";
}

}  // namespace

TEST_CASE("a named axis keeps its name, unnamed axes keep their pointer as column") {
  const auto s = load_ok(k_equals_f(R"J({
    "/agents/0/count": {"name": "agents", "values": "4:6"}, "/seed": [1, 2]})J"));
  REQUIRE(s.axes.size() == 2);
  CHECK(s.axes[0].name == "agents");
  CHECK(s.axes[0].column() == "agents");
  CHECK(s.axes[0].expression.empty());
  CHECK(s.axes[1].column() == "seed_axis");  // "seed" is a fixed column
  CHECK(s.points.size() == 6);
}

TEST_CASE("dependent axes follow n and f in dependency order: the k = f study") {
  // liars uses f, f (the axis) uses n, n uses the agents axis: file order is not the order
  // of evaluation, and the layout step must find it.
  const auto s = load_ok(k_equals_f(R"J({
    "/corruption/count": {"name": "liars", "expr": "f"},
    "/protocol/f": "floor((n-1)/3)",
    "/agents/0/count": {"name": "agents", "values": "4:31"}})J"));
  REQUIRE(s.points.size() == 28);
  CHECK(s.axes[0].expression == "f");
  CHECK(s.axes[1].expression == "floor((n-1)/3)");
  for (const auto& p : s.points) {
    const int n = p.scenario.n();
    INFO("n = " << n);
    CHECK(p.scenario.protocol.f == (n - 1) / 3);  // exact: 7 gives 2, not 1.9999 -> 1
    CHECK(p.scenario.corruption.count_max == (n - 1) / 3);
    CHECK(p.axis_values[2].get<int>() == n);
  }
  CHECK(s.points[3].index == 3);
  // A dependent axis lists the distinct values it took.
  CHECK(s.axes[1].values.size() == 10);
}

TEST_CASE("a plain string is an expression only when it names known variables") {
  const auto s = load_ok(R"J({"agents": [{"role": "honest", "count": 7}],
    "limits": {"time": "1h"},
    "sweep": {"/agents/0/count": {"name": "k", "values": [7, 10]},
              "/limits/time": "5min",
              "/protocol/f": "floor((n-1)/3)",
              "/seed": "k * 2"}})J");
  CHECK(s.axes[1].expression.empty());  // "5min": a literal, as before
  CHECK(s.axes[2].expression == "floor((n-1)/3)");
  CHECK(s.axes[3].expression == "k * 2");
  CHECK(column(s, 3) == std::vector<long long>{14, 20});
  // A strategy name with a '-' stays a literal: "oppose-truth" names no known variable.
  const auto literal = load_ok(k_equals_f(R"J({"/corruption/strategy": "oppose-truth"})J"));
  CHECK(literal.axes[0].expression.empty());
}

TEST_CASE("an unknown name in an expression is reported at its line:column") {
  const auto result = load(k_equals_f(R"J({"/agents/0/count": {"name": "agents", "values": "4:6"},
    "/corruption/count": "floor(agentz / 3)"})J"));
  const Diagnostic d = find(result, "/corruption/count", "uses 'agentz'");
  CHECK(d.line == 4);
  // The string starts at column 26 (its quote); "agentz" is 6 characters into it.
  CHECK(d.column == 26 + 1 + 6);
  CHECK(d.hint.find("did you mean 'agents'?") != std::string::npos);
}

TEST_CASE("a syntax error in an expression is an error, not a literal") {
  const auto result = load(k_equals_f(R"J({"/corruption/count": "floor((n-1)/3"})J"));
  find(result, "/corruption/count", "is not valid");
  CHECK_FALSE(result.scenario.has_value());
}

TEST_CASE("expressions that depend on each other in a circle are refused, naming the circle") {
  const auto result = load(k_equals_f(R"J({
    "/agents/0/count": {"name": "agents", "expr": "liars + 3"},
    "/corruption/count": {"name": "liars", "expr": "agents - 3"}})J"));
  const Diagnostic d = find(result, "/agents/0/count", "in a circle");
  CHECK(d.message.find("agents (/agents/0/count) needs liars (/corruption/count) needs "
                       "agents (/agents/0/count)") != std::string::npos);
  // Through n: the group's count may not use n; /protocol/f may not use f.
  find(load(k_equals_f(R"J({"/agents/0/count": "n + 1"})J")), "/agents/0/count", "in a circle");
  find(load(k_equals_f(R"J({"/protocol/f": "f + 1"})J")), "/protocol/f", "in a circle");
}

TEST_CASE("a count from an expression must be whole: the converter says so at the expression") {
  const auto result = load(k_equals_f(R"J({"/agents/0/count": {"name": "agents", "values": [4, 5]},
    "/corruption/count": "agents / 2"})J"));
  INFO(all_messages(result));
  REQUIRE_FALSE(result.ok());
  // Only agents = 5 gives 2.5.
  const auto& d = result.diagnostics.front();
  CHECK(d.pointer == "/corruption/count");
  CHECK(d.line == 4);
  CHECK(d.message.find("agents=5") != std::string::npos);
}

TEST_CASE("zip varies axes together, the zipped axes form one dimension") {
  const auto s = load_ok(R"J({"agents": [{"role": "honest", "count": 4},
    {"role": "malicious", "count": 0}],
    "sweep": {"/agents/0/count": {"name": "h", "values": [4, 7, 10]},
              "/seed": [1, 2],
              "/agents/1/count": {"name": "b", "values": [1, 2, 3]},
              "zip": ["h", "b"]}})J");
  // Dimensions: (h, b) zipped at h's place, then seed: 3 x 2 points.
  REQUIRE(s.points.size() == 6);
  CHECK(column(s, 0) == std::vector<long long>{4, 4, 7, 7, 10, 10});
  CHECK(column(s, 1) == std::vector<long long>{1, 2, 1, 2, 1, 2});
  CHECK(column(s, 2) == std::vector<long long>{1, 1, 2, 2, 3, 3});
}

TEST_CASE("zip refuses axes of different lengths and names it does not know") {
  const auto base = std::string(R"J({"agents": [{"role": "honest", "count": 4},
    {"role": "malicious", "count": 0}], "sweep": {"/agents/0/count": {"name": "h", "values": [4, 7]},
    "/agents/1/count": {"name": "b", "values": [1, 2, 3]}, "zip": )J");
  find(load(base + R"J(["h", "b"]}})J"), "/agents/1/count", "as many values");
  find(load(base + R"J(["h", "x"]}})J"), "/sweep/zip/1", "no axis of this sweep");
}

TEST_CASE("where drops points and the kept points are numbered 0.. in row-major order") {
  const auto s = load_ok(R"J({"agents": [{"role": "honest", "count": 4},
    {"role": "malicious", "count": 0}],
    "protocol": {"type": "pbft"},
    "sweep": {"/agents/0/count": {"name": "h", "values": "1:4"},
              "/agents/1/count": {"name": "b", "values": "0:3"},
              "where": "b <= n - 2 && b < h"}})J");
  // b <= n - 2 is h >= 2; b < h: h=2: b 0,1; h=3: b 0..2; h=4: b 0..3.
  CHECK(s.unconstrained_points == 16);
  REQUIRE(s.points.size() == 9);
  CHECK(column(s, 0) == std::vector<long long>{2, 2, 3, 3, 3, 4, 4, 4, 4});
  CHECK(column(s, 1) == std::vector<long long>{0, 1, 0, 1, 2, 0, 1, 2, 3});
  for (std::size_t i = 0; i < s.points.size(); ++i) CHECK(s.points[i].index == int(i));
}

TEST_CASE("a where that keeps no point is an error at the constraint") {
  const auto result = load(k_equals_f(R"J({"/agents/0/count": {"name": "agents", "values": "4:6"},
    "where": "agents > 100"})J"));
  find(result, "/sweep/where", "keeps none of its 3 points");
}

TEST_CASE("options --vary and --where take names and expressions too") {
  LoadOptions options;
  options.varies = {"agents:/agents/0/count=4:9", "/corruption/count=floor((agents-1)/3)"};
  options.wheres = {"agents % 2 == 0"};
  const auto s = load_ok(R"J({"agents": [{"role": "honest", "count": 4}],
        "corruption": {"count": 0, "role": "malicious", "strategy": "oppose-truth"}})J",
                         options);
  CHECK(s.axes[0].name == "agents");
  CHECK(column(s, 0) == std::vector<long long>{4, 6, 8});
  CHECK(column(s, 1) == std::vector<long long>{1, 1, 2});
}

TEST_CASE("axis names are plain, unique and not n or f") {
  const auto named = [](const std::string& name) {
    return load(
        k_equals_f(R"J({"/agents/0/count": {"name": ")J" + name + R"J(", "values": [4]}})J"));
  };
  find(named("n"), "/sweep/~1agents~10~1count/name", "is reserved");
  find(named("my liars"), "/sweep/~1agents~10~1count/name", "not a plain name");
  find(named("floor"), "/sweep/~1agents~10~1count/name", "expression function");
  CHECK(load_ok(k_equals_f(R"J({"/agents/0/count": {"name": "Agents_2", "values": [4]}})J"))
            .axes[0]
            .name == "Agents_2");
}

TEST_CASE("option --set on a swept key replaces the axis, says so, and its name keeps the value") {
  LoadOptions options;
  options.sets = {"/agents/0/count=10"};
  const auto result = load(k_equals_f(R"J({"/agents/0/count": {"name": "agents", "values": "4:31"},
    "/corruption/count": {"name": "liars", "expr": "floor(agents / 3)"}})J"),
                           options);
  INFO(all_messages(result));
  REQUIRE(result.ok());
  const auto& s = *result.scenario;
  REQUIRE(s.points.size() == 1);
  REQUIRE(s.axes.size() == 1);
  CHECK(s.points[0].scenario.n() == 10);
  CHECK(s.points[0].scenario.corruption.count_max == 3);
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].message.find("--set replaces the sweep axis agents") !=
        std::string::npos);
  INFO(warnings_of(result));
  CHECK(result.warnings[0].message.find("of axes.json:3:") != std::string::npos);
}

TEST_CASE("options --set and --vary of one key, or --set inside a swept value, are errors") {
  LoadOptions both;
  both.sets = {"/seed=3"};
  both.varies = {"/seed=1:2"};
  find(load(k_equals_f("{}"), both), "/seed", "--set and --vary both give /seed");
  LoadOptions inside;
  inside.sets = {"/agents/0/count=5"};
  find(load(k_equals_f(R"J({"/agents/0": [{"role": "honest", "count": 4}]})J"), inside),
       "/agents/0/count", "sets a value inside the swept /agents/0");
}

TEST_CASE("theory check: n < 3f+1 warns once with the first point and a count") {
  const auto result = load(R"J({"agents": [{"role": "honest", "count": 6}],
    "protocol": {"f": 1}, "sweep": {"/protocol/f": [1, 2, 3]}})J");
  INFO(warnings_of(result));
  REQUIRE(result.ok());
  REQUIRE(result.warnings.size() == 1);
  const auto& w = result.warnings[0];
  CHECK(w.pointer == "/protocol/f");
  CHECK(w.line == 2);
  CHECK(w.message.find("n = 6 < 3f + 1 = 7 (f = 2) at sweep point 1") != std::string::npos);
  CHECK(w.message.find("and 1 more point") != std::string::npos);
  // Majority's guarantee is not stated as 3f+1: no warning.
  CHECK(load(R"J({"agents": [{"role": "honest", "count": 6}],
    "protocol": {"type": "majority", "f": 3}})J")
            .warnings.empty());
  // Inside the guarantee: none either.
  CHECK(load(k_equals_f(R"J({"/agents/0/count": "4:31", "/corruption/count": "f"})J"))
            .warnings.empty());
}

TEST_CASE("theory check: an axis that changes nothing is named, one warning per axis") {
  // f with both quorums given changes only the f column, nothing that is simulated.
  const auto result = load(R"J({"agents": [{"role": "honest", "count": 10}],
    "protocol": {"approve_quorum": 7, "reject_quorum": 4},
    "sweep": {"/protocol/f": [1, 2, 3], "/seed": [1, 2]}})J");
  INFO(warnings_of(result));
  REQUIRE(result.ok());
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].pointer == "/protocol/f");
  CHECK(result.warnings[0].message.find("changes nothing") != std::string::npos);
  // With the quorums left to their defaults, f moves them: no warning.
  CHECK(load(R"J({"agents": [{"role": "honest", "count": 10}],
    "sweep": {"/protocol/f": [1, 2, 3]}})J")
            .warnings.empty());
}

TEST_CASE("issue 11: an empty axis is an error, never zero points") {
  using V = std::vector<Json>;
  // Overflowed (0 - 4e9) * -4e9 before; underflowed to -0 for tiny decimals.
  CHECK(parse_sweep_spec("0:4000000000:-4000000000").error.find("empty") != std::string::npos);
  CHECK(parse_sweep_spec("1e-200:0:1e-200").error.find("empty") != std::string::npos);
  CHECK(parse_sweep_spec("0:1000000000000000:-1000000000000000").error.find("empty") !=
        std::string::npos);
  CHECK(parse_sweep_spec("1e-200:3e-200:1e-200").values.size() == 3);
  CHECK(parse_sweep_spec("0:1000000000000000:1000000000000000").values == V{0, 1000000000000000});
  LoadOptions options;
  options.varies = {"/seed=0:4000000000:-4000000000"};
  const auto result = load(k_equals_f("{}"), options);
  CHECK_FALSE(result.ok());
  find(result, "/seed", "the range is empty");
}

TEST_CASE("issue 11: --set and --vary values nest at most 64 levels, like files") {
  const std::string deep(50000, '[');
  LoadOptions vary;
  vary.varies = {"/seed=" + deep};
  const auto varied = load(k_equals_f("{}"), vary);
  find(varied, "/seed", "nests more than 64 levels");
  // The message quotes the option cut short, not 50,000 brackets.
  CHECK(all_messages(varied).size() < 2000);
  LoadOptions set;
  set.sets = {"/seed=" + deep};
  find(load(k_equals_f("{}"), set), "/seed", "nests more than 64 levels");
  LoadOptions shallow;
  shallow.sets = {"/description=" + std::string(10, '[') + std::string(10, ']')};
  CHECK(load(k_equals_f("{}"), shallow).diagnostics.size() == 1);  // a string is expected
}

TEST_CASE("expression helpers: names in first-use order, whole-number snapping, % and mod") {
  const ExpressionScan scan = scan_expression("floor((n - liars) / 3) + f");
  REQUIRE(scan.parses);
  CHECK(scan.names == std::vector<std::string>{"n", "liars", "f"});
  CHECK_FALSE(scan_expression("1,2").parses);
  CHECK_FALSE(scan_expression("0:4").parses);
  ExpressionSet set({"x"});
  std::string error;
  const int floor_id = set.add("floor(x / 3)", error);
  const int ceil_id = set.add("ceil(0.1 * x)", error);
  const int mod_id = set.add("x % 4 + mod(x, 3)", error);
  REQUIRE(error.empty());
  set.set(0, 30);
  CHECK(set.evaluate(floor_id) == 10);
  CHECK(set.evaluate(ceil_id) == 3);  // 0.1 * 30 = 3.0000000000000004 would give 4
  CHECK(set.evaluate(mod_id) == 2 + 0);
  CHECK(is_expression_builtin("sqrt"));
  CHECK(is_expression_builtin("mod"));
  CHECK_FALSE(is_expression_builtin("liars"));
}

TEST_CASE("each kept point of a dependent, constrained sweep equals the scenario set by hand") {
  // Expansion converts points after the first incrementally; with dependent axes and a
  // where-constraint the kept points must still equal whole conversions of their values.
  const std::string text = k_equals_f(R"J({
    "/agents/0/count": {"name": "agents", "values": "4:12"},
    "/agents/0/accuracy": [0.8, 0.9],
    "/protocol/f": "floor((n-1)/3)",
    "/corruption/count": {"name": "liars", "expr": "max(0, f - 1)"},
    "where": "agents % 2 == 0 || liars > 1"})J");
  const auto s = load_ok(text);
  CHECK(s.unconstrained_points == 18);
  REQUIRE(s.points.size() == 12);  // agents 4, 6, 8, 10, 11, 12 (x 2 accuracies)
  for (const auto& point : s.points) {
    LoadOptions by_hand;
    by_hand.sets = {"/sweep={}"};
    for (std::size_t a = 0; a < s.axes.size(); ++a)
      by_hand.sets.push_back(s.axes[a].pointer + "=" + point.axis_values[a].dump());
    const LoadResult single = load(text, by_hand);
    INFO("point " << point.index << ": " << all_messages(single));
    REQUIRE(single.ok());
    CHECK(single.scenario->points.at(0).scenario == point.scenario);
  }
}

TEST_CASE("the shipped k-equals-f sweep: 28 points, f = floor((n-1)/3) and K = f") {
  LoadResult result =
      load_scenario_file(std::string(BYZSIM_SOURCE_DIR) + "/scenarios/sweeps/k-equals-f.json");
  INFO(all_messages(result));
  REQUIRE(result.ok());
  CHECK(result.warnings.empty());
  const auto& s = *result.scenario;
  REQUIRE(s.points.size() == 28);
  std::vector<std::string> columns;
  for (const auto& axis : s.axes) columns.push_back(axis.column());
  CHECK(columns == std::vector<std::string>{"agents", "tolerance", "liars"});
  for (std::size_t i = 0; i < 28; ++i) {
    const Scenario& p = s.points[i].scenario;
    CHECK(p.n() == int(i) + 4);
    CHECK(p.protocol.f == (p.n() - 1) / 3);
    CHECK(p.corruption.count_max == p.protocol.f);
    CHECK(p.corruption.enabled);
  }
}

}  // namespace byzsim
