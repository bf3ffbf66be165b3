// The "schedule" object and the "unsafe" key (docs/check.md): what the loader refuses, with
// pointers and hints, and the tables the send path reads (instances, cuts, mutations). A copy
// of pbft's spec that honours schedules and has one planted bug stands in for the protocols, so
// that these checks do not depend on which protocols honour schedules.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/unit/diagnostics_support.hpp"

#include "sim/agents/schedule_runtime.hpp"
#include "sim/protocols/common/protocol_spec.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

constexpr std::array<std::string_view, 1> kPlanted{"skip-a-rule"};

// pbft's spec under another name, schedulable, with a planted bug; and one that is neither.
struct Registry {
  ProtocolSpec scheduled = builtin_protocol("pbft");
  ProtocolSpec plain = builtin_protocol("pbft");
  ProtocolRegistry registry = ProtocolRegistry::builtin();
  Registry() {
    scheduled.name = "scheduled-pbft";
    scheduled.schedulable = true;
    scheduled.unsafe_rules = kPlanted;
    plain.name = "plain-pbft";
    plain.schedulable = false;
    plain.unsafe_rules = {};
    REQUIRE(registry.add(&scheduled));
    REQUIRE(registry.add(&plain));
  }
};

// Three honest agents and agent 3 of `strategy` (malicious), with `protocol` and `schedule`.
LoadResult load(const Registry& r, const std::string& schedule,
                const std::string& protocol = R"({"type": "scheduled-pbft"})",
                const std::string& strategy = "oppose-truth") {
  LoadOptions options;
  options.protocols = &r.registry;
  const std::string text = R"({"agents": [{"role": "honest", "count": 3},
    {"role": "malicious", "count": 1, "strategy": ")" +
                           strategy + R"("}], "protocol": )" + protocol +
                           (schedule.empty() ? "" : R"(, "schedule": )" + schedule) + "}";
  return load_scenario_text(text, "schedule.json", options);
}

}  // namespace

TEST_CASE("a schedule with twins, leaders, partitions and mutations loads", "[schedule]") {
  const Registry r;
  const LoadResult result = load(r, R"({"twins": [3],
    "views": [{"leader": 1, "groups": [[0, 1, 3], [2, 4]]}, {"leader": 2}],
    "mutations": [{"round": 0, "from": 3, "to": 1, "phase": "prepare"}]})");
  INFO(all_messages(result));
  REQUIRE(result.ok());
  const Schedule& s = result.scenario->points.front().scenario.schedule;
  CHECK(s.twins == std::vector<int>{3});
  REQUIRE(s.views.size() == 2);
  CHECK(s.leader(0) == 1);
  CHECK(s.leader(1) == 2);
  CHECK(s.leader(2) == -1);
  CHECK(s.views[0].groups == std::vector<std::vector<int>>{{0, 1, 3}, {2, 4}});
  REQUIRE(s.mutations.size() == 1);
  CHECK(s.mutations[0].phase == "prepare");
}

TEST_CASE("a schedule for a protocol without views is refused, naming those with", "[schedule]") {
  const Registry r;
  const Diagnostic d = find(load(r, R"({"views": [{"leader": 0}]})", R"({"type": "plain-pbft"})"),
                            "/schedule", "has no leaders and views");
  CHECK(d.hint.find("scheduled-pbft") != std::string::npos);
}

TEST_CASE("twins must be Byzantine agents that run the protocol", "[schedule]") {
  const Registry r;
  find(load(r, R"({"twins": [0]})"), "/schedule/twins/0", "is honest");
  find(load(r, R"({"twins": [3]})", R"({"type": "scheduled-pbft"})", "withhold"),
       "/schedule/twins/0", "does not run the protocol's code");
  find(load(r, R"({"twins": [3, 3]})"), "/schedule/twins/1", "twinned twice");
  find(load(r, R"({"twins": [4]})"), "/schedule/twins/0", "above");
}

TEST_CASE("view groups name instances, each in one group", "[schedule]") {
  const Registry r;
  // With one twin there are 5 instances (0..4); without, 4.
  const Diagnostic d = find(load(r, R"({"views": [{"groups": [[0, 1], [2, 4]]}]})"),
                            "/schedule/views/0/groups/1/1", "above");
  CHECK(d.hint.find("from 0 to 3") != std::string::npos);
  CHECK(load(r, R"({"twins": [3], "views": [{"groups": [[0, 1], [2, 4]]}]})").ok());
  find(load(r, R"({"views": [{"groups": [[0, 1], [1, 2]]}]})"), "/schedule/views/0/groups/1/0",
       "in two groups");
  find(load(r, R"({"views": [{"leader": 9}]})"), "/schedule/views/0/leader", "above");
  find(load(r, R"({"views": [{"leeder": 1}]})"), "/schedule/views/0/leeder", "unknown key");
}

TEST_CASE("mutations name a Byzantine sender and a phase of the protocol", "[schedule]") {
  const Registry r;
  const Diagnostic d =
      find(load(r, R"({"mutations": [{"round": 0, "from": 3, "to": 1, "phase": "prepair"}]})"),
           "/schedule/mutations/0/phase", "prepair");
  CHECK(d.hint.find("prepare") != std::string::npos);
  find(load(r, R"({"mutations": [{"round": 0, "from": 1, "to": 2, "phase": "commit"}]})"),
       "/schedule/mutations/0/from", "is honest");
  find(load(r, R"({"mutations": [{"from": 3, "to": 2, "phase": "commit"}]})"),
       "/schedule/mutations/0/round", "missing");
}

