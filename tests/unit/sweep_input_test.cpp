// What sweep axes and expressions may not do: take the name of an output column (or no name),
// assign to a variable, or give a result that is not a finite number, in a value, an "expr" or
// a "where", from the file or from --vary and --where.
#include <catch2/catch.hpp>

#include <string>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/scenario/loader.hpp"
#include "sim/sweep/sweep_expr.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

constexpr const char* kScenario =
    R"({"agents": [{"role": "honest", "count": 4}, {"role": "malicious", "count": 0}]})";

LoadResult load(const std::string& text, const LoadOptions& options = {}) {
  return load_scenario_text(text, "sweep.json", options);
}

LoadResult vary(std::vector<std::string> varies, std::vector<std::string> wheres = {}) {
  LoadOptions options;
  options.varies = std::move(varies);
  options.wheres = std::move(wheres);
  return load(kScenario, options);
}

// A scenario whose sweep is `sweep` (JSON object text).
std::string with_sweep(const std::string& sweep) {
  return R"({"agents": [{"role": "honest", "count": 4}, {"role": "malicious", "count": 0}],
  "sweep": )" +
         sweep + "}";
}

}  // namespace

TEST_CASE("sweep axis names may not repeat an output column, from --vary or the file") {
  for (const char* column : {"point", "seed", "trials", "p_correct", "scenario", "set",
                             "mean_messages", "mean_corrupted", "max_views", "byzsim_version"}) {
    INFO(column);
    const std::string name = column;
    const LoadResult result = vary({name + ":/seed=5:6"});
    find(result, "/seed", "clashes with byzsim's output column '" + name + "'");
    CHECK(find(result, "/seed", "clashes").hint.find(name + "_axis") != std::string::npos);
  }
  const LoadResult pbft = vary({"p_view_change:/seed=5:6"});
  find(pbft, "/seed", "clashes with pbft's output column 'p_view_change'");
  const LoadResult file = load(with_sweep(R"({"/seed": {"name": "trials", "values": "1:2"}})"));
  const Diagnostic d = find(file, "/sweep/~1seed/name", "the axis name 'trials' clashes");
  CHECK(d.line == 2);
  CHECK(vary({"seed_axis:/seed=5:6"}).ok());
}

TEST_CASE("sweep axis names may not be empty, from --vary or the file") {
  find(vary({":/seed=5:6"}), "/seed", "the axis name '' is empty");
  find(load(with_sweep(R"({"/seed": {"name": "", "values": "1:2"}})")), "/sweep/~1seed/name",
       "is empty");
  CHECK(vary({"/seed=5:6"}).ok());  // no name at all: an unnamed axis, as before
}

TEST_CASE("sweep expressions may not assign: --vary values, expr and where") {
  const std::string assigns = "'=' assigns to a variable";
  // Before, (a=7) set the axis a to 7 for every expression evaluated after it.
  find(vary({"a:/agents/0/count=3:4", "r:/seed=(a=7)*0+10"}), "/seed", assigns);
  find(vary({"a:/agents/0/count=3:4", "/seed=a=7"}), "/seed", assigns);
  find(vary({"a:/agents/0/count=3:4"}, {"(a = 4) > 0"}), "/sweep/where", assigns);
  const LoadResult file = load(with_sweep(R"J({"/agents/0/count": {"name": "a", "values": "3:4"},
    "/seed": {"expr": "(a=7)*0+10"}, "where": "a == 3 || (a=3)"})J"));
  const Diagnostic expr = find(file, "/seed", assigns);
  CHECK(expr.line == 3);
  CHECK(expr.column == 24 + 2);  // at the '=', inside the string that starts at column 23
  find(file, "/sweep/where", assigns);
  CHECK(vary({"a:/agents/0/count=3:4", "/seed=a==3"}).ok());  // comparisons stay
  CHECK(vary({"a:/agents/0/count=3:4"}, {"a <= 3 && a >= 3 && a != 4"}).ok());
}

TEST_CASE("sweep expression helpers: assignment_position finds '=' and compound forms only") {
  CHECK(assignment_position("a = 1") == 2);
  CHECK(assignment_position("(a=7)*0") == 2);
  CHECK(assignment_position("a += 1") == 2);
  CHECK(assignment_position("a*=2") == 1);
  for (const char* comparison : {"a == 1", "a <= 1", "a >= 1", "a != 1", "a<=b==c"})
    CHECK(assignment_position(comparison) == std::string_view::npos);
  CHECK(scan_expression("a = 1").assignment == 2);
  ExpressionSet set({"a"});
  std::string error;
  CHECK(set.add("a = 1", error) == -1);
  CHECK(error.find("assigns") != std::string::npos);
}

TEST_CASE("sweep results that are not finite are refused in axes and where alike") {
  find(vary({}, {"1/0"}), "/sweep/where", "the constraint gives an infinite value");
  find(vary({}, {"sqrt(-1)"}), "/sweep/where", "the constraint gives no number");
  const LoadResult at_one_point = vary({"a:/agents/0/count=4:6"}, {"1/(a-5)"});
  const Diagnostic d = find(at_one_point, "/sweep/where", "gives an infinite value");
  CHECK(d.message.find("at the point a=5") != std::string::npos);
  find(vary({"a:/agents/0/count=4:6", "/seed=1/(a-5)"}), "/seed", "gives an infinite value");
  find(vary({"a:/agents/0/count=4:6", "/seed=sqrt(-a)"}), "/seed", "gives no number");
}

}  // namespace byzsim
