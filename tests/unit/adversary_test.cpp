// The adversary plug-in (docs/adversary.md): each message strategy's rule on crafted views, the
// inbox, the send path (copies, drops, the protocol's forgery check, determinism), and pbft
// under b <= f with every message strategy in the sanitizer-checked build (a safety violation
// aborts a debug build, so these runs are assertions, not only counts).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/agents/send_path.hpp"
#include "sim/agents/strategy.hpp"
#include "sim/run/batch.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/unit/run_point.hpp"

using namespace byzsim;

namespace {

// A view of one message from agent `from` with the group's options; `self` keeps `spec`.
struct ViewFixture {
  AgentGroup group;
  AgentState self;
  std::vector<AgentState> population;
  Inbox inbox;
  Rng rng = Rng::for_trial(1, 2, 3);

  explicit ViewFixture(const char* strategy, int n = 4) {
    group.role = Role::malicious;
    group.strategy = builtin_strategy(strategy);
    REQUIRE(group.strategy != nullptr);
    self.behaviour = &group;
    self.spec = group.strategy;
    population.assign(static_cast<std::size_t>(n), self);
    inbox.configure(n, 6);
    inbox.reset();
  }
  MessageAction act(const MessageHeader& h, std::uint32_t phase_mask = 0, SimTime now = 0) {
    const MessageView view{
        h,      self,       group, phase_mask, Vote::approve,
        &inbox, population, now,   rng,        static_cast<int>(population.size())};
    return self.spec->on_message(view);
  }
};

MessageHeader header(int from, int to, int phase, int round, Vote value, bool broadcast = true) {
  MessageHeader h;
  h.from = from;
  h.to = to;
  h.phase = static_cast<std::uint8_t>(phase);
  h.round = round;
  h.value = value;
  h.broadcast = broadcast;
  return h;
}

}  // namespace

// withhold and blind equivocate are scripted: their rule answers the messages offered to them.
TEST_CASE("every message strategy is a row with a rule, the old rows keep none but the scripted") {
  for (const char* name : {"follow-majority", "drop-phase", "isolate", "turn-at", "mutate",
                           "equivocate", "withhold"}) {
    const StrategySpec* s = builtin_strategy(name);
    REQUIRE(s != nullptr);
    CHECK(s->on_message != nullptr);
  }
  for (const char* name : {"judge", "oppose-truth", "always-approve", "always-reject", "random",
                           "fixed", "collude", "crash", "flip", "omission", "slow", "late"})
    CHECK(builtin_strategy(name)->on_message == nullptr);
  // drop-phase acts on the votes a coordinator receives; the others need peer messages.
  CHECK_FALSE(builtin_strategy("drop-phase")->needs_peer_messages);
  for (const char* name : {"follow-majority", "isolate", "turn-at", "mutate"})
    CHECK(builtin_strategy(name)->needs_peer_messages);
}

TEST_CASE("the inbox keeps the latest round per agent and phase") {
  Inbox inbox;
  inbox.configure(3, 2);
  inbox.reset();
  inbox.add(header(0, 1, 1, 4, Vote::approve));
  inbox.add(header(2, 1, 1, 4, Vote::approve));
  inbox.add(header(2, 1, 1, 4, Vote::reject));
  CHECK(inbox.count(1, 1, 4, Vote::approve) == 2);
  CHECK(inbox.count(1, 1, 4, Vote::reject) == 1);
  CHECK(inbox.count(1, 0, 4, Vote::approve) == 0);  // another phase
  CHECK(inbox.count(0, 1, 4, Vote::approve) == 0);  // another agent
  inbox.add(header(0, 1, 1, 3, Vote::reject));      // an older round: not counted
  CHECK(inbox.count(1, 1, 4, Vote::reject) == 1);
  inbox.add(header(0, 1, 1, 5, Vote::reject));  // a newer round starts afresh
  CHECK(inbox.count(1, 1, 5, Vote::reject) == 1);
  CHECK(inbox.count(1, 1, 4, Vote::approve) == 0);
  inbox.add(header(0, 3, 1, 5, Vote::reject));  // the coordinator (id n) keeps none
  inbox.reset();
  CHECK(inbox.count(1, 1, 5, Vote::reject) == 0);
}

