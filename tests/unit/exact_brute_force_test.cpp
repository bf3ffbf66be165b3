// The exact analysis against a brute-force enumeration of every agent's vote, written from
// docs/model.md independently of analysis/exact/, on small scenarios of every supported kind.
#include <catch2/catch.hpp>

#include "tests/unit/exact_support.hpp"

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "analysis/exact/exact.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

// ---------------------------------------------------------------------------------------
// The brute force: enumerate the truth, the corrupted subset, every judgement vector and every
// combination of counted votes (approve / reject / none) of all agents.

struct Member {
  std::size_t group = 0;
  bool honest = false;
};

std::vector<Member> members_of(const Scenario& s) {
  std::vector<Member> out;
  for (std::size_t g = 0; g < s.agents.size(); ++g) {
    for (int i = 0; i < s.agents[g].count; ++i)
      out.push_back({g, s.agents[g].role == Role::honest});
  }
  return out;
}

bool judges(const StrategySpec* s) {
  return s == builtin_strategy("judge") || s == builtin_strategy("crash") ||
         s == builtin_strategy("flip") || s == builtin_strategy("omission") ||
         s == builtin_strategy("slow");
}

// P(this judgement vector) for the agents flagged in `judging` (1 = right).
double judgement_probability(const Scenario& s, const std::vector<Member>& members,
                             const std::vector<bool>& judging, unsigned bits) {
  double p = 1;
  for (std::size_t g = 0; g < s.agents.size(); ++g) {
    const double acc = s.agents[g].accuracy, c = s.agents[g].correlation;
    bool all_right = true, all_wrong = true, any = false;
    double independent = 1;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].group != g || !judging[i]) continue;
      const bool right = (bits >> i) & 1u;
      any = true;
      all_right = all_right && right;
      all_wrong = all_wrong && !right;
      independent *= right ? acc : 1 - acc;
    }
    if (!any) continue;
    p *= c * ((all_right ? acc : 0) + (all_wrong ? 1 - acc : 0)) + (1 - c) * independent;
  }
  return p;
}

struct Chances {
  double approve = 0, reject = 0;
};

// Whether an agent that got the proposal at `latency` after the round started sends its vote:
// it thinks (its group's think time, also when corrupted) and sends unless the round has closed.
bool sends_in_time(const Scenario& s, double think_ns) {
  return s.network.latency.value_ns + think_ns < static_cast<double>(s.protocol.round_timeout_ns);
}

// One agent in one round: P(approve counted), P(reject counted).
Chances counted_vote(const Scenario& s, const AgentGroup& conduct, double think_ns, bool good,
                     bool right) {
  const StrategySpec* st = conduct.strategy;
  double p_approve = 0, p_reject = 0, p_right = 0, p_wrong = 0;  // intended vote
  if (st == builtin_strategy("judge") || st == builtin_strategy("omission") ||
      st == builtin_strategy("slow")) {
    (right ? p_right : p_wrong) = 1;
  } else if (st == builtin_strategy("flip")) {
    p_right = right ? 1 - conduct.p : conduct.p;
    p_wrong = 1 - p_right;
  } else if (st == builtin_strategy("oppose-truth")) {
    p_wrong = 1;
  } else if (st == builtin_strategy("random")) {
    p_approve = p_reject = 0.5;
  } else if (st == builtin_strategy("always-approve") || st == builtin_strategy("fixed")) {
    p_approve = st == builtin_strategy("always-approve") || conduct.fixed_vote == Vote::approve;
    p_reject = st == builtin_strategy("fixed") && conduct.fixed_vote == Vote::reject;
  } else if (st == builtin_strategy("always-reject")) {
    p_reject = 1;
  }  // withhold and crash (at 0) never vote
  p_approve += good ? p_right : p_wrong;
  p_reject += good ? p_wrong : p_right;
  // Timing (tests use constant durations): proposal latency + think + factor x vote latency.
  const double factor = conduct.strategy == builtin_strategy("slow") ? conduct.factor : 1;
  const double arrival = s.network.latency.value_ns * (1 + factor) + think_ns;
  const bool on_time = arrival < static_cast<double>(s.protocol.round_timeout_ns);
  const double drop = s.network.drop;
  const double loss = conduct.strategy == builtin_strategy("omission") ? conduct.p : 0;
  const double counted = on_time ? (1 - drop) * (1 - drop) * (1 - loss) : 0;
  return {p_approve * counted, p_reject * counted};
}

