// The protocol registry: a protocol defined in this file alone ("first-to-k": a collector
// decides the first value k votes agree on, k its own key "votes_needed") is added to a copy of
// the builtin registry, loaded from JSON through LoadOptions, validated by the loader from its
// spec, and run by run_batch, with no edit of sim/.
#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/protocols/generals_common/generals_run.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"
#include "sim/run/batch.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/diagnostics_support.hpp"

using namespace byzsim;
using byzsim::testing::find;

namespace {

// Its own per-trial measurement, printed as the result column mean_votes_counted.
constexpr int kVotesCounted = 0;

// Every agent sends its one vote to a collector (id n); the first value `votes_needed` votes
// agree on is the decision, which everyone adopts. No rounds, no commit messages.
class FirstToK final : public Protocol {
 public:
  explicit FirstToK(TrialEnv& env) : env_(env) {}

  void prepare(const Scenario& scenario) override {
    n_ = scenario.n();
    needed_ = static_cast<int>(scenario.protocol.integer("votes_needed"));
  }

  void start() override {
    counts_ = {0, 0};
    decision_ = Decision::none;
    decision_time_ = 0;
    env_.population.draw_round(1, false, *env_.rng);
    for (int i = 0; i < n_; ++i) {
      const AgentState& agent = env_.population[i];
      if (agent.vote == Vote::none || agent.crashed_by(0)) continue;
      const SimTime at = env_.network.send(*env_.rng, 0, i, n_);
      if (at == Network::kLost) continue;
      env_.simulator.schedule_at(at, static_cast<std::uint32_t>(n_), 0, 1,
                                 static_cast<std::uint32_t>(agent.vote));
    }
  }

  void on_event(const Event& event) override {
    if (decision_ != Decision::none) return;
    const auto vote = static_cast<Vote>(event.payload);
    if (++counts_[vote == Vote::approve ? 0 : 1] < needed_) return;
    decision_ = vote == Vote::approve ? Decision::approve : Decision::reject;
    decision_time_ = env_.simulator.now();
  }

  TrialResult finish(StopReason) const override {
    TrialResult result;
    result.rounds = 1;
    result.messages = env_.network.messages_sent();
    result.counters[kVotesCounted] = static_cast<std::uint64_t>(counts_[0] + counts_[1]);
    if (decision_ == Decision::none) return result;  // no_consensus
    result.latency_ns = decision_time_;
    const bool right = (decision_ == Decision::approve) == env_.population.truth_good();
    result.outcome = right ? Outcome::correct : Outcome::wrong;
    return result;
  }

