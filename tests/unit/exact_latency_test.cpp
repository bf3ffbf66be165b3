// The exact mean decision latency (ExactOutcome::mean_latency_s): against a brute-force
// enumeration written from docs/model.md, against closed forms, and against the simulator.
#include <catch2/catch.hpp>

#include "tests/unit/exact_support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/exact/exact.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

constexpr SimTime kMs = 1'000'000;

Distribution uniform_5_to_50_ms() {
  Distribution d;
  d.kind = Distribution::Kind::uniform;
  d.min_ns = 5 * kMs;
  d.max_ns = 50 * kMs;
  return d;
}

Scenario scenario(std::string_view type, std::vector<AgentGroup> agents, SimTime latency_ns,
                  SimTime timeout_ns = 1000 * kMs) {
  Scenario s = base_scenario(type, std::move(agents));
  s.name = "latency";
  s.protocol.round_timeout_ns = timeout_ns;
  s.network.latency = Distribution::constant(static_cast<double>(latency_ns));
  return s;
}

// ---------------------------------------------------------------------------------------
// The brute force. A trial: truth, corrupted subset, judgements (kept, or drawn each round);
// per round every agent's counted vote (none / approve / reject) is enumerated. A round in
// which every agent's vote is counted lasts until the last arrival (latency + think + latency
// x factor, each in integer ns), else round_timeout; a failed round starts the next.

struct Member {
  std::size_t group = 0;
  const AgentGroup* conduct = nullptr;
  SimTime arrival_ns = 0;
};

// P(counted approve), P(counted reject) of one member in one round.
std::pair<double, double> counted_vote(const Scenario& s, const AgentGroup& c, bool good,
                                       bool right) {
  double approve = 0, reject = 0;
  const double says_right = right ? 1 : 0;
  double right_vote = 0, wrong_vote = 0;
  // An independent oracle: written from the contract's table, not from the strategy table.
  const std::string_view name = strategy_of(c).name;
  if (name == "judge" || name == "omission" || name == "slow") {
    right_vote = says_right, wrong_vote = 1 - says_right;
  } else if (name == "flip") {
    right_vote = right ? 1 - c.p : c.p, wrong_vote = 1 - right_vote;
  } else if (name == "oppose-truth") {
    wrong_vote = 1;
  } else if (name == "random") {
    approve = reject = 0.5;
  } else if (name == "always-approve") {
    approve = 1;
  } else if (name == "always-reject") {
    reject = 1;
  } else if (name == "fixed") {
    approve = c.fixed_vote == Vote::approve, reject = c.fixed_vote == Vote::reject;
  }  // withhold, crash at 0: no vote
  approve += good ? right_vote : wrong_vote;
  reject += good ? wrong_vote : right_vote;
  const double drop = s.network.drop;
  const double keep =
      (1 - drop) * (1 - drop) * (c.strategy == builtin_strategy("omission") ? 1 - c.p : 1.0);
  return {keep * approve, keep * reject};
}

int decide(const Scenario& s, int approvals, int rejections) {  // 1 approve, 2 reject, 0 none
  if (s.protocol.name() == "majority")
    return approvals > rejections ? 1 : rejections > approvals ? 2 : 0;
  if (approvals >= s.protocol.approve_quorum) return 1;
  if (rejections >= s.protocol.reject_quorum) return 2;
  return 0;
}

// One round's chances by (decision, every vote counted): [decision][all_in].
using RoundTable = std::array<std::array<double, 2>, 3>;

RoundTable round_table(const Scenario& s, const std::vector<Member>& members, bool good,
                       unsigned right_bits) {
  RoundTable t{};
  const std::size_t n = members.size();
  std::vector<std::array<double, 3>> law(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto [a, r] = counted_vote(s, *members[i].conduct, good, (right_bits >> i) & 1u);
    law[i] = {1 - a - r, a, r};
  }
  std::size_t combos = 1;
  for (std::size_t i = 0; i < n; ++i) combos *= 3;
  for (std::size_t code = 0; code < combos; ++code) {
    double p = 1;
    int approvals = 0, rejections = 0, counted = 0;
    std::size_t rest = code;
    for (std::size_t i = 0; i < n; ++i, rest /= 3) {
      const std::size_t v = rest % 3;
      p *= law[i][v];
      approvals += v == 1, rejections += v == 2, counted += v != 0;
    }
    if (p == 0) continue;
    t[decide(s, approvals, rejections)][counted == static_cast<int>(n) ? 1 : 0] += p;
  }
  return t;
}

