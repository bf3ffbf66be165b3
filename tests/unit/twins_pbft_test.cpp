// pbft under a schedule (docs/pbft.md, "Under a schedule (twins)"): a twin instance gets the
// messages addressed to its agent, a view's partition cuts messages, the planted bug
// "ignore-prepared" lets a hand-written schedule split the honest agents while the correct
// protocol stays safe under it and under every schedule of the first two views.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "tests/unit/pbft_builder.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

// scenarios/check/pbft-twins.json: n = 4, agent 3 Byzantine (it runs the protocol), votes
// APPROVE, APPROVE, REJECT, REJECT, quorums of 2 for both certificates, 10 ms latency.
Scenario twins_scenario() {
  const LoadResult loaded =
      load_scenario_file(std::string(BYZSIM_SOURCE_DIR) + "/scenarios/check/pbft-twins.json");
  REQUIRE(loaded.ok());
  return loaded.scenario->points.at(0).scenario;
}

ScheduleView view(int leader, std::vector<std::vector<int>> groups = {}) {
  ScheduleView v;
  v.leader = leader;
  v.groups = std::move(groups);
  return v;
}

// The file's scenario under a schedule with agent 3 twinned; loaded once.
Scenario scheduled(std::vector<ScheduleView> views, bool planted_bug) {
  static const Scenario base = twins_scenario();
  Scenario s = base;
  s.schedule.twins = {3};  // agent 3's twin is instance 4
  s.schedule.views = std::move(views);
  if (planted_bug) s.protocol.unsafe = "ignore-prepared";
  return s;
}

TrialResult run_one(const Scenario& s, TraceBuffer* trace = nullptr) {
  TrialRunner runner;
  runner.prepare(s, 0);
  return runner.run(0, trace);
}

// "agent VALUE (view v); " per commit, in time order.
std::string commits(const TraceBuffer& trace) {
  std::string out;
  for (const TraceRecord& r : trace.records())
    if (r.kind == "commit")
      out += std::to_string(r.from) + " " + r.value + " (view " + std::to_string(r.round) + "); ";
  return out;
}

// The witness: leader 2 in view 0 sees only agents 0 and 3's votes (REJECT certified at the end
// of its window), so agents 0, 2 and 3 prepare REJECT just before the 50 ms timeout and commit
// it just after, having sent VIEW-CHANGEs that carry the prepared certificate. Agent 1 (cut off
// in view 0, so no DECIDE reaches it) leads view 1.
std::vector<ScheduleView> witness() {
  return {view(2, {{0, 2, 3}, {1, 4}}), view(1)};
}

// Every partition of the 5 instances into at most 2 groups: instance 0 in the first group, the
// bits of `mask` put instances 1..4 in the second (mask 0: one group, the whole network).
std::vector<std::vector<int>> two_groups(int mask) {
  if (mask == 0) return {};
  std::vector<std::vector<int>> groups(2);
  for (int instance = 0; instance < 5; ++instance)
    groups[instance > 0 && (mask >> (instance - 1)) & 1].push_back(instance);
  return groups;
}

struct Search {
  int scenarios = 0, broken = 0, agreement = 0;
  std::vector<ScheduleView> first_broken;
};

// All schedules of the first `views` views: a leader (4) and a partition (16) per view.
Search search(int views, bool planted_bug) {
  Search out;
  const int per_view = 4 * 16;
  int total = 1;
  for (int v = 0; v < views; ++v) total *= per_view;
  for (int code = 0; code < total; ++code) {
    std::vector<ScheduleView> schedule;
    for (int v = 0, rest = code; v < views; ++v, rest /= per_view)
      schedule.push_back(view(rest % per_view % 4, two_groups(rest % per_view / 4)));
    const TrialResult r = run_one(scheduled(schedule, planted_bug));
    ++out.scenarios;
    if (r.broken != 0 && out.broken++ == 0) out.first_broken = schedule;
    out.agreement += (r.broken & kBrokenAgreement) != 0;
  }
  return out;
}

}  // namespace