TEST_CASE("follow-majority sends the value most of its received messages carried") {
  ViewFixture f("follow-majority");
  const MessageHeader h = header(0, 2, 2, 1, Vote::approve);
  CHECK(f.act(h).value == Vote::approve);  // nothing received: as written
  CHECK(f.act(h).what == nullptr);
  f.inbox.add(header(1, 0, 2, 1, Vote::reject));
  f.inbox.add(header(2, 0, 2, 1, Vote::reject));
  f.inbox.add(header(3, 0, 2, 1, Vote::approve));
  const MessageAction a = f.act(h);
  CHECK(a.kind == MessageAction::Kind::send);
  CHECK(a.value == Vote::reject);
  CHECK(a.what != nullptr);
  CHECK(f.act(header(0, 2, 3, 1, Vote::approve)).value == Vote::approve);  // other phase: none
  CHECK(f.act(header(0, 2, 2, 2, Vote::approve)).value == Vote::approve);  // other round: none
  f.inbox.add(header(3, 0, 2, 1, Vote::approve));  // a tie keeps the written value
  CHECK(f.act(h).value == Vote::approve);
}

TEST_CASE("equivocate with phases splits broadcasts by recipient and doubles single sends") {
  ViewFixture f("equivocate");
  f.group.phases = {"commit"};
  const std::uint32_t commit = 1u << 3;
  CHECK(f.act(header(0, 2, 3, 0, Vote::reject), commit).value == Vote::approve);
  CHECK(f.act(header(0, 3, 3, 0, Vote::approve), commit).value == Vote::reject);
  CHECK(f.act(header(0, 3, 2, 0, Vote::approve), commit).value == Vote::approve);  // prepare
  const MessageAction vote = f.act(header(0, 1, 0, 0, Vote::approve, false), 1u);
  CHECK(vote.kind == MessageAction::Kind::twice);
  CHECK(vote.value == Vote::approve);
  CHECK(vote.second == Vote::reject);
  // Without phases it is the blind equivocator: scripted, it splits what it is offered and
  // leaves a message it wrote itself (none: it writes none) untouched.
  f.group.phases.clear();
  CHECK(strategy_of(f.group).scripted(f.group));
  CHECK(f.act(header(0, 3, 3, 0, Vote::approve), 0).value == Vote::approve);
  MessageHeader offer = header(0, 3, 3, 0, Vote::approve);
  offer.offered = true;
  CHECK(f.act(offer, 0).value == Vote::reject);
  offer.to = 2;
  CHECK(f.act(offer, 0).value == Vote::approve);
  f.group.phases = {"commit"};
  CHECK_FALSE(strategy_of(f.group).scripted(f.group));
}

TEST_CASE("withhold declines every offer and drops every value, but not an empty message") {
  ViewFixture f("withhold");
  MessageHeader h = header(0, 1, 2, 0, Vote::approve);
  CHECK(f.act(h, 0).kind == MessageAction::Kind::drop);
  h.value = Vote::none;
  CHECK(f.act(h, 0).kind == MessageAction::Kind::send);
  h.offered = true;
  CHECK(f.act(h, 0).kind == MessageAction::Kind::drop);
  CHECK(strategy_of(f.group).scripted(f.group));
}

TEST_CASE("drop-phase drops its phases only, isolate drops messages to its targets only") {
  ViewFixture drop("drop-phase");
  CHECK(drop.act(header(0, 1, 3, 0, Vote::approve), 1u << 3).kind == MessageAction::Kind::drop);
  CHECK(drop.act(header(0, 1, 2, 0, Vote::approve), 1u << 3).kind == MessageAction::Kind::send);
  ViewFixture isolate("isolate");
  isolate.group.targets = {1, 3};
  CHECK(isolate.act(header(0, 1, 2, 0, Vote::approve)).kind == MessageAction::Kind::drop);
  CHECK(isolate.act(header(0, 3, 4, 0, Vote::none)).kind == MessageAction::Kind::drop);
  CHECK(isolate.act(header(0, 2, 2, 0, Vote::approve)).kind == MessageAction::Kind::send);
}