// P(judgement bits) with each group's correlation (a shared draw) or independent draws.
double judgement_probability(const Scenario& s, const std::vector<Member>& members, unsigned bits) {
  double p = 1;
  for (std::size_t g = 0; g < s.agents.size(); ++g) {
    const double acc = s.agents[g].accuracy, c = s.agents[g].correlation;
    bool all_right = true, all_wrong = true, any = false;
    double independent = 1;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].group != g) continue;
      const bool right = (bits >> i) & 1u;
      any = true;
      all_right = all_right && right;
      all_wrong = all_wrong && !right;
      independent *= right ? acc : 1 - acc;
    }
    if (any) p *= c * ((all_right ? acc : 0) + (all_wrong ? 1 - acc : 0)) + (1 - c) * independent;
  }
  return p;
}

struct Brute {
  double decided = 0;     // P(decided)
  double decided_ns = 0;  // E[decision time x 1{decided}]
};

// Rounds r.. from time t with `table` the chances of each round (i.i.d.), weight w.
void rounds(const Scenario& s, const RoundTable& table, double all_in_ns, int r, double t, double w,
            Brute& out) {
  const double timeout = static_cast<double>(s.protocol.round_timeout_ns);
  for (int all = 0; all < 2; ++all) {
    const double end = t + (all ? all_in_ns : timeout);
    const double decided = table[1][all] + table[2][all];
    out.decided += w * decided;
    out.decided_ns += w * decided * end;
    if (r < s.protocol.max_rounds && table[0][all] > 0)
      rounds(s, table, all_in_ns, r + 1, end, w * table[0][all], out);
  }
}

Brute brute_force(const Scenario& s) {
  // Members and the corrupted subsets with their probabilities.
  std::vector<Member> base;
  std::vector<std::size_t> honest;
  for (std::size_t g = 0; g < s.agents.size(); ++g)
    for (int i = 0; i < s.agents[g].count; ++i) {
      if (s.agents[g].role == Role::honest) honest.push_back(base.size());
      base.push_back({g, &s.agents[g], 0});
    }
  const std::size_t n = base.size();
  const int h = static_cast<int>(honest.size());
  std::vector<std::pair<unsigned, double>> subsets;  // over honest indices
  if (!s.corruption.enabled || h == 0) {
    subsets.emplace_back(0u, 1.0);
  } else {
    for (unsigned m = 0; m < (1u << h); ++m) {
      const int k = __builtin_popcount(m);
      double w = 0;
      if (s.corruption.by_probability) {
        w = std::pow(s.corruption.p, k) * std::pow(1 - s.corruption.p, h - k);
      } else {
        const int lo = std::min(s.corruption.count_min, h),
                  hi = std::min(s.corruption.count_max, h);
        if (k >= lo && k <= hi) {
          double choose = 1;
          for (int j = 0; j < k; ++j) choose = choose * (h - j) / (j + 1);
          w = 1.0 / (hi - lo + 1) / choose;
        }
      }
      if (w > 0) subsets.emplace_back(m, w);
    }
  }
  std::vector<std::pair<bool, double>> truths;
  if (s.truth.kind == Truth::Kind::good)
    truths = {{true, 1.0}};
  else if (s.truth.kind == Truth::Kind::bad)
    truths = {{false, 1.0}};
  else
    truths = {{true, s.truth.p_good}, {false, 1 - s.truth.p_good}};
  const SimTime latency = static_cast<SimTime>(s.network.latency.value_ns + 0.5);
  Brute out;
  for (const auto& [m, subset_weight] : subsets) {
    std::vector<Member> members = base;
    for (int j = 0; j < h; ++j)
      if ((m >> j) & 1u)
        members[honest[static_cast<std::size_t>(j)]].conduct = &s.corruption.replacement;
    SimTime last = 0;
    for (auto& member : members) {
      const AgentGroup& c = *member.conduct;
      const SimTime think = static_cast<SimTime>(s.agents[member.group].think_time.value_ns + 0.5);
      const SimTime vote = c.strategy == builtin_strategy("slow")
                               ? static_cast<SimTime>(static_cast<double>(latency) * c.factor)
                               : latency;
      last = std::max(last, latency + think + vote);
    }
    for (const auto& [good, truth_weight] : truths) {
      const double w = subset_weight * truth_weight;
      if (s.protocol.rejudge) {
        RoundTable mixed{};
        for (unsigned bits = 0; bits < (1u << n); ++bits) {
          const double pj = judgement_probability(s, members, bits);
          if (pj == 0) continue;
          const RoundTable t = round_table(s, members, good, bits);
          for (int d = 0; d < 3; ++d)
            for (int a = 0; a < 2; ++a) mixed[d][a] += pj * t[d][a];
        }
        rounds(s, mixed, static_cast<double>(last), 1, 0, w, out);
      } else {
        for (unsigned bits = 0; bits < (1u << n); ++bits) {
          const double pj = judgement_probability(s, members, bits);
          if (pj == 0) continue;
          rounds(s, round_table(s, members, good, bits), static_cast<double>(last), 1, 0, w * pj,
                 out);
        }
      }
    }
  }
  return out;
}