int decide(const Scenario& s, int approvals, int rejections) {  // 1 approve, 2 reject, 0 none
  if (s.protocol.name() == "majority") {
    return approvals > rejections ? 1 : approvals < rejections ? 2 : 0;
  }
  if (approvals >= s.protocol.approve_quorum) return 1;
  if (rejections >= s.protocol.reject_quorum) return 2;
  return 0;
}

// P(approve), P(reject), P(none) of one round: all 3^n counted-vote combinations.
std::vector<double> round_outcomes(const Scenario& s, const std::vector<Chances>& agents) {
  std::vector<double> out(3, 0.0);
  std::size_t combos = 1;
  for (std::size_t i = 0; i < agents.size(); ++i) combos *= 3;
  for (std::size_t code = 0; code < combos; ++code) {
    double p = 1;
    int approvals = 0, rejections = 0;
    std::size_t rest = code;
    for (const Chances& a : agents) {
      const std::size_t v = rest % 3;
      rest /= 3;
      p *= v == 0 ? 1 - a.approve - a.reject : v == 1 ? a.approve : a.reject;
      approvals += v == 1;
      rejections += v == 2;
    }
    out[static_cast<std::size_t>(decide(s, approvals, rejections))] += p;
  }
  return {out[1], out[2], out[0]};
}

struct Totals {
  double correct = 0, wrong = 0, none = 0, rounds = 0, messages = 0, corrupted = 0;
};

const AgentGroup& conduct_of(const Scenario& s, const Member& m, bool corrupted) {
  return corrupted ? s.corruption.replacement : s.agents[m.group];
}

// Agents that do not judge are enumerated with the bit "right" only.
bool consistent(const std::vector<bool>& judging, unsigned bits) {
  for (std::size_t i = 0; i < judging.size(); ++i) {
    if (!judging[i] && !((bits >> i) & 1u)) return false;
  }
  return true;
}

// Per-round outcome given the trial's kept state; judgements enumerated here if redrawn.
std::vector<double> round_given(const Scenario& s, const std::vector<Member>& members,
                                unsigned corrupted, bool good, const std::vector<bool>& judging,
                                int kept_bits) {
  std::vector<double> out(3, 0.0);
  const unsigned vectors = kept_bits >= 0 ? 1u : 1u << members.size();
  for (unsigned bits = 0; bits < vectors; ++bits) {
    const unsigned judged = kept_bits >= 0 ? static_cast<unsigned>(kept_bits) : bits;
    const double w = kept_bits >= 0 ? 1.0 : judgement_probability(s, members, judging, judged);
    if (w == 0 || !consistent(judging, judged)) continue;
    std::vector<Chances> agents;
    for (std::size_t i = 0; i < members.size(); ++i) {
      agents.push_back(counted_vote(s, conduct_of(s, members[i], (corrupted >> i) & 1u),
                                    s.agents[members[i].group].think_time.value_ns, good,
                                    (judged >> i) & 1u));
    }
    const auto o = round_outcomes(s, agents);
    for (int k = 0; k < 3; ++k)
      out[static_cast<std::size_t>(k)] += w * o[static_cast<std::size_t>(k)];
  }
  return out;
}

void add_trial(const Scenario& s, double w, bool good, const std::vector<double>& round,
               double sends, Totals& t) {
  const int m = s.protocol.max_rounds;
  double reach = 1, rounds = 0;  // P(round r is started)
  double approve = 0, reject = 0;
  for (int r = 0; r < m; ++r) {
    rounds += reach;
    approve += reach * round[0];
    reject += reach * round[1];
    reach *= round[2];
  }
  const double n = s.n();
  t.correct += w * (good ? approve : reject);
  t.wrong += w * (good ? reject : approve);
  t.none += w * reach;
  t.rounds += w * rounds;
  t.messages += w * (rounds * (n + sends) + n * (1 - reach));
}

