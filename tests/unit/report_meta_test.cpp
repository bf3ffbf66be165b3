// The self-describing output: role columns after corruption, design columns, the sidecar and
// rebuilding a row's scenario from it, and the streaming CSV reader merge uses.
#include <catch2/catch.hpp>

#include <sstream>

#include "sim/report/csv_read.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario_meta.hpp"

using namespace byzsim;

namespace {

LoadedScenario load(const char* text, const LoadOptions& options = {}) {
  const LoadResult result = load_scenario_text(text, "meta.json", options);
  INFO((result.diagnostics.empty() ? "" : result.diagnostics.front().to_string()));
  REQUIRE(result.ok());
  return *result.scenario;
}

// K = 2 honest agents of 7 are replaced by malicious ones every trial.
constexpr const char* kCorrupted = R"({"name": "c", "trials": 50, "seed": 3,
  "agents": [{"role": "honest", "count": 6, "accuracy": 0.9},
             {"role": "faulty", "count": 1, "strategy": "crash", "at": "0s"}],
  "corruption": {"count": "2:2", "role": "malicious", "strategy": "oppose-truth"}})";

}  // namespace

TEST_CASE("role counts follow corruption: the corrupted agents count in their new role") {
  const LoadedScenario s = load(kCorrupted);
  TrialRunner runner;
  runner.prepare(s.points[0].scenario, 0);
  Tally tally;
  for (std::uint64_t t = 0; t < 50; ++t) {
    const TrialResult r = runner.run(t);
    CHECK(r.behaved[0] == 4);  // 6 configured honest, 2 corrupted
    CHECK(r.behaved[1] == 2);
    CHECK(r.behaved[2] == 1);
    tally.add(r);
  }
  const Row row = sim_row(s, s.points[0], tally);
  CHECK(row.general[general_column("mean_honest")] == 4);
  CHECK(row.general[general_column("mean_malicious")] == 2);
  CHECK(row.general[general_column("mean_faulty")] == 1);
  // The contract's columns keep counting the configured groups.
  CHECK(row.honest == 6);
  CHECK(row.malicious == 0);
}

TEST_CASE("role counts under corruption by probability add up to n and move with corruption") {
  const LoadedScenario s = load(R"({"agents": [{"role": "honest", "count": 9}],
               "corruption": {"p": 0.3, "role": "faulty", "strategy": "random"}})");
  TrialRunner runner;
  runner.prepare(s.points[0].scenario, 0);
  bool varied = false;
  for (std::uint64_t t = 0; t < 200; ++t) {
    const TrialResult r = runner.run(t);
    CHECK(r.behaved[0] + r.behaved[2] == 9);
    CHECK(r.behaved[2] == r.corrupted);
    CHECK(r.behaved[1] == 0);
    varied |= r.corrupted != 0 && r.corrupted != 9;
  }
  CHECK(varied);  // P(every trial 0 or 9 corrupted) < 0.04^200
}

TEST_CASE("design columns: resolved quorums, rounds, the --set text and the version") {
  LoadOptions options;
  options.sets = {"/protocol/approve_quorum=\"70%\"", "/protocol/max_rounds=3"};
  const LoadedScenario s = load(R"({"agents": [{"role": "honest", "count": 10}]})", options);
  const Row row = row_header_for(s, s.points[0]);
  CHECK(*row.approve_quorum == 7);  // ceil(0.7 x 10)
  CHECK(*row.reject_quorum == 4);   // f + 1 with f = 3
  CHECK(*row.max_rounds == 3);
  CHECK_FALSE(row.max_views);
  const RowFormat format = RowFormat::for_scenarios({&s}, set_column_text(options.sets));
  const auto& columns = format.columns();
  REQUIRE(columns.size() == kContractColumns.size() + kDesignColumns.size());
  CHECK(std::equal(kContractColumns.begin(), kContractColumns.end(), columns.begin()));
  CHECK(columns.back() == "byzsim_version");
  const nlohmann::ordered_json json = format.json_row(row);
  CHECK(json["set"] == "/protocol/approve_quorum=\"70%\";/protocol/max_rounds=3");
  CHECK(json["byzsim_version"] == BYZSIM_VERSION);
  // The CSV quotes the set text (it holds quotes) so a reader gets it back whole.
  CsvTable table;
  std::string error;
  REQUIRE(parse_csv(format.csv_header() + format.csv_row(row), table, error));
  CHECK(table.rows[0][columns.size() - 2] == json["set"].get<std::string>());
}

TEST_CASE("majority rows leave the quorums empty: its rule has none") {
  const LoadedScenario s =
      load(R"({"protocol": {"type": "majority"}, "agents": [{"role": "honest", "count": 5}]})");
  const Row row = row_header_for(s, s.points[0]);
  CHECK_FALSE(row.approve_quorum);
  CHECK_FALSE(row.reject_quorum);
  CHECK(*row.max_rounds == 1);
}