// Returns whether a latency was compared.
bool check_against_brute_force(const Scenario& s) {
  const ExactReport report = exact_report(s);
  if (!report.outcome) return false;  // outside the exact model: nothing to compare
  const Brute b = brute_force(s);
  const ExactOutcome& e = *report.outcome;
  CHECK(e.p_correct + e.p_wrong == Approx(b.decided).margin(1e-12));
  if (b.decided < 1e-12) {
    CHECK_FALSE(e.mean_latency_s.has_value());
    return false;
  }
  if (!e.mean_latency_s) {
    // Only corruption by probability whose members' arrival changes is left unknown.
    std::ostringstream groups;
    for (const auto& g : s.agents)
      groups << strategy_of(g).name << " x" << g.count << " think " << g.think_time.value_ns
             << " factor " << g.factor << " accuracy " << g.accuracy << "; ";
    INFO(groups.str());
    INFO("replacement " << strategy_of(s.corruption.replacement).name << " p " << s.corruption.p
                        << " rounds " << s.protocol.max_rounds);
    CHECK(s.corruption.by_probability);
    CHECK(s.corruption.replacement.strategy == builtin_strategy("slow"));
    return false;
  }
  const double brute_s = b.decided_ns / b.decided / 1e9;
  CHECK(*e.mean_latency_s == Approx(brute_s).epsilon(1e-11).margin(1e-13));
  return true;
}

TEST_CASE("exact latency: brute force, drops, withholders, slow and omission agents, 1-3 rounds") {
  AgentGroup slow = group(Role::faulty, builtin_strategy("slow"), 1, 0.7);
  slow.factor = 3.5;
  AgentGroup omit = group(Role::faulty, builtin_strategy("omission"), 1, 0.8);
  omit.p = 0.3;
  AgentGroup thinker = group(Role::honest, builtin_strategy("judge"), 2, 0.75);
  thinker.think_time = Distribution::constant(4 * kMs);
  for (std::string_view type : {"coordinator-vote", "majority"}) {
    for (int rounds = 1; rounds <= 3; ++rounds) {
      for (bool rejudge : {false, true}) {
        for (double drop : {0.0, 0.1}) {
          Scenario s = scenario(type, {thinker, slow, omit}, 10 * kMs);
          s.protocol.max_rounds = rounds;
          s.protocol.rejudge = rejudge;
          s.network.drop = drop;
          s.protocol.approve_quorum = 3, s.protocol.reject_quorum = 2;
          INFO("type " << type << " rounds " << rounds << " rejudge " << rejudge << " drop "
                       << drop);
          CHECK(check_against_brute_force(s));
          Scenario w = s;  // a withholder: every round lasts round_timeout
          w.agents.push_back(group(Role::malicious, builtin_strategy("withhold"), 1));
          w.protocol.approve_quorum = 4, w.protocol.reject_quorum = 2;  // exclusive quorums
          CHECK(check_against_brute_force(w));
        }
      }
    }
  }
}