TEST_CASE("twins: the twin instance gets the messages addressed to its agent", "[twins]") {
  // View 0: leader 0 with instances 0, 1, 2 and the twin 4; agent 3's own instance alone.
  const Scenario s = scheduled({view(0, {{0, 1, 2, 4}, {3}})}, false);
  TraceBuffer trace;
  const TrialResult r = run_one(s, &trace);
  int twin_pre_prepares = 0, agent_pre_prepares = 0, cut = 0, twin_prepares_counted = 0;
  for (const TraceRecord& t : trace.records()) {
    if (t.kind == "deliver" && t.message == "PRE-PREPARE" && t.round == 0) {
      twin_pre_prepares += t.to == 4;
      agent_pre_prepares += t.to == 3;
    }
    // The twin's PREPARE names agent 3 as its sender and reaches the honest agents.
    if (t.kind == "deliver" && t.message == "PREPARE" && t.round == 0 && t.from == 3 && t.to < 3)
      ++twin_prepares_counted;
    // Cut copies are traced between instances: agent 0's PRE-PREPARE to agent 3's own instance.
    if (t.kind == "lost" && t.adversary == "cut by the view's partition" && t.from == 0 &&
        t.to == 3 && t.message == "PRE-PREPARE")
      ++cut;
  }
  CHECK(twin_pre_prepares == 1);
  CHECK(agent_pre_prepares == 0);
  CHECK(twin_prepares_counted == 3);
  CHECK(cut == 1);
  // Instances 0, 1, 2 and 4 are a commit quorum of distinct agents: all honest agents commit.
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.counters[pbft::kHonestDecided] == 3);
  CHECK(r.broken == 0);
}

TEST_CASE("twins: a partition of three agents without the twin decides nothing", "[twins]") {
  // Instances 0, 1 and 3 could form a quorum, but view 0's leader 2 is cut off with the twin:
  // no PRE-PREPARE crosses, so no one prepares in view 0.
  const Scenario s = scheduled({view(2, {{0, 1, 3}, {2, 4}})}, false);
  TraceBuffer trace;
  run_one(s, &trace);
  for (const TraceRecord& t : trace.records())
    if (t.kind == "deliver" && t.message == "PRE-PREPARE" && t.round == 0) CHECK(t.to == 4);
  for (const TraceRecord& t : trace.records())
    if (t.kind == "prepared") CHECK(t.detail.rfind("v0 ", 0) != 0);
}

TEST_CASE("twins: the planted bug splits the honest agents under the witness schedule", "[twins]") {
  TraceBuffer trace;
  const TrialResult bugged = run_one(scheduled(witness(), true), &trace);
  CHECK(bugged.outcome == Outcome::disagreement);
  CHECK((bugged.broken & kBrokenAgreement) != 0);
  CHECK((bugged.broken & (kBrokenValidity | kBrokenQuorum)) == 0);
  CHECK(commits(trace) ==
        "2 REJECT (view 0); 0 REJECT (view 0); 3 REJECT (view 0); 1 APPROVE (view 1); "
        "4 APPROVE (view 1); ");

  // The correct leader of view 1 must propose the prepared REJECT: every honest agent commits it.
  TraceBuffer correct_trace;
  const TrialResult correct = run_one(scheduled(witness(), false), &correct_trace);
  CHECK(correct.outcome == Outcome::wrong);  // REJECT of a good proposal, by all honest agents
  CHECK(correct.broken == 0);
  CHECK(correct.counters[pbft::kHonestDecided] == 3);
  CHECK(commits(correct_trace).find("APPROVE") == std::string::npos);
}

TEST_CASE("twins: without a schedule the planted bug needs a view change with a certificate",
          "[twins]") {
  // No schedule: view 0's leader 0 holds APPROVE (agents 0 and 1) at once and every agent
  // commits it in view 0; the bug changes nothing.
  Scenario s = twins_scenario();
  s.protocol.unsafe = "ignore-prepared";
  const TrialResult r = run_one(s);
  CHECK(r.outcome == Outcome::correct);
  CHECK(r.broken == 0);
}

TEST_CASE("twins: every schedule of the first 2 views, P <= 2: the correct protocol is safe",
          "[twins]") {
  // 4 leaders x 16 partitions per view: 4,096 schedules.
  const Search correct = search(2, false);
  CHECK(correct.scenarios == 4096);
  CHECK(correct.broken == 0);
  const Search bugged = search(2, true);
  CHECK(bugged.agreement > 0);
  CHECK(bugged.broken == bugged.agreement);  // the bug breaks agreement, nothing else
}

// 262,144 schedules of the first 3 views (about a minute): byzsim_tests "[.twins-deep]".
TEST_CASE("twins: every schedule of the first 3 views, P <= 2: the correct protocol is safe",
          "[.twins-deep]") {
  const Search correct = search(3, false);
  CHECK(correct.broken == 0);
}
