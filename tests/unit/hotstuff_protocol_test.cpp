// hotstuff's normal case, message complexity, determinism and loader diagnostics: the first
// block carries the certified value and commits after four views; messages grow linearly in n;
// bad keys, quorums and strategies are refused with the loader's pointed messages.
#include <cmath>
#include <string>

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"
#include "tests/unit/diagnostics_support.hpp"
#include "tests/unit/hotstuff_builder.hpp"
#include "tests/unit/run_point.hpp"

using namespace byzsim;
using namespace byzsim::testing;

namespace {

Scenario normal_case(int n, Truth::Kind truth = Truth::Kind::good) {
  return hotstuff_scenario({honest(n)}, truth);
}

LoadResult load(const std::string& protocol, const std::string& agents) {
  std::string text = R"({"agents": )";
  text += agents;
  text += R"(, "protocol": )";
  text += protocol;
  text += "}";
  return load_scenario_text(text, "hotstuff.json");
}

const std::string kFourHonest = R"([{"role": "honest", "count": 4}])";

}  // namespace

TEST_CASE("hotstuff normal case: the certified value commits after four views, no timeouts",
          "[hotstuff]") {
  for (const int n : {4, 7}) {
    for (const Truth::Kind truth : {Truth::Kind::good, Truth::Kind::bad}) {
      const HotStuffCounts c = run_hotstuff(normal_case(n, truth), 200);
      INFO("n = " << n);
      CHECK(c.correct == 200);  // accurate reviewers: the certificate is of the right value
      CHECK(c.honest_decided == c.honest);
      CHECK(c.decision_views == 4 * 200u);  // views 0..3 of the first leader's term
      CHECK(c.timed_out == 0);
      CHECK(c.violations == 0);
    }
  }
}

TEST_CASE("hotstuff normal case: exactly n-1 votes, 4(n-1) proposals and 3(n-1) block votes",
          "[hotstuff]") {
  // Leader 0 holds views 0..3: it counts its own review and block votes without a message, and
  // nobody votes for the fourth block (its proposal commits everyone).
  const int n = 7;
  TrialRunner runner;
  const Scenario s = normal_case(n);
  runner.prepare(s, 0);
  const TrialResult r = runner.run(0);
  CHECK(r.counters[hotstuff::kFirstMessageCounter + 0] == n - 1);
  CHECK(r.counters[hotstuff::kFirstMessageCounter + 1] == 4 * (n - 1));
  CHECK(r.counters[hotstuff::kFirstMessageCounter + 2] == 3 * (n - 1));
  CHECK(r.counters[hotstuff::kFirstMessageCounter + 3] == 0);
  CHECK(r.messages == 8 * (n - 1));
}

TEST_CASE("hotstuff messages per decision grow linearly in n (fitted exponent 0.9..1.15)",
          "[hotstuff]") {
  // Least squares of log(messages) on log(n) over n = 4 .. 64. The normal case sends 8(n-1),
  // whose fitted exponent over this range is 1.09; a quadratic protocol would give about 2.
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int points = 0;
  for (const int n : {4, 8, 16, 32, 64}) {
    const HotStuffCounts c = run_hotstuff(normal_case(n, Truth::Kind::random), 20);
    REQUIRE(c.correct + c.wrong == 20);
    const double x = std::log(n);
    const double y = std::log(static_cast<double>(c.messages) / 20);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++points;
  }
  const double slope = (points * sxy - sx * sy) / (points * sxx - sx * sx);
  INFO("fitted exponent " << slope);
  CHECK(slope > 0.9);
  CHECK(slope < 1.15);
}

TEST_CASE("hotstuff: the first block's value follows the decision rule on the signed votes",
          "[hotstuff]") {
  // 4 approvals from 7 against an approve quorum of 5 and reject quorum of 5: no certificate, no
  // first block, no consensus (the seed's symmetric example).
  Scenario s = hotstuff_scenario(
      {fixed(Role::malicious, Vote::approve, 2), honest(2, 0.0), honest(3, 1.0)}, Truth::Kind::bad);
  s.protocol.f = 2;
  s.protocol.approve_quorum = 5;
  s.protocol.reject_quorum = 5;
  s.protocol.set("max_views", std::int64_t{12});
  const HotStuffCounts none = run_hotstuff(s, 50);
  CHECK(none.none == 50);
  // The same votes with the default reject quorum f + 1 = 3: REJECT is certified and committed.
  s.protocol.reject_quorum = 3;
  const HotStuffCounts reject = run_hotstuff(s, 50);
  CHECK(reject.correct == 50);
}

TEST_CASE("hotstuff runs the same bytes on 1 and 2 threads", "[hotstuff]") {
  Scenario s = hotstuff_scenario(
      {honest(5, 0.8), with_strategy(Role::malicious, builtin_strategy("equivocate"), 2)},
      Truth::Kind::random);
  s.network.drop = 0.05;
  s.trials = 400;
  const Tally one = run_point(s, 1);
  const Tally two = run_point(s, 2);
  for (int o = 0; o < kOutcomeCount; ++o) CHECK(one.counts[o] == two.counts[o]);
  for (int k = 0; k < kProtocolCounters; ++k) CHECK(one.counter_sums[k] == two.counter_sums[k]);
}

TEST_CASE("hotstuff loader: defaults and pointed refusals", "[hotstuff]") {
  const LoadResult ok = load(R"({"type": "hotstuff"})", R"([{"role": "honest", "count": 7}])");
  INFO(all_messages(ok));
  REQUIRE(ok.ok());
  const Scenario& s = ok.scenario->points.at(0).scenario;
  CHECK(s.protocol.integer("quorum") == 5);  // ceil((7 + 2 + 1) / 2)
  CHECK(s.protocol.integer("leader_views") == 4);
  CHECK(s.protocol.integer("max_views") == 36);  // 4 (n + 2)
  CHECK(s.protocol.number("view_timeout_growth") == 2.0);
  CHECK(s.protocol.flag("signatures"));

  find(load(R"({"type": "hotstuff", "quorum": 5})", kFourHonest), "/protocol/quorum",
       "more than n = 4");
  find(load(R"({"type": "hotstuff", "quorum": 0})", kFourHonest), "/protocol/quorum", "");
  find(load(R"({"type": "hotstuff", "leader_views": 0})", kFourHonest), "/protocol/leader_views",
       "");
  find(load(R"({"type": "hotstuff", "quorom": 3})", kFourHonest), "/protocol/quorom",
       "unknown key");
  find(load(R"({"type": "hotstuff", "max_views": 8, "max_rounds": 8})", kFourHonest),
       "/protocol/max_rounds", "both");
  find(load(R"({"type": "hotstuff", "rejudge": true})", kFourHonest), "/protocol/rejudge",
       "does not apply to hotstuff");
  find(load(R"({"type": "hotstuff", "leader_views": 101})", kFourHonest), "/protocol/leader_views",
       "");
  // Every strategy of the table runs, the coalition included.
  CHECK(load(R"({"type": "hotstuff"})", R"([{"role": "honest", "count": 3},
               {"role": "malicious", "count": 1, "strategy": "collude"}])")
            .ok());
  const LoadResult alias =
      load(R"({"type": "hotstuff", "max_rounds": 9})", R"([{"role": "honest", "count": 4}])");
  REQUIRE(alias.ok());
  CHECK(alias.scenario->points.at(0).scenario.protocol.integer("max_views") == 9);
}
