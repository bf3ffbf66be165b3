// The Byzantine Generals (issue 13): OM(m) and SM(m) against the closed-form message count,
// the exhaustive adversary against Lamport-Shostak-Pease's results, witnesses replayed, and
// randomized runs against the exhaustive verdicts.
#include <catch2/catch.hpp>

#include "sim/protocols/generals_common/exhaustive.hpp"
#include "sim/protocols/generals_common/generals_protocol.hpp"
#include "sim/protocols/om/oral_messages.hpp"
#include "sim/protocols/sm/signed_messages.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/diagnostics_support.hpp"

using namespace byzsim;
using namespace byzsim::generals;

namespace {

struct Verdict {
  bool ic1 = false, ic2 = false;
  std::optional<Witness> witness;  // the first one found
};

// Every placement up to symmetry (the commander a traitor, or loyal with either order) of
// `traitors` traitors among n generals, the traitors being the last ids.
Verdict check_all(GeneralsAlgorithm& algorithm, int n, int m, int traitors) {
  std::vector<bool> traitor(static_cast<std::size_t>(n), false),
      loyal(static_cast<std::size_t>(n), true);
  for (int g = n - traitors; g < n; ++g) {
    traitor[static_cast<std::size_t>(g)] = true;
    loyal[static_cast<std::size_t>(g)] = false;
  }
  const std::vector<CheckCase> cases{
      {n - 1, true, kReject}, {0, false, kApprove}, {0, false, kReject}};
  Verdict verdict;
  PathTree tree;
  for (const CheckCase& at : cases) {
    tree.build(n, at.commander, m);
    algorithm.prepare(tree);
    const auto report = check_case(algorithm, tree, traitor, loyal, at);
    REQUIRE(report.has_value());
    verdict.ic1 = verdict.ic1 || report->ic1.has_value();
    verdict.ic2 = verdict.ic2 || report->ic2.has_value();
    if (!verdict.witness) verdict.witness = report->ic1 ? report->ic1 : report->ic2;
  }
  return verdict;
}

LoadedScenario load_generals(const std::string& type, int loyal, int traitors, int m,
                             const std::string& strategy, int commander,
                             const std::string& extra = "") {
  const std::string text =
      R"({"name":"g","seed":7,"trials":400,"truth":{"p_good":0.5},"protocol":{"type":")" + type +
      R"(","m":)" + std::to_string(m) + R"(,"commander":)" + std::to_string(commander) + extra +
      R"(},"agents":[{"role":"honest","count":)" + std::to_string(loyal) +
      R"(},{"role":"malicious","count":)" + std::to_string(traitors) + R"(,"strategy":")" +
      strategy + R"("}],"network":{"latency":{"dist":"uniform","min":"1ms","max":"20ms"}}})";
  LoadResult result = load_scenario_text(text, "g.json");
  INFO(byzsim::testing::all_messages(result));
  REQUIRE(result.ok());
  return std::move(*result.scenario);
}

// A witness through the protocol and the engine: trial 0 with the witness's choices (and, for
// a loyal commander, the truth that makes it give the witness's order, accuracy 1).
TrialResult replay(const std::string& type, int loyal, int traitors, int m, const Witness& w) {
  const LoadedScenario s = load_generals(type, loyal, traitors, m, "oppose-truth", w.at.commander,
                                         R"(,"choices":)" + std::to_string(w.script));
  Scenario scenario = s.points[0].scenario;
  if (!w.at.commander_traitor)
    scenario.truth.kind = w.at.order == kApprove ? Truth::Kind::good : Truth::Kind::bad;
  TrialRunner runner;
  runner.prepare(scenario, 0);
  return runner.run(0);
}

}  // namespace

