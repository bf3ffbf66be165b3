// The strategy table: the built-in rows are well formed, and a strategy defined in test code
// alone (no edit of sim/) loads from JSON, runs, and is analysed exactly through the table.
// Confidence of the statistical check: each of the three outcome rates must lie in the Wilson
// interval of its simulated count at a z giving the family of three checks a 99.9% chance to
// pass when the simulator and the exact law agree (Bonferroni); the seed is fixed, so a run is
// reproducible.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "analysis/exact/exact.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/batch.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/run_point.hpp"

using namespace byzsim;

namespace {

// --- the toy strategies, defined here only ---

Vote own_judgement(const VoteInput& in) {
  return in.judged;
}

// A row with the fields every toy sets; each toy then sets what makes it what it is.
StrategySpec toy(std::string_view name, RoleMask roles, Vote (*vote)(const VoteInput&)) {
  StrategySpec s;
  s.name = name;
  s.roles = roles;
  s.judges = vote != nullptr;
  s.vote = vote;
  return s;
}

// "contrarian": judges like an honest agent (its accuracy), then votes the opposite.
Vote contrarian_vote(const VoteInput& in) {
  return in.judged == Vote::approve ? Vote::reject : Vote::approve;
}
VoteLaw contrarian_law(const AgentGroup&, bool judged_right) {
  return VoteLaw{judged_right ? 0.0 : 1.0, judged_right ? 1.0 : 0.0, 0, 0};
}
constexpr ExactLaw kContrarianLaw{contrarian_law, nullptr};
StrategySpec contrarian() {
  StrategySpec s =
      toy("contrarian", role_bit(Role::faulty) | role_bit(Role::malicious), contrarian_vote);
  s.exact_law = &kContrarianLaw;
  return s;
}

// "whisper": needs agent-to-agent messages, so the coordinator protocols must refuse it.
StrategySpec whisper() {
  StrategySpec s = toy("whisper", role_bit(Role::malicious), nullptr);
  s.needs_peer_messages = true;
  return s;
}

// "hesitant": takes "delay" (required) and "p" (default 0.25), only to exercise the loader's
// generic reading of a row's parameters.
constexpr StrategyParameter kHesitantParameters[] = {
    {ParameterKey::p, false, 0, 1, false, "", 0.25, {}},
    {ParameterKey::delay, true, 0, 1, false, "", 0, {}}};
StrategySpec hesitant() {
  StrategySpec s = toy("hesitant", role_bit(Role::faulty), own_judgement);
  s.parameters = kHesitantParameters;
  return s;
}

const StrategySpec kContrarian = contrarian();
const StrategySpec kHesitant = hesitant();
// "echo": votes its own judgement, but has no exact law.
const StrategySpec kEcho = toy("echo", role_bit(Role::faulty), own_judgement);
const StrategySpec kWhisper = whisper();

StrategyTable toy_table() {
  StrategyTable table = StrategyTable::builtin();
  REQUIRE(table.add(&kContrarian));
  REQUIRE(table.add(&kEcho));
  REQUIRE(table.add(&kWhisper));
  REQUIRE(table.add(&kHesitant));
  return table;
}

// Four honest reviewers and two faulty ones of strategy `faulty` ("..." JSON members).
std::string scenario_text(const std::string& faulty) {
  return R"({"name": "toy", "seed": 7, "trials": 200000, "truth": {"p_good": 0.5},
    "protocol": {"type": "coordinator-vote", "max_rounds": 2},
    "network": {"drop": 0.05},
    "agents": [{"role": "honest", "count": 4, "accuracy": 0.8},
               {"role": "faulty", "count": 2, "accuracy": 0.7, )" +
         faulty + "}]}";
}

Scenario load_one(const std::string& text, const StrategyTable* table) {
  LoadOptions options;
  options.strategies = table;
  const LoadResult result = load_scenario_text(text, "toy.json", options);
  std::string problems;
  for (const Diagnostic& d : result.diagnostics) problems += d.to_string() + "\n";
  INFO(problems);
  REQUIRE(result.ok());
  REQUIRE(result.scenario->points.size() == 1);
  return result.scenario->points[0].scenario;
}

Diagnostic first_diagnostic(const std::string& text, const StrategyTable* table) {
  LoadOptions options;
  options.strategies = table;
  const LoadResult result = load_scenario_text(text, "toy.json", options);
  REQUIRE_FALSE(result.ok());
  return result.diagnostics.front();
}

std::string first_problem(const std::string& text, const StrategyTable* table) {
  const Diagnostic d = first_diagnostic(text, table);
  return d.pointer + ": " + d.message;
}

double upper_quantile(double tail) {  // of the standard normal, by bisection
  double lo = 0, hi = 10;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(mid / std::sqrt(2.0)) > tail ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace

TEST_CASE("every built-in strategy has a unique name, a role and only the five group keys") {
  const StrategyTable& table = StrategyTable::builtin();
  // The contract's names (docs/reference.md, "Roles and strategies"), all present.
  for (std::string_view name :
       {"judge", "oppose-truth", "always-approve", "always-reject", "random", "withhold", "fixed",
        "equivocate", "collude", "crash", "flip", "omission", "slow", "late"})
    CHECK(table.find(name) != nullptr);
  std::set<std::string_view> names;
  for (const StrategySpec* spec : table.all()) {
    INFO("strategy " << spec->name);
    CHECK(names.insert(spec->name).second);
    CHECK(spec->roles != 0);
    CHECK((spec->roles &
           ~(role_bit(Role::honest) | role_bit(Role::malicious) | role_bit(Role::faulty))) == 0);
    std::set<ParameterKey> keys;
    for (const StrategyParameter& p : spec->parameters) {
      CHECK(static_cast<std::size_t>(p.key) < kParameterKeys.size());
      CHECK(keys.insert(p.key).second);
    }
    CHECK(table.find(spec->name) == spec);
  }
  for (Role role : {Role::honest, Role::malicious, Role::faulty}) {
    REQUIRE(table.default_for(role) != nullptr);
    CHECK(table.default_for(role)->takes_role(role));
  }
  CHECK(table.find("no-such-strategy") == nullptr);
  // A default-constructed group is an honest judge, resolved in one place.
  CHECK(&strategy_of(AgentGroup{}) == builtin_strategy("judge"));
}

TEST_CASE("a strategy table refuses a second row with a taken name") {
  StrategyTable table = StrategyTable::builtin();
  StrategySpec another_judge = contrarian();
  another_judge.name = "judge";
  CHECK_FALSE(table.add(&another_judge));
  CHECK(table.all().size() == StrategyTable::builtin().all().size());
  CHECK(table.find("judge") == builtin_strategy("judge"));
}

TEST_CASE("a toy strategy from test code loads only through the table passed to the loader") {
  const std::string text = scenario_text(R"("strategy": "contrarian")");
  CHECK(first_problem(text, nullptr) == "/agents/1/strategy: unknown strategy 'contrarian'");
  const StrategyTable table = toy_table();
  const Scenario s = load_one(text, &table);
  CHECK(s.agents[1].strategy == &kContrarian);
  CHECK(s.agents[1].accuracy == 0.7);  // it judges, so accuracy applies
  // It takes no parameter: "p" is refused, naming the strategies that take it.
  CHECK(first_problem(scenario_text(R"("strategy": "contrarian", "p": 0.5)"), &table) ==
        "/agents/1/p: 'p' does not apply to strategy 'contrarian'");
  // Its roles come from its row.
  CHECK(first_problem(R"({"agents": [{"role": "honest", "count": 3, "strategy": "contrarian"}]})",
                      &table) ==
        "/agents/0/strategy: strategy 'contrarian' is for malicious or faulty agents, not honest "
        "ones");
}

TEST_CASE("a toy contrarian runs exactly like flip with p = 1 and agrees with the exact law",
          "[statistical]") {
  const StrategyTable table = toy_table();
  const Scenario toy = load_one(scenario_text(R"("strategy": "contrarian")"), &table);
  const Scenario flip = load_one(scenario_text(R"("strategy": "flip", "p": 1)"), &table);
  const Tally a = testing::run_point(toy);
  const Tally b = testing::run_point(flip);
  // Same seed, same draws: flip with p = 1 inverts every vote without a random draw.
  for (int k = 0; k < kOutcomeCount; ++k) CHECK(a.counts[k] == b.counts[k]);
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
    CHECK(a.general_sums[c] == b.general_sums[c]);  // rounds, latency, messages, ...
  // The counts are not degenerate: the toy does change outcomes.
  CHECK(a.count(Outcome::wrong) > 0);
  CHECK(a.count(Outcome::correct) > 0);

  const ExactReport exact = compute_exact(toy, spec_of(toy.protocol).exact.value());
  INFO("unsupported: " << exact.unsupported_reason);
  REQUIRE(exact.outcome.has_value());
  const ExactReport exact_flip = compute_exact(flip, spec_of(flip.protocol).exact.value());
  REQUIRE(exact_flip.outcome.has_value());
  CHECK(exact.outcome->p_correct == Approx(exact_flip.outcome->p_correct).margin(1e-12));
  CHECK(exact.outcome->p_wrong == Approx(exact_flip.outcome->p_wrong).margin(1e-12));

  const double z = upper_quantile(0.001 / (2.0 * 3));
  const double expected[3] = {exact.outcome->p_correct, exact.outcome->p_wrong,
                              exact.outcome->p_no_consensus};
  const Outcome outcomes[3] = {Outcome::correct, Outcome::wrong, Outcome::no_consensus};
  const double n = static_cast<double>(a.trials);
  for (int k = 0; k < 3; ++k) {
    const double p = static_cast<double>(a.count(outcomes[k])) / n;
    const double z2n = z * z / n;
    const double center = (p + z2n / 2) / (1 + z2n);
    const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4 * n));
    INFO("outcome " << k << ": simulated " << p << ", exact " << expected[k] << ", interval +-"
                    << half);
    CHECK(std::abs(expected[k] - center) <= half + 1e-12);
  }
}

TEST_CASE("exact refuses a toy strategy without an exact law, naming the group and strategy") {
  const StrategyTable table = toy_table();
  const Scenario s = load_one(scenario_text(R"("strategy": "echo")"), &table);
  const ExactReport report = compute_exact(s, spec_of(s.protocol).exact.value());
  CHECK_FALSE(report.outcome.has_value());
  CHECK(report.unsupported_reason == "agents[1] (strategy echo): its vote is not modelled exactly");
  // The same row as corruption's replacement is refused as "corruption".
  const Scenario c = load_one(
      R"({"agents": [{"role": "honest", "count": 4}],
          "corruption": {"count": 1, "role": "faulty", "strategy": "echo"}})",
      &table);
  const ExactReport corrupted = compute_exact(c, spec_of(c.protocol).exact.value());
  CHECK_FALSE(corrupted.outcome.has_value());
  CHECK(corrupted.unsupported_reason.rfind("corruption (strategy echo)", 0) == 0);
}

