// The column of an unnamed sweep axis: a plain name derived from its pointer, which pandas and
// R read unchanged, and never a second header of one name (docs/sweeps.md, "Names").
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/model/axis_column.hpp"
#include "sim/report/row_format.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

constexpr const char* kScenario =
    R"({"agents": [{"role": "honest", "count": 4}, {"role": "malicious", "count": 0}],
  "corruption": {"count": 0, "role": "malicious", "strategy": "oppose-truth"}})";

LoadResult vary(std::vector<std::string> varies) {
  LoadOptions options;
  options.varies = std::move(varies);
  return load_scenario_text(kScenario, "sweep.json", options);
}

}  // namespace

TEST_CASE("an unnamed axis is named from its pointer") {
  CHECK(unnamed_axis_column("/corruption/count") == "corruption_count");
  CHECK(unnamed_axis_column("/agents/0/count") == "agents_0_count");
  CHECK(unnamed_axis_column("/network/drop") == "network_drop");
  // Escapes are one character each; anything not a letter, digit or '_' becomes '_'.
  CHECK(unnamed_axis_column("/a~1b/c~0d") == "a_b_c_d");
  CHECK(unnamed_axis_column("/x-y.z") == "x_y_z");
  CHECK(unnamed_axis_column("/0/count") == "axis_0_count");  // must start with a letter
  CHECK(unnamed_axis_column("/_note") == "axis__note");
  CHECK(unnamed_axis_column("") == "axis");
  // A fixed output column's name gets "_axis": the header never repeats one every row has.
  CHECK(unnamed_axis_column("/seed") == "seed_axis");
  CHECK(unnamed_axis_column("/trials") == "trials_axis");
  CHECK(unnamed_axis_column("/protocol") == "protocol_axis");
}

TEST_CASE("the CSV and JSON rows name an unnamed axis's column from its pointer") {
  const LoadResult result = vary({"/corruption/count=0:1", "/seed=1:2"});
  REQUIRE(result.ok());
  const RowFormat format = RowFormat::for_scenarios({&*result.scenario});
  const auto& columns = format.columns();
  CHECK(std::find(columns.begin(), columns.end(), "corruption_count") != columns.end());
  CHECK(std::find(columns.begin(), columns.end(), "seed_axis") != columns.end());
  for (const std::string& column : columns) CHECK(column.find('/') == std::string::npos);
}

TEST_CASE("a derived column that repeats another axis's column asks for a name") {
  // A named axis takes the name first: the unnamed one on /corruption/count would repeat it.
  const LoadResult named_first = vary({"corruption_count:/seed=1:2", "/corruption/count=0:1"});
  const Diagnostic d = find(named_first, "/corruption/count",
                            "would be the column 'corruption_count', which repeats the column of "
                            "another axis");
  CHECK(d.hint.find("--vary NAME:/corruption/count=") != std::string::npos);
  find(vary({"/corruption/count=0:1", "corruption_count:/seed=1:2"}), "/corruption/count",
       "repeats the column of another axis");
  // In a file: placed at the sweep entry, and the hint shows the object form.
  const LoadResult file = load_scenario_text(
      R"({"agents": [{"role": "honest", "count": 4}], "corruption": {"count": 0, "role": "malicious", "strategy": "oppose-truth"},
  "sweep": {"/seed": {"name": "corruption_count", "values": [1, 2]},
            "/corruption/count": [0, 1]}})",
      "sweep.json");
  const Diagnostic in_file = find(file, "/sweep/~1corruption~1count", "would be the column");
  CHECK(in_file.line == 3);
  CHECK(in_file.hint.find("\"name\"") != std::string::npos);
  // Named, both are fine.
  CHECK(vary({"corruption_count:/seed=1:2", "k:/corruption/count=0:1"}).ok());
}

}  // namespace byzsim