TEST_CASE("exact latency: brute force on 300 random small scenarios") {
  std::mt19937_64 rng(20240611);
  const auto pick = [&rng](auto... values) {
    const std::vector<double> v{static_cast<double>(values)...};
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  const std::vector<const StrategySpec*> strategies = {
      builtin_strategy("judge"),       builtin_strategy("judge"), builtin_strategy("flip"),
      builtin_strategy("random"),      builtin_strategy("fixed"), builtin_strategy("always-reject"),
      builtin_strategy("omission"),    builtin_strategy("slow"),  builtin_strategy("withhold"),
      builtin_strategy("oppose-truth")};
  const auto random_conduct = [&](AgentGroup& g) {
    g.strategy =
        strategies[std::uniform_int_distribution<std::size_t>(0, strategies.size() - 1)(rng)];
    g.role = g.strategy == builtin_strategy("judge") ? Role::honest : Role::faulty;
    g.p = pick(0.2, 0.5);
    g.factor = pick(2, 3.5, 0.5);
    g.fixed_vote = pick(0, 1) ? Vote::approve : Vote::reject;
    g.accuracy = pick(0.6, 0.9, 1);
    g.correlation = pick(0, 0, 0.5);
  };
  int compared = 0;
  for (int k = 0; k < 300; ++k) {
    Scenario s;
    s.name = "random";
    const int groups = static_cast<int>(pick(1, 2, 3));
    for (int g = 0; g < groups; ++g) {
      AgentGroup a;
      random_conduct(a);
      a.count = static_cast<int>(pick(1, 1, 2));
      a.think_time = Distribution::constant(pick(0, 3, 5.5) * kMs);
      s.agents.push_back(a);
    }
    while (s.n() > 4) s.agents.pop_back();
    use_protocol(s.protocol, builtin_protocol(pick(0, 1) ? "majority" : "coordinator-vote"));
    const int n = s.n();
    s.protocol.approve_quorum = std::uniform_int_distribution<int>(1, n)(rng);
    s.protocol.reject_quorum = std::uniform_int_distribution<int>(1, n)(rng);
    s.protocol.max_rounds = static_cast<int>(pick(1, 2, 3));
    s.protocol.rejudge = pick(0, 1) != 0;
    s.protocol.round_timeout_ns = 500 * kMs;
    s.network.latency = Distribution::constant(pick(0, 10, 7.3) * kMs);
    s.network.drop = pick(0, 0.1, 0.3);
    s.truth.kind = pick(0, 1) ? Truth::Kind::random : Truth::Kind::good;
    s.truth.p_good = 0.4;
    if (pick(0, 0, 1) != 0 && s.count_of(Role::honest) > 0) {
      s.corruption.enabled = true;
      s.corruption.by_probability = pick(0, 1) != 0;
      s.corruption.p = pick(0.2, 0.5);
      s.corruption.count_min = static_cast<int>(pick(0, 1));
      s.corruption.count_max = static_cast<int>(pick(1, 2));
      random_conduct(s.corruption.replacement);
      s.corruption.replacement.role = Role::malicious;
    }
    INFO("random scenario " << k);
    compared += check_against_brute_force(s);
  }
  CHECK(compared >= 200);
}

// ---------------------------------------------------------------------------------------
// Closed forms.

TEST_CASE("exact latency: 7 votes all in at 2 x 10 ms latency decide at 0.02 s") {
  const Scenario s =
      scenario("coordinator-vote", {group(Role::honest, builtin_strategy("judge"), 7)}, 10 * kMs);
  const ExactOutcome o = exact_or_fail(s);
  REQUIRE(o.mean_latency_s.has_value());
  CHECK(*o.mean_latency_s == Approx(0.02).epsilon(1e-15));
}

TEST_CASE("exact latency: a slow agent of factor 3 and 5 ms think time set the last arrival") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 6);
  honest.think_time = Distribution::constant(5 * kMs);
  AgentGroup slow = group(Role::faulty, builtin_strategy("slow"), 1);
  slow.factor = 3;
  const ExactOutcome o = exact_or_fail(scenario("majority", {honest, slow}, 10 * kMs));
  REQUIRE(o.mean_latency_s.has_value());
  CHECK(*o.mean_latency_s == Approx(0.04).epsilon(1e-15));  // 10 + 0 + 30 ms > 10 + 5 + 10 ms
}

TEST_CASE("exact latency: one withholder makes every round last round_timeout") {
  Scenario s = scenario("coordinator-vote",
                        {group(Role::honest, builtin_strategy("judge"), 6),
                         group(Role::malicious, builtin_strategy("withhold"), 1)},
                        10 * kMs, 2500 * kMs);
  const ExactOutcome o = exact_or_fail(s);
  REQUIRE(o.mean_latency_s.has_value());
  CHECK(*o.mean_latency_s == Approx(2.5).epsilon(1e-15));
  // Also with unbounded-free non-constant timings: the round still waits for the withholder.
  s.network.latency = uniform_5_to_50_ms();
  const ExactOutcome u = exact_or_fail(s);
  REQUIRE(u.mean_latency_s.has_value());
  CHECK(*u.mean_latency_s == Approx(2.5).epsilon(1e-15));
}

TEST_CASE("exact latency: non-constant timings with every agent voting are left unknown") {
  Scenario s = scenario("majority", {group(Role::honest, builtin_strategy("judge"), 5)}, 10 * kMs);
  s.network.latency = uniform_5_to_50_ms();
  const ExactOutcome o = exact_or_fail(s);
  CHECK_FALSE(o.mean_latency_s.has_value());
  CHECK(o.p_correct == 1);
}