TEST_CASE("a toy strategy that needs agent-to-agent messages is refused by coordinator-vote") {
  const StrategyTable table = toy_table();
  const std::string group = R"({"role": "malicious", "count": 1, "strategy": "whisper"})";
  CHECK(first_problem(R"({"agents": [{"role": "honest", "count": 3}, )" + group + "]}", &table)
            .rfind("/agents/1/strategy: strategy 'whisper' needs protocol pbft, om, sm, hotstuff, "
                   "bracha, tendermint, not coordinator-vote",
                   0) == 0);
  const Scenario pbft = load_one(R"({"protocol": {"type": "pbft"},
      "agents": [{"role": "honest", "count": 3}, )" +
                                     group + "]}",
                                 &table);
  CHECK(pbft.agents[1].strategy == &kWhisper);
}

TEST_CASE("a toy strategy's parameters are read from its row: defaults, requirements, refusals") {
  const StrategyTable table = toy_table();
  const Scenario given =
      load_one(scenario_text(R"("strategy": "hesitant", "delay": "2s")"), &table);
  CHECK(given.agents[1].p == 0.25);  // absent, so its row's default
  CHECK(given.agents[1].delay == Distribution::constant(2e9));
  const Scenario set =
      load_one(scenario_text(R"("strategy": "hesitant", "delay": "2s", "p": 0.6)"), &table);
  CHECK(set.agents[1].p == 0.6);
  const Diagnostic missing = first_diagnostic(scenario_text(R"("strategy": "hesitant")"), &table);
  CHECK(missing.pointer == "/agents/1/delay");
  CHECK(missing.hint.find("(strategy 'hesitant' needs it)") != std::string::npos);
  const Diagnostic vote = first_diagnostic(
      scenario_text(R"("strategy": "hesitant", "delay": "2s", "vote": "approve")"), &table);
  CHECK(vote.message == "'vote' does not apply to strategy 'hesitant'");
  CHECK(vote.hint == "accepted: 'vote' is taken by strategy fixed");
  // "p" is now taken by three strategies of the table passed in.
  const Diagnostic p =
      first_diagnostic(R"({"agents": [{"role": "honest", "count": 3, "p": 0.1}]})", &table);
  CHECK(p.hint == "accepted: 'p' is taken by strategies flip, omission, turn-at, mutate, hesitant");
}