 private:
  TrialEnv& env_;
  int n_ = 0;
  int needed_ = 1;
  std::array<int, 2> counts_{};
  Decision decision_ = Decision::none;
  SimTime decision_time_ = 0;
};

// votes_needed: a quorum (count or percentage of n), by default f + 1.
ParamValue default_needed(const ProtocolConfig& common, int) {
  return std::int64_t{common.f + 1};
}

constexpr std::array<ParamSpec, 1> kFirstToKParams{{
    {"votes_needed", ParamKind::quorum, 0, 0, default_needed},
}};

std::unique_ptr<Protocol> make_first_to_k(TrialEnv& env) {
  return std::make_unique<FirstToK>(env);
}

// n votes and n deliveries at most.
SimTime first_to_k_time_limit_ns(const Scenario&) {
  return kHour;
}
std::uint64_t first_to_k_event_limit(const Scenario& s) {
  return 2 * static_cast<std::uint64_t>(s.n()) + 16;
}
double first_to_k_cost(const Scenario& s) {
  return s.n();
}
int first_to_k_rounds(const ProtocolConfig&) {
  return 1;
}

// Votes the collector counted (up to its decision), per trial.
ColumnValue mean_votes_counted(const Tally& t) {
  return static_cast<double>(t.counter_sums[kVotesCounted]) / static_cast<double>(t.trials);
}
constexpr std::array<ResultColumn, 1> kFirstToKColumns{
    {{"mean_votes_counted", mean_votes_counted, ColumnKind::mean,
      "votes the collector counted (up to its decision) per trial"}}};
std::span<const ResultColumn> first_to_k_columns() {
  return kFirstToKColumns;
}

const ProtocolSpec kFirstToK{
    .name = "first-to-k",
    .params = kFirstToKParams,
    .make = make_first_to_k,
    .time_limit_ns = first_to_k_time_limit_ns,
    .event_limit = first_to_k_event_limit,
    .trial_cost_units = first_to_k_cost,
    .quorums_in_row = false,
    .rounds_limit = first_to_k_rounds,
    .result_columns = first_to_k_columns,
};

ProtocolRegistry with_first_to_k() {
  ProtocolRegistry registry = ProtocolRegistry::builtin();
  REQUIRE(registry.add(&kFirstToK));
  return registry;
}

std::string scenario_text(const std::string& protocol, const std::string& agents) {
  return R"({"name": "toy", "seed": 7, "trials": 400, "truth": {"p_good": 0.5}, "protocol": )" +
         protocol + R"(, "agents": )" + agents + "}";
}

const std::string kFiveHonest = R"([{"role": "honest", "count": 5}])";

LoadedScenario load_ok(const std::string& text, const ProtocolRegistry& registry) {
  LoadOptions options;
  options.protocols = &registry;
  LoadResult result = load_scenario_text(text, "toy.json", options);
  INFO(byzsim::testing::all_messages(result));
  REQUIRE(result.ok());
  return std::move(*result.scenario);
}

// Every point of `loaded` run in full through run_batch (two threads), tallies in point order.
std::vector<Tally> run_all(const LoadedScenario& loaded) {
  std::vector<PointJob> jobs;
  for (const ScenarioPoint& p : loaded.points)
    jobs.push_back({&p.scenario, static_cast<std::uint64_t>(p.index), p.scenario.trials});
  std::vector<Tally> tallies;
  BatchOptions options;
  options.threads = 2;
  options.block_trials = 64;
  options.on_job_done = [&](std::size_t, const Tally& t) { tallies.push_back(t); };
  REQUIRE(run_batch(jobs, options));
  return tallies;
}

}  // namespace

TEST_CASE("the builtin registry lists every protocol in order, refuses a twin") {
  ProtocolRegistry registry = ProtocolRegistry::builtin();
  REQUIRE(registry.all().size() == 8);
  CHECK(registry.all()[0]->name == "coordinator-vote");
  CHECK(registry.all()[1]->name == "majority");
  CHECK(registry.all()[2]->name == "pbft");
  CHECK(registry.all()[3]->name == "om");
  CHECK(registry.all()[4]->name == "sm");
  CHECK(registry.all()[5]->name == "hotstuff");
  CHECK(registry.all()[6]->name == "bracha");
  CHECK(registry.all()[7]->name == "tendermint");
  CHECK(ProtocolRegistry::reserved_names().empty());  // issue 13 implemented the last two
  CHECK_FALSE(registry.add(registry.find("pbft")));
  ProtocolSpec twin = kFirstToK;
  twin.name = "majority";
  CHECK_FALSE(registry.add(&twin));
  // A spec missing a hook would crash the runner or the loader later: refused at once.
  ProtocolSpec incomplete = kFirstToK;
  incomplete.event_limit = nullptr;
  CHECK_FALSE(registry.add(&incomplete));
  const std::array<ParamSpec, 1> no_default{{{"votes_needed", ParamKind::quorum}}};
  ProtocolSpec param_without_default = kFirstToK;
  param_without_default.params = no_default;
  CHECK_FALSE(registry.add(&param_without_default));
  CHECK(registry.all().size() == 8);
  CHECK(registry.add(&kFirstToK));
  CHECK(registry.find("first-to-k") == &kFirstToK);
  CHECK(registry.all().size() == 9);
  // The builtin registry itself is a fresh value: adding to a copy changes no other load.
  CHECK(ProtocolRegistry::builtin().find("first-to-k") == nullptr);
}

