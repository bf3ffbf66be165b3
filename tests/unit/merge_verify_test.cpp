// What merge checks rows with: the scenario hash (key order and the file path do not change it),
// column kinds by name, and points rebuilt from a sidecar equal to the loader's own.
#include <catch2/catch.hpp>

#include "sim/json/canonical_hash.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario_meta.hpp"
#include "sim/scenario/sidecar_points.hpp"

using namespace byzsim;

namespace {

std::string hash_of(const Json& value) {
  Fnv1a64 hash;
  hash_canonical(value, hash);
  return hash.hex();
}

}  // namespace

TEST_CASE("merge checks: the scenario hash is FNV-1a 64 of sorted, unspaced, ASCII-escaped JSON") {
  Fnv1a64 empty;
  CHECK(empty.hex() == "cbf29ce484222325");  // the FNV-1a 64 offset basis
  Fnv1a64 a;
  a.add("a");
  CHECK(a.hex() == "af63dc4c8601ec8c");  // the published FNV-1a 64 of "a"
  const Json one =
      Json::parse(R"({"b": 1, "a": [1.5, "\u00e9", null, true], "c": {"y": 2, "x": 1}})");
  const Json two =
      Json::parse(R"({"c": {"x": 1, "y": 2}, "a": [1.5, "\u00e9", null, true], "b": 1})");
  Fnv1a64 text;
  text.add(R"({"a":[1.5,"\u00e9",null,true],"b":1,"c":{"x":1,"y":2}})");
  CHECK(hash_of(one) == text.hex());
  CHECK(hash_of(two) == text.hex());
  Fnv1a64 skipped;
  hash_canonical(Json::parse(R"({"file": "x.json", "b": 1})"), skipped, {"file"});
  CHECK(skipped.hex() == hash_of(Json::parse(R"({"b": 1})")));
}

TEST_CASE(
    "merge checks: column kinds come from the column tables, protocol result columns included") {
  CHECK(column_kind("seed") == ColumnKind::fixed);
  CHECK(column_kind("correct") == ColumnKind::count);
  CHECK(column_kind("p_wrong") == ColumnKind::rate);
  CHECK(column_kind("p_wrong_hi") == ColumnKind::interval);
  CHECK(column_kind("mean_messages") == ColumnKind::mean);
  CHECK(column_kind("p99_latency_s") == ColumnKind::quantile);
  CHECK(column_kind("max_views") == ColumnKind::fixed);
  CHECK(column_kind("invalid_decisions") == ColumnKind::count);
  CHECK_FALSE(column_kind("/agents/0/count").has_value());
}

TEST_CASE(
    "merge checks: points rebuilt from a sidecar are the loader's, the hash ignores the path") {
  const LoadResult result = load_scenario_text(R"({"name": "s", "trials": 30, "seed": 5,
    "protocol": {"type": "pbft"},
    "agents": [{"role": "honest", "count": 4}, {"role": "malicious", "count": 1,
                "strategy": "oppose-truth"}],
    "sweep": {"/agents/0/count": [4, 7], "/seed": [5, 6], "/protocol/type": ["pbft", "majority"]}})",
                                               "s.json");
  REQUIRE(result.ok());
  const LoadedScenario& loaded = *result.scenario;
  const nlohmann::ordered_json sidecar = sidecar_json(RunSettings{}, {&loaded});
  CHECK(sidecar["scenario_hash"] == scenario_hash(sidecar));
  nlohmann::ordered_json moved = sidecar;
  moved["scenarios"][0]["file"] = "elsewhere/s.json";
  CHECK(scenario_hash(moved) == scenario_hash(sidecar));
  moved["scenarios"][0]["document"]["trials"] = 31;
  CHECK(scenario_hash(moved) != scenario_hash(sidecar));

  SidecarScenario rebuilt;
  REQUIRE(rebuilt.open(sidecar["scenarios"][0]) == "");
  REQUIRE(rebuilt.point_count() == loaded.points.size());
  for (std::size_t p = 0; p < loaded.points.size(); ++p) {
    ScenarioPoint point;
    REQUIRE(rebuilt.point(p, point) == "");
    INFO("point " << p);
    CHECK(identity_fields(row_header_for(rebuilt.loaded(), point)) ==
          identity_fields(row_header_for(loaded, loaded.points[p])));
  }
}
