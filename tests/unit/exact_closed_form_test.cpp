// The exact analysis on cases with known answers, on what it declines (and how it says so),
// and at n = 10,000. Reads as the contract's sentences.
#include <catch2/catch.hpp>

#include "tests/unit/exact_support.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "analysis/exact/binomial.hpp"
#include "analysis/exact/exact.hpp"
#include "analysis/exact/round_chain.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

double total(const ExactOutcome& o) {
  return o.p_correct + o.p_wrong + o.p_no_consensus + o.p_disagreement;
}

std::string reason_for(const Scenario& s) {
  const ExactReport report = exact_report(s);
  CHECK_FALSE(report.outcome.has_value());
  return report.unsupported_reason;
}

TEST_CASE(
    "exact: 5 honest reviewers of accuracy 0.7 decide a good proposal by majority with 0.83692") {
  Scenario s = base_scenario("majority", {group(Role::honest, builtin_strategy("judge"), 5, 0.7)});
  s.truth.kind = Truth::Kind::good;
  const ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_correct == Approx(0.83692).epsilon(1e-13));
  CHECK(o.p_wrong == Approx(0.16308).epsilon(1e-13));
  CHECK(o.p_no_consensus == 0);
  CHECK(o.mean_rounds == 1);
  CHECK(o.mean_messages == 15);  // 5 proposals, 5 votes, 5 decision messages
}

TEST_CASE(
    "exact: the seed's 7 reviewers with 2 fixed rejecters and f = 2 always decide correctly") {
  AgentGroup rejecters = group(Role::malicious, builtin_strategy("fixed"), 2);
  rejecters.fixed_vote = Vote::reject;
  Scenario s = base_scenario(
      "coordinator-vote", {group(Role::honest, builtin_strategy("judge"), 5, 1.0), rejecters}, 2);
  REQUIRE(s.protocol.approve_quorum == 5);
  REQUIRE(s.protocol.reject_quorum == 3);
  for (Truth::Kind truth : {Truth::Kind::good, Truth::Kind::bad, Truth::Kind::random}) {
    s.truth.kind = truth;
    const ExactOutcome o = exact_or_fail(s);
    CHECK(o.p_correct == 1);
    CHECK(o.p_wrong == 0);
    CHECK(o.p_no_consensus == 0);
    CHECK(o.p_disagreement == 0);
  }
}

TEST_CASE("exact: a fully correlated group is right or wrong together") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 5, 0.7);
  honest.correlation = 1;
  Scenario s = base_scenario("majority", {honest});
  const ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_correct == Approx(0.7).epsilon(1e-14));
  CHECK(o.p_wrong == Approx(0.3).epsilon(1e-14));
}

TEST_CASE("exact: two random voters tie half the time, so rounds repeat geometrically") {
  Scenario s = base_scenario("majority", {group(Role::faulty, builtin_strategy("random"), 2)});
  s.protocol.max_rounds = 3;
  const ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_no_consensus == Approx(0.125).epsilon(1e-14));
  CHECK(o.p_correct == Approx(0.4375).epsilon(1e-14));
  CHECK(o.mean_rounds == Approx(1.75).epsilon(1e-14));
  // Per round 2 proposals and 2 votes; 2 decision messages when decided.
  CHECK(o.mean_messages == Approx(1.75 * 4 + 2 * 0.875).epsilon(1e-14));
}

TEST_CASE("exact: judgements kept across rounds make a failed first round fail again") {
  // 4 honest of accuracy 0.5 under majority: a 2-2 tie (probability 3/8) repeats every round.
  Scenario s = base_scenario("majority", {group(Role::honest, builtin_strategy("judge"), 4, 0.5)});
  s.protocol.max_rounds = 3;
  s.protocol.rejudge = false;
  ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_no_consensus == Approx(0.375).epsilon(1e-14));
  CHECK(o.mean_rounds == Approx(1 + 2 * 0.375).epsilon(1e-14));
  s.protocol.rejudge = true;  // fresh judgements: the tie must recur three times
  o = exact_or_fail(s);
  CHECK(o.p_no_consensus == Approx(0.375 * 0.375 * 0.375).epsilon(1e-14));
  CHECK(o.mean_rounds == Approx(1 + 0.375 + 0.375 * 0.375).epsilon(1e-14));
}