TEST_CASE("mutate: probability, rounds, enabled mutations, and the same draws on replay") {
  ViewFixture f("mutate");
  f.group.p = 1;
  f.group.mutations = 1;  // value only
  const MessageAction flipped = f.act(header(0, 1, 2, 0, Vote::approve));
  CHECK(flipped.value == Vote::reject);
  CHECK(flipped.round == 0);
  CHECK(f.act(header(0, 1, 4, 0, Vote::none)).what == nullptr);  // carries no value: untouched
  f.group.rounds = {2};
  CHECK(f.act(header(0, 1, 2, 0, Vote::approve)).value == Vote::approve);  // not a listed round
  CHECK(f.act(header(0, 1, 2, 2, Vote::approve)).value == Vote::reject);
  f.group.mutations = 2;  // round only: +1 or -1 (never below 0)
  for (int i = 0; i < 50; ++i) {
    const MessageAction a = f.act(header(0, 1, 2, 2, Vote::approve));
    CHECK(a.value == Vote::approve);
    CHECK((a.round == 1 || a.round == 3));
  }
  f.group.rounds.clear();
  for (int i = 0; i < 20; ++i) CHECK(f.act(header(0, 1, 2, 0, Vote::approve)).round == 1);
  f.group.p = 0;
  f.group.mutations = 3;
  for (int i = 0; i < 20; ++i) CHECK(f.act(header(0, 1, 2, 3, Vote::approve)).what == nullptr);
  // p = 0.5 with both mutations: a fresh stream with the same key gives the same sequence.
  f.group.p = 0.5;
  auto sequence = [&] {
    f.rng = Rng::for_trial(9, 9, 9);
    std::string out;
    for (int i = 0; i < 40; ++i) {
      const MessageAction a = f.act(header(0, 1, 2, 5, Vote::approve));
      out += a.what == nullptr ? '.' : a.value != Vote::approve ? 'v' : a.round > 5 ? '+' : '-';
    }
    return out;
  };
  const std::string first = sequence();
  CHECK(first == sequence());
  CHECK(first.find('.') != std::string::npos);
  CHECK(first.find('v') != std::string::npos);
  CHECK(first.find('+') != std::string::npos);
  CHECK(first.find('-') != std::string::npos);
}

TEST_CASE("turn-at is honest before its time and its 'then' strategy from then on") {
  ViewFixture f("turn-at");
  f.group.then = builtin_strategy("drop-phase");
  f.self.turn_at = 5 * kSecond;
  const MessageHeader h = header(0, 1, 2, 0, Vote::approve);
  CHECK(f.act(h, 1u << 2, 4 * kSecond).kind == MessageAction::Kind::send);
  CHECK(f.act(h, 1u << 2, 5 * kSecond).kind == MessageAction::Kind::drop);
  CHECK(f.act(h, 1u << 3, 6 * kSecond).kind == MessageAction::Kind::send);  // not its phase
}

namespace {

Scenario load_one(const std::string& text, const StrategyTable* table = nullptr) {
  LoadOptions options;
  options.strategies = table;
  const LoadResult result = load_scenario_text(text, "adversary.json", options);
  std::string problems;
  for (const Diagnostic& d : result.diagnostics) problems += d.to_string() + "\n";
  INFO(problems);
  REQUIRE(result.ok());
  REQUIRE(result.scenario->points.size() == 1);
  return result.scenario->points[0].scenario;
}

// A trial's worth of set-up for calling the send path directly.
struct PathFixture {
  Scenario scenario;
  Population population;
  Network network;
  Rng rng = Rng::for_trial(4, 0, 0);
  SendPath path;
  std::vector<Transmission> sent;
  std::vector<SimTime> arrivals;