TEST_CASE("exact latency: no decision ever leaves the latency empty") {
  AgentGroup yes = group(Role::faulty, builtin_strategy("always-approve"), 2);
  AgentGroup no = group(Role::faulty, builtin_strategy("always-reject"), 2);
  Scenario s = scenario("majority", {yes, no}, 10 * kMs);
  s.protocol.max_rounds = 3;
  const ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_no_consensus == 1);
  CHECK_FALSE(o.mean_latency_s.has_value());
}

TEST_CASE("exact latency: one agent with drops retries, a geometric sum of timeouts") {
  // Counted with q = (1 - d)^2 in each round: decides in round r at (r - 1) tau + D.
  const double d = 0.2, q = (1 - d) * (1 - d), tau = 0.3, all_in = 0.02;
  Scenario s = scenario("majority", {group(Role::honest, builtin_strategy("judge"), 1)}, 10 * kMs,
                        300 * kMs);
  s.network.drop = d;
  s.protocol.max_rounds = 4;
  double decided = 0, time = 0;
  for (int r = 1; r <= 4; ++r) {
    const double p = std::pow(1 - q, r - 1) * q;
    decided += p;
    time += p * ((r - 1) * tau + all_in);
  }
  const ExactOutcome o = exact_or_fail(s);
  CHECK(o.p_correct == Approx(decided).epsilon(1e-14));
  REQUIRE(o.mean_latency_s.has_value());
  CHECK(*o.mean_latency_s == Approx(time / decided).epsilon(1e-13));
}

TEST_CASE("exact latency: n = 10,000 with drops decides at round_timeout multiples") {
  // With 10,000 agents and drop 0.01, P(all votes counted) = 0.99^20000: every round times out.
  Scenario s = scenario("coordinator-vote",
                        {group(Role::honest, builtin_strategy("judge"), 9000, 0.9),
                         group(Role::malicious, builtin_strategy("oppose-truth"), 1000)},
                        10 * kMs, 1000 * kMs);
  s.network.drop = 0.01;
  s.protocol.max_rounds = 3;
  const ExactOutcome o = exact_or_fail(s);
  REQUIRE(o.mean_latency_s.has_value());
  const double decided = o.p_correct + o.p_wrong;
  // E[rounds x 1{decided}] = mean_rounds - 3 P(none), each round 1 s.
  CHECK(*o.mean_latency_s ==
        Approx((o.mean_rounds - 3 * o.p_no_consensus) / decided).epsilon(1e-9));
}

// ---------------------------------------------------------------------------------------
// Against the simulator.

TEST_CASE("exact latency: agrees with 4000 simulated trials within 6 standard errors") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 5, 0.8);
  honest.think_time = Distribution::constant(5 * kMs);
  AgentGroup slow = group(Role::faulty, builtin_strategy("slow"), 1, 0.8);
  slow.factor = 3;
  AgentGroup omit = group(Role::faulty, builtin_strategy("omission"), 1, 0.8);
  omit.p = 0.3;
  for (bool rejudge : {false, true}) {
    Scenario s = scenario("coordinator-vote", {honest, slow, omit}, 10 * kMs, 200 * kMs);
    s.protocol.approve_quorum = 5, s.protocol.reject_quorum = 3;
    s.network.drop = 0.03;
    s.protocol.max_rounds = 3;
    s.protocol.rejudge = rejudge;
    s.truth.kind = Truth::Kind::random;
    const ExactOutcome e = exact_or_fail(s);
    REQUIRE(e.mean_latency_s.has_value());
    TrialRunner runner;
    runner.prepare(s, 0);
    double sum = 0, sum_sq = 0;
    int decided = 0;
    const int trials = 4000;
    for (int t = 0; t < trials; ++t) {
      const TrialResult r = runner.run(static_cast<std::uint64_t>(t));
      if (r.outcome != Outcome::correct && r.outcome != Outcome::wrong) continue;
      const double seconds = static_cast<double>(r.latency_ns) / 1e9;
      sum += seconds, sum_sq += seconds * seconds, ++decided;
    }
    REQUIRE(decided > 100);
    const double mean = sum / decided;
    const double sd = std::sqrt(std::max(0.0, sum_sq / decided - mean * mean));
    const double se = sd / std::sqrt(static_cast<double>(decided));
    INFO("rejudge " << rejudge << ": exact " << *e.mean_latency_s << " s, simulated " << mean
                    << " s, standard error " << se << " s over " << decided << " decided");
    CHECK(std::abs(mean - *e.mean_latency_s) <= 6 * se + 1e-12);
  }
}

}  // namespace
}  // namespace byzsim
