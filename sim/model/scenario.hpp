// The validated, plain-data model of one scenario at one sweep point.
// Produced by the loader (scenario/loader.hpp); read by the engine, the exact analysis and reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/core/distribution.hpp"
#include "sim/core/time.hpp"
#include "sim/model/estimator.hpp"

namespace byzsim {

enum class Role : std::uint8_t { honest, malicious, faulty };

// A strategy is a row of the strategy table (sim/agents/strategy.hpp); the model only points
// at it, so that model/ does not depend on agents/.
struct StrategySpec;

enum class Vote : std::uint8_t { none = 0, approve = 1, reject = 2 };

// One entry of "agents": `count` agents that behave alike.
struct AgentGroup {
  Role role = Role::honest;
  // Never null once loaded (the loader and builders set it); null means the honest `judge`,
  // resolved in one place: strategy_of() in sim/agents/strategy.hpp.
  const StrategySpec* strategy = nullptr;
  int count = 0;
  double accuracy = 1.0;         // probability an own judgement is right
  Distribution think_time;       // from proposal received to vote sent
  Vote fixed_vote = Vote::none;  // strategy fixed: the vote it always casts
  Distribution crash_at;         // crash: when it stops (0 = never votes); turn-at: when it turns
  double p = 0;                  // flip: inversion probability; omission: loss probability
  double factor = 1;             // slow: latency multiplier
  double correlation = 0;        // probability the whole group shares one judgement
  Distribution delay;            // late: extra time each message is held before it is sent
  bool accuracy_given = false;   // for corruption templates: inherit when false
  // Options of the strategies that act on messages (docs/adversary.md):
  std::vector<std::string> phases;     // drop-phase, equivocate: names from the protocol's phases
  std::vector<int> targets;            // isolate: the agents it sends nothing to
  std::vector<int> rounds;             // mutate: the views/rounds it mutates in (empty: all)
  std::uint8_t mutations = 3;          // mutate: bit 0 flip the value, bit 1 move the round by 1
  const StrategySpec* then = nullptr;  // turn-at: what it behaves as from "at" on
  bool operator==(const AgentGroup&) const = default;
};

struct Truth {
  enum class Kind : std::uint8_t { random, good, bad };
  Kind kind = Kind::random;
  double p_good = 0.5;  // used when kind == random
  bool operator==(const Truth&) const = default;
};

struct ProtocolSpec;  // sim/protocols/common/protocol_spec.hpp (above the model)

// One value of a protocol's own scenario key (its ProtocolSpec says the kind): integers,
// durations (nanoseconds) and quorums (resolved counts) as int64, numbers as double, switches.
using ParamValue = std::variant<std::int64_t, double, bool>;

struct ProtocolParam {
  std::string_view key;  // the spec's key (specs outlive every scenario)
  ParamValue value;
  bool operator==(const ProtocolParam&) const = default;
};

struct ProtocolConfig {
  // The protocol (use_protocol() sets both). A null spec (scenarios built in code) is the
  // builtin protocol named `type_name`; the model cannot see specs, so it keeps the name.
  const ProtocolSpec* spec = nullptr;
  std::string_view type_name = "coordinator-vote";
  int f = 0;               // effective tolerance (default floor((n-1)/3) already applied)
  bool f_given = false;    // whether the file (or a sweep) set f
  int approve_quorum = 0;  // resolved count (default n - f)
  int reject_quorum = 0;   // resolved count (default f + 1)
  int max_rounds = 1;
  SimTime round_timeout_ns = 300 * kSecond;  // default 5 min, the contract's example
  bool rejudge = false;
  // A planted bug (ProtocolSpec::unsafe_rules) that removes one safety rule, for testing the
  // search of `byzsim check` (docs/check.md); empty: the protocol as specified.
  std::string_view unsafe;
  // The protocol's own keys, resolved (defaults applied), in its spec's order.
  std::vector<ProtocolParam> params;