TEST_CASE("exact: a crashed agent and a withholding agent send no votes") {
  Scenario s = base_scenario("coordinator-vote",
                             {group(Role::honest, builtin_strategy("judge"), 5),
                              group(Role::faulty, builtin_strategy("crash"), 1),
                              group(Role::malicious, builtin_strategy("withhold"), 1)},
                             2);
  s.network.drop = 0.1;
  const ExactOutcome o = exact_or_fail(s);
  // 7 proposals + 5 x 0.9 votes sent, plus 7 decision messages when decided.
  const double decided = o.p_correct + o.p_wrong;
  CHECK(o.mean_messages == Approx(7 + 4.5 + 7 * decided).epsilon(1e-14));
  // Approvals need all 5 honest votes through two drops each.
  CHECK(o.p_correct ==
        Approx(0.5 * std::pow(0.81, 5) + 0.5 * (1 -
                                                [] {
                                                  double below = 0;  // P(Bin(5, 0.81) < 3)
                                                  for (int k = 0; k < 3; ++k) {
                                                    below += exact::binomial_pmf(5, k, 0.81);
                                                  }
                                                  return below;
                                                }()))
            .epsilon(1e-13));
}

TEST_CASE("exact: votes that always arrive after round_timeout are never counted") {
  AgentGroup slow = group(Role::faulty, builtin_strategy("slow"), 3);
  slow.factor = 100;
  Scenario s = base_scenario("majority", {group(Role::honest, builtin_strategy("judge"), 2), slow});
  s.network.latency = Distribution::constant(10e9);  // 10 s + 100 x 10 s > 5 min
  s.truth.kind = Truth::Kind::bad;
  const ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_correct == 1);
  CHECK(o.mean_messages == 5 + 5 + 5);  // the late votes are still sent
}

TEST_CASE("exact: corruption by count replaces a uniformly chosen honest agent") {
  Scenario s =
      base_scenario("coordinator-vote", {group(Role::honest, builtin_strategy("judge"), 4)}, 1);
  s.corruption.enabled = true;
  s.corruption.count_min = 0;
  s.corruption.count_max = 3;
  s.corruption.replacement = group(Role::malicious, builtin_strategy("oppose-truth"), 0);
  const ExactOutcome o = exact_or_fail(s);
  // Quorums 3 and 2. 0 or 1 corrupted: correct. 2 corrupted (2 right, 2 wrong): REJECT, which
  // is correct only for a bad proposal. 3 corrupted: wrong either way.
  CHECK(o.mean_corrupted == Approx(1.5));
  CHECK(o.p_correct == Approx(0.25 + 0.25 + 0.25 * 0.5).epsilon(1e-14));
  CHECK(total(o) == Approx(1).epsilon(1e-14));
}

TEST_CASE("exact: the round chain matches the geometric closed form") {
  exact::RoundChain chain(4);
  for (double a : {0.0, 0.2, 0.5}) {
    for (double r : {0.0, 0.1, 0.3}) {
      const exact::RoundsOutcome o = chain.solve({a, r, -1});
      const double fail = 1 - a - r;
      const double started = 1 + fail + fail * fail + fail * fail * fail;
      CHECK(o.expected_rounds == Approx(started).epsilon(1e-14));
      CHECK(o.approve == Approx(a * started).margin(1e-15));
      CHECK(o.reject == Approx(r * started).margin(1e-15));
      CHECK(o.none == Approx(std::pow(fail, 4)).margin(1e-15));
    }
  }
}

TEST_CASE("exact: binomial masses and tails agree with direct sums") {
  for (int n : {0, 1, 7, 40}) {
    for (double p : {0.0, 0.3, 0.5, 0.97, 1.0}) {
      long double sum = 0;
      for (int k = 0; k <= n; ++k) {
        long double direct = 1;  // C(n, k) p^k (1-p)^(n-k)
        for (int j = 0; j < k; ++j) direct = direct * (n - j) / (j + 1);
        direct *= std::pow(static_cast<long double>(p), k) *
                  std::pow(1.0L - static_cast<long double>(p), n - k);
        CHECK(exact::binomial_pmf(n, k, p) ==
              Approx(static_cast<double>(direct)).epsilon(1e-13).margin(1e-300));
        sum += direct;
      }
      CHECK(static_cast<double>(sum) == Approx(1.0).epsilon(1e-13));
      std::vector<double> at_least, below;
      exact::binomial_tails(n, p, n / 2, at_least, below);
      double up = 0, low = 0;
      for (int k = 0; k <= n; ++k) (k >= n / 2 ? up : low) += exact::binomial_pmf(n, k, p);
      CHECK(at_least.back() == Approx(up).epsilon(1e-13).margin(1e-300));
      CHECK(below.back() == Approx(low).epsilon(1e-13).margin(1e-300));
    }
  }
}