TEST_CASE(
    "OM(m) sends the closed form sum over k of (n-1)...(n-k) messages, in the tree and in runs") {
  for (int n = 3; n <= 8; ++n)
    for (int m = 0; m <= 3 && m <= n - 2; ++m) {
      PathTree tree;
      tree.build(n, 0, m);
      double sent = 0;
      for (int node = 0; node < tree.size(); ++node) sent += n - tree.depth(node) - 1;
      CHECK(sent == PathTree::message_count(n, m));
    }
  CHECK(PathTree::message_count(4, 1) == 3 + 3 * 2);
  CHECK(PathTree::message_count(7, 2) == 6 + 6 * 5 + 6 * 5 * 4);
  for (const char* strategy : {"oppose-truth", "equivocate", "random", "collude"}) {
    const LoadedScenario s = load_generals("om", 5, 2, 2, strategy, 0);
    TrialRunner runner;
    runner.prepare(s.points[0].scenario, 0);
    for (std::uint64_t t = 0; t < 20; ++t) CHECK(runner.run(t).messages == 6 + 30 + 120);
  }
}

TEST_CASE(
    "OM(1) with n = 4 and one traitor, commander or lieutenant: no IC1/IC2 violation, "
    "exhaustively") {
  OralMessages om;
  const Verdict v = check_all(om, 4, 1, 1);
  CHECK_FALSE(v.ic1);
  CHECK_FALSE(v.ic2);
}

TEST_CASE(
    "OM(1) with n = 3 and one traitor: the paper's violation is found and its witness replays") {
  OralMessages om;
  const Verdict v = check_all(om, 3, 1, 1);
  CHECK(v.ic2);  // Fig. 1: a traitorous lieutenant makes the loyal one retreat from an attack
  REQUIRE(v.witness);
  const Witness& w = *v.witness;
  CHECK_FALSE(w.at.commander_traitor);
  CHECK(w.at.order == kApprove);
  CHECK(w.decisions[1] == kReject);
  // The same assignment through the protocol and the engine: the replayed trial breaks IC2.
  const TrialResult r = replay("om", 2, 1, 1, w);
  CHECK(r.counters[kIc2Violated] == 1);
  CHECK(r.outcome == Outcome::wrong);
}

TEST_CASE("OM(2) with n = 7 and two traitors: none exhaustively, OM(1) with n = 6 and two: found") {
  OralMessages om;
  const Verdict seven = check_all(om, 7, 2, 2);
  CHECK_FALSE(seven.ic1);
  CHECK_FALSE(seven.ic2);
  const Verdict six = check_all(om, 6, 1, 2);
  CHECK(six.ic1);
  REQUIRE(six.witness);
  CHECK(six.witness->at.commander_traitor);
  // The witness as a protocol run: a disagreement, from the script alone.
  CHECK(replay("om", 4, 2, 1, *six.witness).outcome == Outcome::disagreement);
}

TEST_CASE(
    "SM(1) with n = 3 and one traitor, SM(2) with n = 4 and two: no violation, exhaustively") {
  SignedMessages sm;
  const Verdict three = check_all(sm, 3, 1, 1);
  CHECK_FALSE(three.ic1);
  CHECK_FALSE(three.ic2);
  const Verdict four = check_all(sm, 4, 2, 2);
  CHECK_FALSE(four.ic1);
  CHECK_FALSE(four.ic2);
  // Signatures do not save SM(m) from more than m traitors: SM(1), n = 4, two traitors (the
  // commander and one lieutenant) can split the loyal lieutenants (the search can fail).
  const Verdict over = check_all(sm, 4, 1, 2);
  CHECK(over.ic1);
}

TEST_CASE("randomized runs agree with the exhaustive verdicts: no violation where there is none") {
  // 400 trials per (protocol, size, strategy, commander placement): every trial must keep IC1
  // and IC2, since the exhaustive search covers every deterministic choice the strategies make.
  struct Size {
    const char* type;
    int loyal, traitors, m;
  };
  for (const Size& size :
       {Size{"om", 3, 1, 1}, Size{"om", 5, 2, 2}, Size{"sm", 2, 1, 1}, Size{"sm", 2, 2, 2}})
    for (const char* strategy :
         {"oppose-truth", "equivocate", "random", "collude", "withhold", "always-approve"})
      for (int commander : {0, size.loyal + size.traitors - 1}) {
        const LoadedScenario s =
            load_generals(size.type, size.loyal, size.traitors, size.m, strategy, commander);
        TrialRunner runner;
        runner.prepare(s.points[0].scenario, 0);
        int violations = 0;
        for (std::uint64_t t = 0; t < 400; ++t) {
          const TrialResult r = runner.run(t);
          violations += r.outcome == Outcome::disagreement || r.counters[kIc2Violated] != 0;
        }
        INFO(size.type << " n = " << size.loyal + size.traitors << " " << strategy << " commander "
                       << commander);
        CHECK(violations == 0);
      }
}