  PathFixture(const std::string& malicious, SendPath::ForgeryCheck check = nullptr,
              const StrategyTable* table = nullptr) {
    scenario = load_one(R"({"name": "p", "protocol": {"type": "pbft"},
      "agents": [{"role": "honest", "count": 3},
                 {"role": "malicious", "count": 1, )" +
                            malicious + "}]}",
                        table);
    population.prepare(scenario);
    population.start_trial(rng, true);
    network.configure(scenario.network, scenario.n());
    network.reset();
    static constexpr std::string_view kPhases[] = {"vote", "pre-prepare", "prepare", "commit"};
    path.configure(scenario, kPhases, check, this);
    path.start_trial(population, rng, nullptr);
  }
  void send(const MessageHeader& h, SimTime at = 0) {
    path.send(network, h, 0, at, [&](const Transmission& t, SimTime arrival) {
      sent.push_back(t);
      arrivals.push_back(arrival);
    });
  }
};

}  // namespace

TEST_CASE("the send path: honest messages as written, the adversary's copies, drops, delays") {
  PathFixture f(R"("strategy": "equivocate", "phases": ["vote", "commit"])");
  CHECK_FALSE(f.path.adversarial(0));
  CHECK(f.path.adversarial(3));
  f.send(header(0, 1, 3, 0, Vote::approve));
  REQUIRE(f.sent.size() == 1);
  CHECK(f.sent[0].tamper == nullptr);
  CHECK(f.network.messages_sent() == 1);
  f.send(header(3, 0, 0, 0, Vote::reject, false));  // a vote: both values
  REQUIRE(f.sent.size() == 3);
  CHECK(f.sent[1].sent.value == Vote::approve);
  CHECK(f.sent[2].sent.value == Vote::reject);
  CHECK(f.sent[1].original == Vote::reject);
  CHECK(f.network.messages_sent() == 3);     // each copy is a message on the network
  f.send(header(3, 1, 2, 0, Vote::reject));  // prepare: not one of its phases
  REQUIRE(f.sent.size() == 4);
  CHECK(f.sent[3].tamper == nullptr);

  PathFixture drop(R"("strategy": "drop-phase", "phases": ["commit"])");
  drop.send(header(3, 0, 3, 0, Vote::approve));
  CHECK(drop.sent.empty());
  CHECK(drop.network.messages_sent() == 0);  // never reached the network
}

TEST_CASE("the send path asks the protocol before sending a changed message") {
  auto refuse_rounds = [](const void*, const Transmission& t) {
    return t.sent.round == t.original_round;
  };
  PathFixture f(R"("strategy": "mutate", "p": 1, "mutations": ["round"])", refuse_rounds);
  f.send(header(3, 0, 2, 1, Vote::approve));
  CHECK(f.sent.empty());  // every mutation moved the round: refused
  PathFixture g(R"("strategy": "mutate", "p": 1, "mutations": ["value"])", refuse_rounds);
  g.send(header(3, 0, 2, 1, Vote::approve));
  REQUIRE(g.sent.size() == 1);
  CHECK(g.sent[0].sent.value == Vote::reject);
  CHECK(std::string(g.sent[0].tamper) == "mutated: value flipped");
}

// In debug and sanitizer builds a violation aborts with the trial to replay; in Release the
// count must be zero. b = f = 1 of n = 4 over a lossy network with a partition and a GST.
TEST_CASE("pbft stays safe with b <= f agents of every message strategy") {
  for (
      const char* adversary :
      {R"("strategy": "follow-majority")",
       R"("strategy": "equivocate", "phases": ["vote", "pre-prepare", "prepare", "commit", "decide"])",
       R"("strategy": "drop-phase", "phases": ["prepare"])",
       R"("strategy": "isolate", "targets": [0, 2])",
       R"("strategy": "turn-at", "at": "30ms", "then": "mutate", "p": 0.7)",
       R"("strategy": "mutate", "p": 0.6)"}) {
    INFO(adversary);
    Scenario s = load_one(std::string(R"({"name": "safe", "seed": 3, "trials": 1500,
      "protocol": {"type": "pbft", "view_timeout": "1s"},
      "network": {"latency": {"dist": "uniform", "min": "1ms", "max": "60ms"}, "drop": 0.05,
                  "partitions": [{"groups": [[0], [1, 2]], "from": "0s", "until": "1500ms"}],
                  "gst": {"at": "2s", "max_delay": "1s"}},
      "agents": [{"role": "honest", "count": 3, "accuracy": 0.8},
                 {"role": "malicious", "count": 1, )") +
                          adversary + "}]}");
    const Tally t = testing::run_point(s);
    CHECK(t.trials == 1500);
    CHECK(t.safety_violations == 0);
    CHECK(t.count(Outcome::disagreement) == 0);
    CHECK(t.count(Outcome::correct) > 0);
  }
}

namespace {

// A toy rule that holds every PREPARE back by 7 ms: the `delay` action.
MessageAction hold_prepares(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (v.header.phase != 2) return a;
  a.kind = MessageAction::Kind::delay;
  a.delay_ns = 7 * kMillisecond;
  a.what = "held";
  return a;
}

}  // namespace

TEST_CASE("the send path's delay action sends the message later, as written") {
  static const StrategySpec holder = [] {
    StrategySpec s;
    s.name = "holder";
    s.roles = role_bit(Role::malicious);
    s.on_message = hold_prepares;
    return s;
  }();
  StrategyTable table = StrategyTable::builtin();
  REQUIRE(table.add(&holder));
  PathFixture f(R"("strategy": "holder")", nullptr, &table);
  f.send(header(3, 0, 2, 0, Vote::approve), 100 * kMillisecond);
  f.send(header(3, 0, 3, 0, Vote::approve), 100 * kMillisecond);
  REQUIRE(f.sent.size() == 2);
  CHECK(f.sent[0].at == 107 * kMillisecond);
  CHECK(f.sent[0].sent.value == Vote::approve);
  CHECK(std::string(f.sent[0].tamper) == "held");
  CHECK(f.arrivals[0] >= 107 * kMillisecond);
  CHECK(f.sent[1].at == 100 * kMillisecond);
  CHECK(f.sent[1].tamper == nullptr);
}