TEST_CASE("exact: probabilities sum to 1") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 40, 0.8);
  honest.correlation = 0.2;
  AgentGroup flip = group(Role::faulty, builtin_strategy("flip"), 5, 0.7);
  flip.p = 0.4;
  AgentGroup omission = group(Role::faulty, builtin_strategy("omission"), 5, 0.9);
  omission.p = 0.3;
  for (auto type : {"majority", "coordinator-vote"}) {
    Scenario s = base_scenario(
        type, {honest, flip, omission, group(Role::malicious, builtin_strategy("random"), 10)});
    s.network.drop = 0.05;
    s.protocol.max_rounds = 3;
    s.corruption.enabled = true;
    s.corruption.count_max = 3;
    s.corruption.replacement = group(Role::malicious, builtin_strategy("always-approve"), 0);
    for (bool rejudge : {false, true}) {
      s.protocol.rejudge = rejudge;
      const ExactOutcome o = exact_or_fail(s);
      CHECK(total(o) == Approx(1).epsilon(1e-13));
      CHECK(o.mean_rounds >= 1);
      CHECK(o.mean_rounds <= 3);
    }
  }
}

TEST_CASE("exact: an unsupported scenario names the group or setting") {
  const auto base = [] {
    return base_scenario("coordinator-vote",
                         {group(Role::honest, builtin_strategy("judge"), 5, 0.9),
                          group(Role::malicious, builtin_strategy("random"), 1),
                          group(Role::faulty, builtin_strategy("random"), 1)});
  };
  Scenario s = base();
  s.agents[2].strategy = builtin_strategy("collude");
  CHECK(reason_for(s).rfind("agents[2] (strategy collude)", 0) == 0);
  s.agents[2].count = 0;  // an empty colluding group changes nothing
  CHECK(exact_report(s).outcome.has_value());

  s = base();
  s.agents[1].strategy = builtin_strategy("equivocate");
  CHECK(reason_for(s).rfind("agents[1] (strategy equivocate)", 0) == 0);

  s = base();
  s.agents[2].strategy = builtin_strategy("crash");
  s.agents[2].crash_at = Distribution::constant(1e9);
  CHECK(reason_for(s).rfind("agents[2] (strategy crash)", 0) == 0);
  s.agents[2].crash_at = Distribution::constant(0);
  CHECK(exact_report(s).outcome.has_value());

  s = base();
  s.network.latency.kind = Distribution::Kind::exponential;
  s.network.latency.mean_ns = 1e6;
  CHECK(reason_for(s).rfind("network.latency (exponential)", 0) == 0);

  s = base();
  s.agents[0].think_time.kind = Distribution::Kind::lognormal;
  s.agents[0].think_time.median_ns = 60e9;
  s.agents[0].think_time.sigma = 0.5;
  CHECK(reason_for(s).rfind("agents[0] (think_time lognormal)", 0) == 0);

  s = base();
  s.agents[1].strategy = builtin_strategy("slow");
  s.agents[1].factor = 10;
  s.network.latency.kind = Distribution::Kind::uniform;
  s.network.latency.max_ns = 60e9;  // up to 60 s + 600 s: may or may not miss 5 min
  CHECK(reason_for(s).rfind("agents[1] (strategy slow)", 0) == 0);

  // A protocol without an exact rule never reaches the analysis: byzsim exact (and plan) refuse
  // it by its spec, naming those with one (tests/cli/exact.sh checks the message).
  CHECK_FALSE(builtin_protocol("pbft").exact.has_value());
  CHECK(builtin_protocol("majority").exact == ExactRule::majority);
  CHECK(builtin_protocol("coordinator-vote").exact == ExactRule::quorums);

  s = base();
  s.corruption.enabled = true;
  s.corruption.count_max = 1;
  s.corruption.replacement = group(Role::malicious, builtin_strategy("collude"), 0);
  CHECK(reason_for(s).rfind("corruption (strategy collude)", 0) == 0);

  s = base();
  s.agents[2].strategy = builtin_strategy("omission");
  s.agents[2].p = 0.5;
  s.network.drop = 0.1;
  s.protocol.approve_quorum = 4;
  s.protocol.reject_quorum = 2;  // 4 + 2 <= 7: both quorums reachable in one round
  CHECK(reason_for(s).rfind("agents[2] (strategy omission)", 0) == 0);
}