TEST_CASE("a mutation may list recipients and phases: every pair, recipient-major", "[schedule]") {
  const Registry r;
  const LoadResult loaded = load(
      r,
      R"({"mutations": [{"round": 1, "from": 3, "to": [0, 2], "phase": ["prepare", "commit"]}]})");
  INFO(all_messages(loaded));
  REQUIRE(loaded.ok());
  const Schedule& s = loaded.scenario->points.front().scenario.schedule;
  const std::vector<ScheduleMutation> expected{
      {1, 3, 0, "prepare"}, {1, 3, 0, "commit"}, {1, 3, 2, "prepare"}, {1, 3, 2, "commit"}};
  CHECK(s.mutations == expected);
  find(load(r, R"({"mutations": [{"round": 0, "from": 3, "to": [], "phase": "commit"}]})"),
       "/schedule/mutations/0/to", "an empty list of agents");
  find(load(r, R"({"mutations": [{"round": 0, "from": 3, "to": [1, 1], "phase": "commit"}]})"),
       "/schedule/mutations/0/to/1", "listed twice");
  find(load(r, R"({"mutations": [{"round": 0, "from": 3, "to": [1, 7], "phase": "commit"}]})"),
       "/schedule/mutations/0/to/1", "above");
  const Diagnostic phase = find(
      load(r, R"({"mutations": [{"round": 0, "from": 3, "to": 1, "phase": ["commit", "comit"]}]})"),
      "/schedule/mutations/0/phase/1", "comit");
  CHECK(phase.hint.find("commit") != std::string::npos);
}

TEST_CASE("cut_delay: cut messages arrive that much late, 0 or absent: lost", "[schedule]") {
  const Registry r;
  const LoadResult late = load(r, R"({"cut_delay": "400ms"})");
  INFO(all_messages(late));
  REQUIRE(late.ok());
  const Schedule& s = late.scenario->points.front().scenario.schedule;
  CHECK(s.cut_delay == 400 * kMillisecond);
  CHECK_FALSE(s.given());  // not a choice of the search: check accepts it in a scenario
  const LoadResult lost = load(r, R"({"cut_delay": 0})");
  REQUIRE(lost.ok());
  CHECK(lost.scenario->points.front().scenario.schedule.cut_delay == 0);
  find(load(r, R"({"cut_delay": "-1s"})"), "/schedule/cut_delay", "negative");
  find(load(r, R"({"cut_delay": "soon"})"), "/schedule/cut_delay", "soon");
}

TEST_CASE("unsafe names one of the protocol's planted bugs", "[schedule]") {
  const Registry r;
  const LoadResult good = load(r, "", R"({"type": "scheduled-pbft", "unsafe": "skip-a-rule"})");
  INFO(all_messages(good));
  REQUIRE(good.ok());
  CHECK(good.scenario->points.front().scenario.protocol.unsafe == "skip-a-rule");
  CHECK(load(r, "").scenario->points.front().scenario.protocol.unsafe.empty());
  const Diagnostic unknown =
      find(load(r, "", R"({"type": "scheduled-pbft", "unsafe": "skip-all"})"), "/protocol/unsafe",
           "skip-all");
  CHECK(unknown.hint.find("skip-a-rule") != std::string::npos);
  const Diagnostic none = find(load(r, "", R"({"type": "plain-pbft", "unsafe": "skip-a-rule"})"),
                               "/protocol/unsafe", "has no planted bugs");
  CHECK(none.hint.find("scheduled-pbft") != std::string::npos);
}

TEST_CASE("the schedule's tables: instances, twins, cuts by view, mutations", "[schedule]") {
  Schedule s;
  s.twins = {3};
  s.views.resize(3);
  s.views[0].groups = {{0, 1, 3}, {2}};  // instance 4 (3's twin) is unnamed: a third group
  s.views[2].groups = {{0, 4}};          // the rest together
  s.mutations = {{1, 3, 2, "commit"}};
  constexpr std::array<std::string_view, 3> kPhases{"vote", "prepare", "commit"};
  ScheduleRuntime runtime;
  runtime.configure(s, 4, kPhases);
  CHECK(runtime.active());
  CHECK(runtime.instances() == 5);
  CHECK(runtime.identity(4) == 3);
  CHECK(runtime.identity(2) == 2);
  CHECK(runtime.twin(3) == 4);
  CHECK(runtime.twin(0) == -1);
  CHECK_FALSE(runtime.cut(0, 0, 3));
  CHECK(runtime.cut(0, 0, 2));
  CHECK(runtime.cut(0, 2, 4));
  CHECK(runtime.cut(0, 3, 4));        // twins in different groups
  CHECK_FALSE(runtime.cut(1, 0, 2));  // a view without groups is whole
  CHECK(runtime.cut(2, 0, 1));
  CHECK_FALSE(runtime.cut(2, 1, 2));
  CHECK_FALSE(runtime.cut(3, 0, 4));  // after the schedule: whole
  CHECK(runtime.mutates(1, 3, 2, 2));
  CHECK_FALSE(runtime.mutates(1, 3, 2, 1));
  CHECK_FALSE(runtime.mutates(0, 3, 2, 2));
  ScheduleRuntime none;
  none.configure(Schedule{}, 4, kPhases);
  CHECK_FALSE(none.active());
  CHECK(none.instances() == 4);
}

}  // namespace byzsim