double subset_probability(const Scenario& s, const std::vector<Member>& members, unsigned set) {
  int honest = 0, size = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i].honest)
      ++honest, size += (set >> i) & 1u;
    else if ((set >> i) & 1u)
      return 0;
  }
  const Corruption& c = s.corruption;
  if (!c.enabled || honest == 0) return size == 0 ? 1 : 0;
  if (c.by_probability) return std::pow(c.p, size) * std::pow(1 - c.p, honest - size);
  // k uniform over the range with both ends clamped to the honest agents, then a k-subset.
  const int lo = std::min(c.count_min, honest), hi = std::min(c.count_max, honest);
  if (size < lo || size > hi) return 0;
  double subsets = 1;  // C(honest, size)
  for (int j = 0; j < size; ++j) subsets = subsets * (honest - j) / (j + 1);
  return 1.0 / (hi - lo + 1) / subsets;
}

Totals brute_force(const Scenario& s) {
  const std::vector<Member> members = members_of(s);
  REQUIRE(members.size() <= 9);
  Totals t;
  const std::vector<std::pair<bool, double>> truths =
      s.truth.kind == Truth::Kind::good  ? std::vector<std::pair<bool, double>>{{true, 1}}
      : s.truth.kind == Truth::Kind::bad ? std::vector<std::pair<bool, double>>{{false, 1}}
                                         : std::vector<std::pair<bool, double>>{
                                               {true, s.truth.p_good}, {false, 1 - s.truth.p_good}};
  const unsigned sets = 1u << members.size();
  for (const auto& [good, truth_weight] : truths) {
    for (unsigned corrupted = 0; corrupted < sets; ++corrupted) {
      const double pc = subset_probability(s, members, corrupted);
      if (pc == 0) continue;
      std::vector<bool> judging;
      double sends = 0;
      for (std::size_t i = 0; i < members.size(); ++i) {
        const AgentGroup& g = conduct_of(s, members[i], (corrupted >> i) & 1u);
        judging.push_back(judges(g.strategy));
        const bool has_vote = !(
            g.strategy == builtin_strategy("withhold") || g.strategy == builtin_strategy("crash") ||
            (g.strategy == builtin_strategy("fixed") && g.fixed_vote == Vote::none));
        const bool in_time = sends_in_time(s, s.agents[members[i].group].think_time.value_ns);
        sends += has_vote && in_time ? 1 - s.network.drop : 0;
        if (pc > 0 && (corrupted >> i) & 1u) t.corrupted += truth_weight * pc;
      }
      if (s.protocol.rejudge) {
        const auto round = round_given(s, members, corrupted, good, judging, -1);
        add_trial(s, truth_weight * pc, good, round, sends, t);
        continue;
      }
      for (unsigned bits = 0; bits < sets; ++bits) {
        const bool valid = consistent(judging, bits);
        const double pj = valid ? judgement_probability(s, members, judging, bits) : 0;
        if (pj == 0) continue;
        const auto round =
            round_given(s, members, corrupted, good, judging, static_cast<int>(bits));
        add_trial(s, truth_weight * pc * pj, good, round, sends, t);
      }
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------
// Scenarios.

void check_against_brute_force(const Scenario& s) {
  const ExactReport report = exact_report(s);
  INFO("unsupported: " << report.unsupported_reason);
  REQUIRE(report.outcome.has_value());
  const ExactOutcome& e = *report.outcome;
  const Totals t = brute_force(s);
  CHECK(e.p_correct == Approx(t.correct).margin(1e-12).epsilon(0));
  CHECK(e.p_wrong == Approx(t.wrong).margin(1e-12).epsilon(0));
  CHECK(e.p_no_consensus == Approx(t.none).margin(1e-12).epsilon(0));
  CHECK(e.p_disagreement == 0);
  CHECK(e.mean_rounds == Approx(t.rounds).margin(1e-12).epsilon(0));
  CHECK(e.mean_messages == Approx(t.messages).margin(1e-11).epsilon(0));
  CHECK(e.mean_corrupted == Approx(t.corrupted).margin(1e-12).epsilon(0));
}

TEST_CASE("exact: the seed's reviewers with a malicious and a crashed agent match enumeration") {
  AgentGroup malicious = group(Role::malicious, builtin_strategy("oppose-truth"), 1);
  AgentGroup crashed = group(Role::faulty, builtin_strategy("crash"), 1);
  Scenario s =
      base_scenario("coordinator-vote",
                    {group(Role::honest, builtin_strategy("judge"), 5, 0.9), malicious, crashed});
  s.network.drop = 0.05;
  s.truth.p_good = 0.3;
  check_against_brute_force(s);
}

TEST_CASE("exact: correlated judgements kept over three rounds with drops match enumeration") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 3, 0.8);
  honest.correlation = 0.5;
  AgentGroup flip = group(Role::faulty, builtin_strategy("flip"), 2, 0.6);
  flip.p = 0.3;
  flip.correlation = 1;
  Scenario s = base_scenario("coordinator-vote",
                             {honest, flip, group(Role::malicious, builtin_strategy("random"), 1)});
  s.network.drop = 0.1;
  s.protocol.max_rounds = 3;
  s.protocol.rejudge = false;
  check_against_brute_force(s);
  s.protocol.rejudge = true;
  check_against_brute_force(s);
}

TEST_CASE("exact: corruption of 0 to 2 honest agents into random voters matches enumeration") {
  Scenario s = base_scenario("coordinator-vote",
                             {group(Role::honest, builtin_strategy("judge"), 3, 0.9),
                              group(Role::honest, builtin_strategy("judge"), 2, 0.7),
                              group(Role::malicious, builtin_strategy("always-reject"), 1)});
  s.corruption.enabled = true;
  s.corruption.count_min = 0;
  s.corruption.count_max = 2;
  s.corruption.replacement = group(Role::faulty, builtin_strategy("random"), 0);
  s.protocol.max_rounds = 2;
  s.network.drop = 0.1;
  for (bool rejudge : {true, false}) {
    s.protocol.rejudge = rejudge;
    check_against_brute_force(s);
  }
}

TEST_CASE("exact: corruption by probability into flipping judges, judgements kept") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 4, 0.75);
  honest.correlation = 0.4;
  Scenario s =
      base_scenario("majority", {honest, group(Role::malicious, builtin_strategy("withhold"), 1)});
  s.corruption.enabled = true;
  s.corruption.by_probability = true;
  s.corruption.p = 0.3;
  s.corruption.replacement = group(Role::faulty, builtin_strategy("flip"), 0);
  s.corruption.replacement.p = 0.4;
  s.network.drop = 0.05;
  for (int rounds : {1, 3}) {
    s.protocol.max_rounds = rounds;
    check_against_brute_force(s);
  }
}

