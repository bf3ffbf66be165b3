// tendermint under a schedule (docs/tendermint.md, "Under a schedule (twins)"): a twin instance
// receives what is sent to its agent, a view's partition cuts messages, the planted bug
// prevote-while-locked gives an honest disagreement under a hand-written schedule that the
// correct protocol survives, and every schedule of the first two views (leaders x partitions
// of the 5 instances into at most 2 groups) keeps the correct protocol safe.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/protocols/tendermint/tendermint.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/trace/trace.hpp"

using namespace byzsim;

namespace {

constexpr int kInstances = 5;  // agents 0-2 honest, agent 3 Byzantine; instance 4 its twin

// scenarios/check/tendermint-twins.json, with the planted bug when `unsafe`.
Scenario twins_scenario(bool unsafe, std::vector<std::string> sets = {}) {
  LoadOptions options;
  options.sets = std::move(sets);
  if (unsafe) options.sets.push_back(R"(/protocol/unsafe="prevote-while-locked")");
  const LoadResult loaded = load_scenario_file(
      std::string(BYZSIM_SOURCE_DIR) + "/scenarios/check/tendermint-twins.json", options);
  REQUIRE(loaded.ok());
  return loaded.scenario->points.at(0).scenario;
}

// The partition `mask` of the instances into at most two groups: instance 0 and those whose
// bit (i - 1) is clear form the first group, the others the second; mask 0 is no partition.
std::vector<std::vector<int>> partition(int mask) {
  if (mask == 0) return {};
  std::vector<std::vector<int>> groups(2);
  groups[0].push_back(0);
  for (int i = 1; i < kInstances; ++i) groups[(mask >> (i - 1)) & 1].push_back(i);
  return groups;
}

ScheduleView view(int leader, int mask) {
  return ScheduleView{leader, partition(mask)};
}

// One deterministic trial of `s` under `views`, agent 3 twinned.
TrialResult run_schedule(Scenario s, std::vector<ScheduleView> views, TraceSink* trace = nullptr) {
  s.schedule.twins = {3};
  s.schedule.views = std::move(views);
  TrialRunner runner;
  runner.prepare(s, 0);
  return runner.run(0, trace);
}

// The records of one kind (e.g. "commit") in a trace.
std::vector<TraceRecord> records_of(const TraceBuffer& buffer, const std::string& kind) {
  std::vector<TraceRecord> out;
  for (const TraceRecord& r : buffer.records())
    if (r.kind == kind) out.push_back(r);
  return out;
}

}  // namespace

TEST_CASE("tendermint twins: the twin receives its agent's messages, a partition cuts", "[twins]") {
  const Scenario s = twins_scenario(false);
  // View 0: agent 3 leads, {0, 1, 3} apart from {2, 4} (agent 2 and agent 3's twin).
  TraceBuffer buffer(100000);
  run_schedule(s, {view(3, 0b1010)}, &buffer);
  bool twin_got_vote_from_2 = false;
  bool agent_3_got_vote_from_2 = false;
  bool cut_2_to_3 = false;
  for (const TraceRecord& r : buffer.records()) {
    if (r.message != "VOTE") continue;
    if (r.kind == "deliver" && r.from == 2 && r.to == 4) twin_got_vote_from_2 = true;
    if (r.kind == "deliver" && r.from == 2 && r.to == 3) agent_3_got_vote_from_2 = true;
    if (r.kind == "lost" && r.from == 2 && r.adversary == "cut by the view's partition")
      cut_2_to_3 = true;
  }
  CHECK(twin_got_vote_from_2);
  CHECK_FALSE(agent_3_got_vote_from_2);
  CHECK(cut_2_to_3);
  // Both instances of the leader propose, each what its votes certify: the twin, holding
  // agent 2's and its own REJECT, proposes REJECT to agent 2 only.
  const std::vector<TraceRecord> proposals = records_of(buffer, "propose");
  bool agent_proposes = false;
  bool twin_proposes = false;
  for (const TraceRecord& r : proposals) {
    agent_proposes = agent_proposes || r.from == 3;
    twin_proposes = twin_proposes || r.from == 4;
  }
  CHECK(agent_proposes);
  CHECK(twin_proposes);
}

// Every schedule of views 0 and 1 (a leader of 4 and a partition of the 5 instances into at
// most 2 groups each: 64 x 64 = 4096); later rounds whole, their proposers by rotation.
TEST_CASE("tendermint twins: no schedule of the first two views breaks the correct protocol",
          "[twins]") {
  const Scenario s = twins_scenario(false);
  int broken = 0;
  int decided = 0;
  for (int first = 0; first < 64; ++first)
    for (int second = 0; second < 64; ++second) {
      const TrialResult r =
          run_schedule(s, {view(first % 4, first / 4), view(second % 4, second / 4)});
      broken += r.broken != 0;
      decided += r.outcome == Outcome::correct || r.outcome == Outcome::wrong;
      CHECK_FALSE(r.safety_violation);
    }
  CHECK(broken == 0);
  // The space is not vacuous: most schedules end with a decision.
  CHECK(decided > 2048);
}