TEST_CASE("randomized OM(1) with n = 3 shows the violation the search finds") {
  // A traitorous lieutenant opposing the truth breaks IC2 exactly when the loyal commander
  // attacks (a good proposal, accuracy 1): Binomial(400, 1/2) trials, and P(X <= 100) < 1e-23.
  const LoadedScenario s = load_generals("om", 2, 1, 1, "oppose-truth", 0);
  TrialRunner runner;
  runner.prepare(s.points[0].scenario, 0);
  int violations = 0;
  for (std::uint64_t t = 0; t < 400; ++t) violations += runner.run(t).counters[kIc2Violated] != 0;
  CHECK(violations > 100);
}

namespace {

class Reliable final : public Transport {
 public:
  bool deliver(int, int, int, Orders&) override { return true; }
};

}  // namespace

TEST_CASE("OM's pruned search gives the verdicts of trying every assignment one by one") {
  // Brute force: every script 0 .. space-1 (OM's option counts are fixed, so the scripts are
  // exactly the assignments), each run and judged; the pruned search must agree per case.
  struct Size {
    int n, m, traitors;
  };
  OralMessages om;
  int violations_seen = 0;
  for (const Size& size :
       {Size{4, 1, 1}, Size{4, 1, 2}, Size{5, 1, 2}, Size{6, 1, 2}, Size{5, 2, 2}, Size{4, 2, 1}})
    for (bool commander_traitor : {true, false})
      for (Orders order : {kApprove, kReject}) {
        const int n = size.n;
        std::vector<bool> traitor(static_cast<std::size_t>(n), false);
        for (int g = n - size.traitors; g < n; ++g) traitor[static_cast<std::size_t>(g)] = true;
        std::vector<bool> loyal(traitor.size());
        for (std::size_t g = 0; g < traitor.size(); ++g) loyal[g] = !traitor[g];
        const CheckCase at{commander_traitor ? n - 1 : 0, commander_traitor, order};
        PathTree tree;
        tree.build(n, at.commander, size.m);
        om.prepare(tree);
        const double space = assignment_count(om, tree, traitor, at);
        REQUIRE(space <= 1 << 16);
        RunInput in;
        in.tree = &tree;
        in.traitor = traitor;
        in.order = order;
        bool ic1 = false, ic2 = false;
        for (std::uint64_t script = 0; script < static_cast<std::uint64_t>(space); ++script) {
          Reliable transport;
          ScriptedChooser chooser(script);
          om.run(in, transport, chooser);
          Orders first = kNone;
          for (int g = 0; g < n; ++g) {
            if (g == at.commander || !loyal[static_cast<std::size_t>(g)]) continue;
            const Orders d = om.decision(g);
            ic1 = ic1 || (first != kNone && d != first);
            if (first == kNone) first = d;
            ic2 = ic2 || (!commander_traitor && d != order);
          }
        }
        const auto report = check_case(om, tree, traitor, loyal, at);
        REQUIRE(report.has_value());
        INFO("n = " << n << ", m = " << size.m << ", traitors " << size.traitors
                    << (commander_traitor ? ", commander traitor" : ", commander loyal"));
        CHECK(report->ic1.has_value() == ic1);
        CHECK(report->ic2.has_value() == ic2);
        violations_seen += ic1 || ic2;
      }
  CHECK(violations_seen > 0);  // the comparison covered cases where violations exist
}