TEST_CASE("exact: omission and late slow agents under majority match enumeration") {
  AgentGroup omission = group(Role::faulty, builtin_strategy("omission"), 2, 0.8);
  omission.p = 0.25;
  AgentGroup late = group(Role::faulty, builtin_strategy("slow"), 1, 0.9);
  late.factor = 10;  // 1 s + 10 s > 5 s: never on time
  AgentGroup on_time = group(Role::faulty, builtin_strategy("slow"), 1, 0.6);
  on_time.factor = 2;  // 1 s + 2 s < 5 s
  Scenario s = base_scenario("majority", {group(Role::honest, builtin_strategy("judge"), 2, 0.7),
                                          omission, late, on_time});
  s.network.latency = Distribution::constant(1e9);
  s.protocol.round_timeout_ns = 5 * kSecond;
  s.protocol.max_rounds = 2;
  s.network.drop = 0.1;
  check_against_brute_force(s);
}

TEST_CASE("exact: coordinator-vote whose quorums can both be met matches enumeration") {
  Scenario s =
      base_scenario("coordinator-vote", {group(Role::honest, builtin_strategy("judge"), 4, 0.65),
                                         group(Role::malicious, builtin_strategy("random"), 2)});
  s.protocol.approve_quorum = 3;
  s.protocol.reject_quorum = 2;
  s.network.drop = 0.2;
  s.protocol.max_rounds = 2;
  check_against_brute_force(s);
  // Fixed, always-* and withholding agents, a bad proposal, no drops.
  s.agents[1] = group(Role::malicious, builtin_strategy("fixed"), 1);
  s.agents[1].fixed_vote = Vote::approve;
  s.agents.push_back(group(Role::malicious, builtin_strategy("always-approve"), 1));
  s.agents.push_back(group(Role::malicious, builtin_strategy("withhold"), 1));
  s.truth.kind = Truth::Kind::bad;
  s.network.drop = 0;
  s.protocol.max_rounds = 3;
  check_against_brute_force(s);
}