TEST_CASE("a named axis becomes its column, an unnamed one is named from its pointer") {
  LoadOptions options;
  options.varies = {"/agents/0/count=4:5"};
  LoadedScenario s = load(R"({"agents": [{"role": "honest", "count": 4}]})", options);
  REQUIRE(s.axes.size() == 1);
  CHECK(RowFormat::for_scenarios({&s}).columns()[kContractColumns.size()] == "agents_0_count");
  s.axes[0].name = "n_honest";
  const RowFormat named = RowFormat::for_scenarios({&s});
  CHECK(named.columns()[kContractColumns.size()] == "n_honest");
  const Row row = row_header_for(s, s.points[1]);
  CHECK(named.json_row(row)["n_honest"] == 5);
}

TEST_CASE("every point's full scenario is rebuilt from the sidecar alone") {
  // A sweep of two axes plus a --set, with --trials and --seed given on the command line.
  LoadOptions options;
  options.sets = {"/truth/p_good=0.25"};
  options.varies = {"/agents/0/accuracy=0.6,0.8"};
  const char* text = R"({"trials": 100, "protocol": {"approve_quorum": 4},
    "agents": [{"role": "honest", "count": 5, "accuracy": 0.9},
               {"role": "malicious", "count": 1, "strategy": "oppose-truth"}],
    "sweep": {"/agents/1/count": [0, 1, 2]}})";
  LoadedScenario s = load(text, options);
  REQUIRE(s.points.size() == 6);
  for (auto& point : s.points) {  // as cli's load_batch applies --trials and --seed
    point.scenario.trials = 77;
    point.scenario.seed = 9;
  }
  RunSettings run;
  run.format = "csv";
  run.trials = 77;
  run.seed = 9;
  // Through text, as a user would read the file.
  const auto sidecar = nlohmann::ordered_json::parse(sidecar_json(run, {&s}).dump(2));
  REQUIRE(sidecar["scenarios"].size() == 1);
  const auto& entry = sidecar["scenarios"][0];
  CHECK_FALSE(entry["document"].contains("sweep"));
  CHECK(entry["points"].size() == 6);
  for (int k = 0; k < 6; ++k) {
    nlohmann::ordered_json document;
    REQUIRE(rebuild_point_document(entry, k, document).empty());
    const LoadResult rebuilt = load_scenario_text(document.dump(), "meta.json");
    REQUIRE(rebuilt.ok());
    REQUIRE(rebuilt.scenario->points.size() == 1);
    Scenario expected = s.points[static_cast<std::size_t>(k)].scenario;
    CHECK(rebuilt.scenario->points[0].scenario == expected);
  }
  nlohmann::ordered_json unused;
  CHECK(rebuild_point_document(entry, 6, unused).find("no point 6") != std::string::npos);
}

TEST_CASE("sidecar settings ignore the command line and paths, not the scenario") {
  const LoadedScenario a = load(R"({"agents": [{"role": "honest", "count": 4}]})");
  const LoadedScenario b = load(R"({"agents": [{"role": "honest", "count": 5}]})");
  RunSettings one, two;
  one.command_line = {"byzsim", "run", "x.json", "--shard", "1/2"};
  two.command_line = {"byzsim", "run", "./x.json", "--shard", "2/2"};
  CHECK(sidecar_settings(sidecar_json(one, {&a})) == sidecar_settings(sidecar_json(two, {&a})));
  CHECK(sidecar_settings(sidecar_json(one, {&a})) != sidecar_settings(sidecar_json(one, {&b})));
  two.trials = 5;
  CHECK(sidecar_settings(sidecar_json(one, {&a})) != sidecar_settings(sidecar_json(two, {&a})));
}

TEST_CASE("the streaming CSV reader reads quoted fields, CRLF, and finds truncation") {
  std::stringbuf text("a,b\r\n\"x,1\",\"say \"\"hi\"\"\nthere\"\n3,4\n5,");
  CsvRecordReader reader(text);
  std::vector<std::string> fields;
  REQUIRE(reader.next(fields));
  CHECK(fields == std::vector<std::string>{"a", "b"});
  REQUIRE(reader.next(fields));
  CHECK(reader.record_line() == 2);
  CHECK(reader.record_offset() == 5);
  CHECK(fields == std::vector<std::string>{"x,1", "say \"hi\"\nthere"});
  REQUIRE(reader.next(fields));
  CHECK(reader.record_line() == 4);
  CHECK(fields == std::vector<std::string>{"3", "4"});
  CHECK_FALSE(reader.next(fields));
  CHECK(reader.error().find("truncated") != std::string::npos);
}