TEST_CASE("exact, plan and check find their protocols by spec fields, never by name") {
  using Names = std::vector<std::string_view>;
  const auto exact = [](const ProtocolSpec& spec) { return spec.exact.has_value(); };
  const auto plannable = [](const ProtocolSpec& spec) { return spec.plannable; };
  const auto checkable = [](const ProtocolSpec& spec) { return spec.check_algorithm != nullptr; };
  const ProtocolRegistry& builtin = ProtocolRegistry::builtin();
  CHECK(builtin.names_where(exact) == Names{"coordinator-vote", "majority"});
  CHECK(builtin.names_where(plannable) ==
        Names{"coordinator-vote", "majority", "pbft", "hotstuff", "bracha", "tendermint"});
  CHECK(builtin.names_where(checkable) == Names{"om", "sm"});
  for (const std::string_view name : {"om", "sm"})
    CHECK(builtin_protocol(name).check_algorithm() != nullptr);
  // A protocol added with the same fields is listed by the same questions.
  ProtocolSpec planned = kFirstToK;
  planned.exact = ExactRule::quorums;
  planned.plannable = true;
  ProtocolRegistry registry = ProtocolRegistry::builtin();
  REQUIRE(registry.add(&planned));
  CHECK(registry.names_where(exact) == Names{"coordinator-vote", "majority", "first-to-k"});
  CHECK(registry.names_where(plannable).back() == "first-to-k");
  CHECK(registry.names_where(checkable) == Names{"om", "sm"});
}

TEST_CASE("a protocol added through LoadOptions is loaded with its own key and its default") {
  const ProtocolRegistry registry = with_first_to_k();
  const LoadedScenario given =
      load_ok(scenario_text(R"({"type": "first-to-k", "votes_needed": 3})", kFiveHonest), registry);
  const Scenario& s = given.points.at(0).scenario;
  CHECK(s.protocol.spec == &kFirstToK);
  CHECK(s.protocol.name() == "first-to-k");
  CHECK(s.protocol.integer("votes_needed") == 3);
  // Absent: f + 1 from the resolved f (n = 5: f = 1), or from an explicit f.
  const ProtocolRegistry& r = registry;
  CHECK(load_ok(scenario_text(R"({"type": "first-to-k"})", kFiveHonest), r)
            .points[0]
            .scenario.protocol.integer("votes_needed") == 2);
  CHECK(load_ok(scenario_text(R"({"type": "first-to-k", "f": 2})", kFiveHonest), r)
            .points[0]
            .scenario.protocol.integer("votes_needed") == 3);
  // A quorum kind: a percentage of n, rounded up (60% of 5 = 3).
  CHECK(load_ok(scenario_text(R"({"type": "first-to-k", "votes_needed": "60%"})", kFiveHonest), r)
            .points[0]
            .scenario.protocol.integer("votes_needed") == 3);
}

TEST_CASE("the loader validates the added protocol's key and names its JSON pointer") {
  const ProtocolRegistry registry = with_first_to_k();
  LoadOptions options;
  options.protocols = &registry;
  const auto load = [&](const std::string& protocol) {
    return load_scenario_text(scenario_text(protocol, kFiveHonest), "toy.json", options);
  };
  const Diagnostic zero = find(load(R"({"type": "first-to-k", "votes_needed": 0})"),
                               "/protocol/votes_needed", "votes_needed");
  CHECK(zero.line == 1);
  CHECK(zero.column > 0);
  CHECK(zero.hint.find("from 1 to n = 5") != std::string::npos);
  find(load(R"({"type": "first-to-k", "votes_needed": 6})"), "/protocol/votes_needed",
       "more than n = 5");
  find(load(R"({"type": "first-to-k", "votes_needed": "ten"})"), "/protocol/votes_needed",
       "not a percentage");
  // Its key under another protocol, and a typo of it, are reported like pbft's keys.
  const Diagnostic foreign =
      find(load(R"({"votes_needed": 2})"), "/protocol/votes_needed", "applies to protocol");
  CHECK(foreign.message ==
        "'votes_needed' applies to protocol first-to-k only, not coordinator-vote");
  const Diagnostic typo = find(load(R"({"type": "first-to-k", "votes_neded": 2})"),
                               "/protocol/votes_neded", "unknown key");
  CHECK(typo.hint.find("did you mean 'votes_needed'?") != std::string::npos);
  // Without the registry the name is unknown, and the list of names offers the builtin ones.
  const LoadResult builtin =
      load_scenario_text(scenario_text(R"({"type": "first-to-k"})", kFiveHonest), "toy.json");
  const Diagnostic unknown = find(builtin, "/protocol/type", "unknown protocol 'first-to-k'");
  CHECK(unknown.hint.find("accepted: coordinator-vote, majority, pbft") == 0);
}