TEST_CASE("exact: eight agents over two rounds with drops match enumeration") {
  AgentGroup honest = group(Role::honest, builtin_strategy("judge"), 6, 0.8);
  honest.correlation = 0.3;
  Scenario s = base_scenario("coordinator-vote",
                             {honest, group(Role::malicious, builtin_strategy("oppose-truth"), 2)});
  s.network.drop = 0.1;
  s.protocol.max_rounds = 2;
  s.protocol.rejudge = true;
  check_against_brute_force(s);
  s.protocol.rejudge = false;
  check_against_brute_force(s);
}

// A random small scenario drawing from every supported strategy and setting. With
// `kept_judgements`, several judging groups keep noisy judgements over 2 or 3 rounds.
Scenario random_scenario(std::mt19937& rng, bool kept_judgements) {
  const auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const double accuracies[] = {1, 0.8, 0.6, 0.35, 0};
  const StrategySpec* bad[] = {
      builtin_strategy("oppose-truth"),  builtin_strategy("always-approve"),
      builtin_strategy("always-reject"), builtin_strategy("random"),
      builtin_strategy("withhold"),      builtin_strategy("fixed"),
      builtin_strategy("crash"),         builtin_strategy("flip"),
      builtin_strategy("omission"),      builtin_strategy("slow")};
  const StrategySpec* judging[] = {builtin_strategy("flip"), builtin_strategy("omission"),
                                   builtin_strategy("slow"), builtin_strategy("random")};
  const auto make = [&](Role role, int count) {
    const StrategySpec* strategy = role == Role::honest ? builtin_strategy("judge")
                                   : kept_judgements    ? judging[pick(4)]
                                                        : bad[pick(10)];
    AgentGroup g =
        group(role, strategy, count, kept_judgements ? 0.6 + 0.1 * pick(3) : accuracies[pick(5)]);
    g.correlation = pick(3) * 0.5;
    g.p = 0.2 + 0.3 * pick(3);
    g.factor = pick(2) ? 2 : 10;
    g.fixed_vote = pick(2) ? Vote::approve : Vote::reject;
    // Latency 1 s and timeout 5 s: 4.5 s makes votes late and unsent, slow x10 late but sent.
    const double thinks[] = {0, 1.5e9, 4.5e9};
    g.think_time = Distribution::constant(thinks[pick(3)]);
    return g;
  };
  std::vector<AgentGroup> agents;
  int n = 0;
  const int groups = 1 + pick(3);
  for (int i = 0; i < groups; ++i) {
    const int count = 1 + pick(i == 0 ? 3 : 2);
    agents.push_back(make(i == 0 || pick(2) ? Role::honest : Role::faulty, count));
    n += count;
  }
  Scenario s = base_scenario(pick(2) ? "majority" : "coordinator-vote", agents);
  if (pick(2)) {
    s.protocol.approve_quorum = pick(n + 2);
    s.protocol.reject_quorum = pick(n + 2);
  }
  s.network.latency = Distribution::constant(1e9);
  s.protocol.round_timeout_ns = 5 * kSecond;
  s.network.drop = pick(2) * 0.1;
  s.protocol.max_rounds = 1 + pick(3);
  s.protocol.rejudge = pick(2);
  if (kept_judgements) {
    s.network.drop = 0.1;
    s.protocol.max_rounds = 2 + pick(2);
    s.protocol.rejudge = false;
  }
  s.truth.kind = pick(3) == 0 ? Truth::Kind::good : Truth::Kind::random;
  s.truth.p_good = 0.3;
  if (const int mode = pick(3); mode > 0) {
    s.corruption.enabled = true;
    s.corruption.by_probability = mode == 2;
    s.corruption.p = 0.3;
    s.corruption.count_min = pick(2);
    s.corruption.count_max = s.corruption.count_min + pick(3);
    s.corruption.replacement = make(Role::faulty, 0);
  }
  return s;
}

TEST_CASE("exact: random small scenarios of every supported kind match enumeration") {
  std::mt19937 rng(20240611);
  int compared = 0;
  for (int i = 0; i < 400; ++i) {
    const Scenario s = random_scenario(rng, i >= 300);
    INFO("random scenario " << i);
    const ExactReport report = exact_report(s);
    if (!report.outcome) {
      // The one documented gap: both quorums reachable with omission's different loss.
      CHECK(report.unsupported_reason.find("omission") != std::string::npos);
      continue;
    }
    check_against_brute_force(s);
    ++compared;
  }
  CHECK(compared >= 300);
}

}  // namespace
}  // namespace byzsim