TEST_CASE("exact: n = 10,000 agents in three groups are computed exactly") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 9000, 0.9);
  Scenario s = base_scenario("coordinator-vote",
                             {honest, group(Role::malicious, builtin_strategy("oppose-truth"), 700),
                              group(Role::faulty, builtin_strategy("random"), 300)});
  s.network.drop = 0.01;
  s.network.latency = Distribution::constant(5e6);
  for (auto type : {"coordinator-vote", "majority"}) {
    use_protocol(s.protocol, builtin_protocol(type));
    for (int rounds : {1, 3}) {
      s.protocol.max_rounds = rounds;
      const ExactOutcome o = exact_or_fail(s);
      CHECK(total(o) == Approx(1).epsilon(1e-12));
      CHECK(o.p_correct > 0.999);
      CHECK(o.mean_messages > 29000);
    }
  }
}

// Not run by ctest (hidden): `byzsim_tests "[exact-bench]"` prints the time of each variant.
TEST_CASE("exact: timing at n = 10,000", "[.exact-bench]") {
  const auto base = [](std::string_view type) {
    Scenario s = base_scenario(type, {group(Role::honest, builtin_strategy("judge"), 9000, 0.9),
                                      group(Role::malicious, builtin_strategy("oppose-truth"), 700),
                                      group(Role::faulty, builtin_strategy("random"), 300)});
    s.network.drop = 0.01;
    return s;
  };
  const std::vector<std::pair<const char*, std::function<void(Scenario&)>>> variants{
      {"1 round", [](Scenario&) {}},
      {"3 rounds, rejudge",
       [](Scenario& s) { s.protocol.max_rounds = 3, s.protocol.rejudge = true; }},
      {"3 rounds, judgements kept", [](Scenario& s) { s.protocol.max_rounds = 3; }},
      {"3 rounds kept, correlation 0.3",
       [](Scenario& s) { s.protocol.max_rounds = 3, s.agents[0].correlation = 0.3; }},
      {"3 rounds kept, corruption 0:2",
       [](Scenario& s) {
         s.protocol.max_rounds = 3;
         s.corruption.enabled = true;
         s.corruption.count_max = 2;
         s.corruption.replacement = group(Role::faulty, builtin_strategy("random"), 0);
       }},
      {"1 round, corruption p 0.1",
       [](Scenario& s) {
         s.corruption.enabled = s.corruption.by_probability = true;
         s.corruption.p = 0.1;
         s.corruption.replacement = group(Role::faulty, builtin_strategy("random"), 0);
       }},
      {"1 round, quorums 6000/3000",
       [](Scenario& s) { s.protocol.approve_quorum = 6000, s.protocol.reject_quorum = 3000; }},
      {"3 rounds kept, faulty flip (2 classes)",
       [](Scenario& s) {
         s.protocol.max_rounds = 3;
         s.agents[2].strategy = builtin_strategy("flip");
         s.agents[2].p = 0.3;
         s.agents[2].accuracy = 0.8;
       }},
  };
  for (std::string_view type : {"coordinator-vote", "majority"}) {
    for (const auto& [name, change] : variants) {
      Scenario s = base(type);
      change(s);
      const auto start = std::chrono::steady_clock::now();
      const ExactReport report = exact_report(s);
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      std::printf("%-17s %-40s %8.1f ms  %s\n", std::string(type).c_str(), name, took.count(),
                  report.outcome ? "ok" : report.unsupported_reason.c_str());
    }
  }
}

}  // namespace
}  // namespace byzsim