  std::string_view name() const { return type_name; }  // for messages and rows
  const ParamValue* find(std::string_view key) const;
  // The value of `key`; std::logic_error when it is absent or of another kind (a bug).
  std::int64_t integer(std::string_view key) const;
  double number(std::string_view key) const;
  bool flag(std::string_view key) const;
  // Replaces the value of `key`, or appends it.
  void set(std::string_view key, ParamValue value);
  bool operator==(const ProtocolConfig&) const = default;
};

// A partition over a time window: a message between agents of different groups whose flight
// overlaps [from, until) is held until `until` (then takes its latency again), or lost when
// `drop`. Agents in no group (and the coordinator) reach everyone.
struct Partition {
  std::vector<std::vector<int>> groups;
  SimTime from_ns = 0;
  SimTime until_ns = kTimeNever;  // never heals when absent
  bool drop = false;
  bool operator==(const Partition&) const = default;
};

// Partial synchrony: a message sent before `at_ns` takes up to `max_delay_ns` extra (uniform).
struct Gst {
  bool enabled = false;
  SimTime at_ns = 0;
  SimTime max_delay_ns = 0;
  bool operator==(const Gst&) const = default;
};

// One slow directed link: latency from `from` to `to` multiplied by `factor`.
struct LinkSlowness {
  int from = 0;
  int to = 0;
  double factor = 1;
  bool operator==(const LinkSlowness&) const = default;
};

struct NetworkConfig {
  Distribution latency;  // default constant 0
  double drop = 0;       // independent loss probability per message
  std::vector<Partition> partitions;
  Gst gst;
  std::vector<LinkSlowness> links;
  bool operator==(const NetworkConfig&) const = default;
};

// A fixed adversarial schedule over the first views (rounds) of a leader-based protocol, as
// `byzsim check --twins` and `--random` search them (docs/check.md). Instances: agent i is
// instance i; the k-th twin is instance n + k, a second copy of agent twins[k] (same identity,
// same key, its own protocol state). Messages to an agent reach every instance of it that is
// in the sender instance's group in the message's view; after the schedule's views the
// network is whole again and leaders rotate as the protocol says.
struct ScheduleView {
  int leader = -1;                       // the agent that leads this view; -1: the protocol's
  std::vector<std::vector<int>> groups;  // instances per group; unnamed instances: one more group
  bool operator==(const ScheduleView&) const = default;
};

// A Byzantine sender's message in `round` to `to` of phase `phase` leaves with its value
// flipped (approve <-> reject), when the sender can sign the flipped value.
struct ScheduleMutation {
  int round = 0;
  int from = 0;
  int to = 0;
  std::string phase;  // a name of the protocol's phase table
  bool operator==(const ScheduleMutation&) const = default;
};

struct Schedule {
  std::vector<int> twins;  // agents with a twin, each a non-honest agent that runs the protocol
  std::vector<ScheduleView> views;
  std::vector<ScheduleMutation> mutations;
  // 0: a message cut by its view's partition is lost; > 0: it arrives this much later instead
  // (eventual delivery, as a gossip layer gives). Not a choice of the search: `given` ignores it.
  SimTime cut_delay = 0;
  bool given() const { return !twins.empty() || !views.empty() || !mutations.empty(); }
  // The leader this schedule names for `view`, or -1.
  int leader(int view) const {
    return view >= 0 && static_cast<std::size_t>(view) < views.size()
               ? views[static_cast<std::size_t>(view)].leader
               : -1;
  }
  bool operator==(const Schedule&) const = default;
};

// The leader of `view`: the one `scheduled` (a protocol's copy of the schedule's leaders) names,
// else `rotation`, the protocol's own choice.
inline int scheduled_or(const std::vector<int>& scheduled, int view, int rotation) {
  const auto at = static_cast<std::size_t>(view);
  return at < scheduled.size() && scheduled[at] >= 0 ? scheduled[at] : rotation;
}

// The seed's "randomly 0-2 agents may provide faulty votes": per trial some honest agents
// are replaced by agents that behave like `replacement` (its count is unused).
struct Corruption {
  bool enabled = false;
  bool by_probability = false;  // true: each honest agent with probability p
  int count_min = 0;            // by count: uniform over [count_min, count_max]
  int count_max = 0;
  double p = 0;
  AgentGroup replacement;
  bool operator==(const Corruption&) const = default;
};

struct Costs {
  bool enabled = false;
  double wrong = 0;
  double no_consensus = 0;
  double per_agent = 0;
  double per_minute = 0;
  bool operator==(const Costs&) const = default;
};

// Bounds on one trial ("put a limit on everything"): hitting one ends the trial as
// no consensus, never a hang.
struct Limits {
  SimTime time_ns = 0;       // 0 = derived by the engine from rounds and timeouts
  std::uint64_t events = 0;  // 0 = derived by the engine from n and rounds
  bool operator==(const Limits&) const = default;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_file;  // path the scenario was read from (for messages)
  std::uint64_t seed = 1;
  std::uint64_t trials = 10000;
  Truth truth;
  ProtocolConfig protocol;
  std::vector<AgentGroup> agents;
  NetworkConfig network;
  Corruption corruption;
  Costs costs;
  Limits limits;
  Schedule schedule;    // empty unless the document has "schedule"
  Estimator estimator;  // plain unless the scenario asks for importance sampling

  // Field by field; tests compare the points of a sweep with separately converted files.
  bool operator==(const Scenario&) const = default;
  int n() const {
    int total = 0;
    for (const auto& g : agents) total += g.count;
    return total;
  }
  int count_of(Role role) const {
    int total = 0;
    for (const auto& g : agents)
      if (g.role == role) total += g.count;
    return total;
  }
};

const char* to_string(Role r);

}  // namespace byzsim