TEST_CASE("the added protocol runs through run_batch: rates follow from its rule") {
  const ProtocolRegistry registry = with_first_to_k();
  // Accurate honest agents only: every trial decides correctly.
  const LoadedScenario honest =
      load_ok(scenario_text(R"({"type": "first-to-k", "votes_needed": 3})",
                            R"([{"role": "honest", "count": 5, "accuracy": 1.0}])"),
              registry);
  const Tally all_right = run_all(honest).at(0);
  CHECK(all_right.trials == 400);
  CHECK(all_right.counts[static_cast<int>(Outcome::correct)] == 400);
  CHECK(all_right.general_sums[general_column("mean_messages")] == 400 * 5);
  // Three liars reach k = 3 first whatever the latency order; two honest votes cannot.
  const LoadedScenario liars = load_ok(scenario_text(R"({"type": "first-to-k", "votes_needed": 3})",
                                                     R"([{"role": "honest", "count": 2},
                        {"role": "malicious", "count": 3, "strategy": "oppose-truth"}])"),
                                       registry);
  CHECK(run_all(liars).at(0).counts[static_cast<int>(Outcome::wrong)] == 400);
  // k above the votes that are cast (two withhold): never a decision. A sweep over k shows the
  // switch from correct to no consensus, point by point.
  const LoadedScenario sweep = load_ok(
      R"({"name": "toy", "trials": 300, "protocol": {"type": "first-to-k"},
          "agents": [{"role": "honest", "count": 3},
                     {"role": "malicious", "count": 2, "strategy": "withhold"}],
          "sweep": {"/protocol/votes_needed": [3, 4]}})",
      registry);
  const std::vector<Tally> tallies = run_all(sweep);
  REQUIRE(tallies.size() == 2);
  CHECK(tallies[0].counts[static_cast<int>(Outcome::correct)] == 300);
  CHECK(tallies[1].counts[static_cast<int>(Outcome::no_consensus)] == 300);
  // Its rows: the protocol's name, no quorums (quorums_in_row = false), its round limit.
  const Row row = sim_row(sweep, sweep.points[1], tallies[1]);
  CHECK(row.protocol == "first-to-k");
  CHECK_FALSE(row.approve_quorum);
  CHECK(row.max_rounds == 1);
  CHECK(row.rates[static_cast<int>(Outcome::no_consensus)].p == 1.0);
  const RowFormat format = RowFormat::for_scenarios({&sweep});
  CHECK(format.csv_row(row).find(",first-to-k,") != std::string::npos);
  // Its own result column, measured in finish(): the three honest votes were counted.
  const auto& columns = format.columns();
  const auto at = std::find(columns.begin(), columns.end(), "mean_votes_counted");
  REQUIRE(at != columns.end());
  CHECK(std::get<double>(row.protocol_values[0]) == 3.0);
  CHECK(format.json_row(row)["mean_votes_counted"] == 3.0);
  // With accurate agents the collector decides at the third vote and counts no more.
  CHECK(all_right.counter_sums[kVotesCounted] == 400 * 3);
}

TEST_CASE("a protocol may refuse strategies by name, reported at the agent group") {
  ProtocolSpec picky = kFirstToK;
  picky.name = "picky";
  picky.accepts = [](std::string_view strategy) { return strategy != "random"; };
  ProtocolRegistry registry = with_first_to_k();
  REQUIRE(registry.add(&picky));
  LoadOptions options;
  options.protocols = &registry;
  const LoadResult result =
      load_scenario_text(scenario_text(R"({"type": "picky"})", R"([{"role": "honest", "count": 4},
          {"role": "faulty", "count": 1, "strategy": "random"}])"),
                         "toy.json", options);
  const Diagnostic d = find(result, "/agents/1/strategy", "not accepted by protocol picky");
  CHECK(d.hint.find("random") == std::string::npos);
  CHECK(d.hint.find("crash") != std::string::npos);
  // equivocate needs agent-to-agent messages, which first-to-k does not have: named as today.
  const LoadResult peers = load_scenario_text(
      scenario_text(R"({"type": "first-to-k"})", R"([{"role": "honest", "count": 4},
          {"role": "malicious", "count": 1, "strategy": "equivocate"}])"),
      "toy.json", options);
  CHECK(find(peers, "/agents/1/strategy",
             "needs protocol pbft, om, sm, hotstuff, bracha, tendermint, not first-to-k")
            .hint.find("\"type\": \"pbft\"") != std::string::npos);
}
