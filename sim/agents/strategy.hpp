// The strategy table: one row (StrategySpec) per strategy, the only home of what a strategy is.
// Read by the loader (names, roles, parameters), agents/ (votes), protocols (send hooks,
// message rules) and the exact analysis (its law); built-in rows live in builtin_strategies.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/agents/adversary.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/rng.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

// The five strategy parameters of an agent group (and of "corruption"), each filling one
// AgentGroup field. The key decides the kind of value: vote -> "approve" | "reject" (fixed_vote);
// at, delay -> a duration or distribution (crash_at, delay); p -> a probability (p; spelled
// "strategy_p" inside "corruption"); factor -> a number within the bounds below (factor).
// The adversary's options (docs/adversary.md): phases -> names from the protocol's phase table;
// targets -> agent indices; rounds -> view/round numbers; mutations -> "value" | "round";
// then -> another strategy's name (each fills the AgentGroup field of the same name).
enum class ParameterKey : std::uint8_t {
  vote,
  at,
  p,
  factor,
  delay,
  phases,
  targets,
  rounds,
  mutations,
  then
};
inline constexpr std::array<std::string_view, 10> kParameterKeys{
    "vote", "at", "p", "factor", "delay", "phases", "targets", "rounds", "mutations", "then"};
inline std::string_view key_name(ParameterKey key) {
  return kParameterKeys[static_cast<std::size_t>(key)];
}

struct StrategyParameter {
  ParameterKey key = ParameterKey::p;
  bool required = false;
  // factor: accepted values, min excluded when `min_exclusive`; p is always [0, 1].
  double min = 0, max = 1;
  bool min_exclusive = false;
  // factor: what the number means, for messages ("a latency multiplier").
  std::string_view what = "";
  double default_number = 0;          // p, factor: when absent and not required
  Distribution default_distribution;  // at, delay: when absent and not required
};

// What the protocol applies to every message the agent sends (Network::send and the hold).
struct SendHooks {
  double loss = 0;                     // each message lost with this probability (omission)
  double latency_factor = 1;           // its latency multiplied by this (slow)
  const Distribution* hold = nullptr;  // each send held back by a draw of this first (late)
};

// The law of the intended vote of one agent given its judgement, for the exact analysis:
// P(the right value), P(the wrong value), P(approve), P(reject) whatever the truth.
struct VoteLaw {
  double right = 0, wrong = 0, approve = 0, reject = 0;
};
struct ExactLaw {
  VoteLaw (*intent)(const AgentGroup& group, bool judged_right) = nullptr;
  // An exact-only condition on the parameters: null when any parameters are modelled, else
  // "" when these are, or why not (e.g. crash "at" after 0).
  const char* (*unsupported)(const AgentGroup& group) = nullptr;
};

// The inputs of a vote rule for one agent in one round.
struct VoteInput {
  const AgentGroup& group;  // the behaviour (own group, or corruption's replacement)
  Vote judged;              // its own judgement (meaningful when the strategy judges)
  Vote wrong;               // the value opposing the truth
  Rng& rng;                 // draws of a rule are part of the trial's reproducibility
};

using RoleMask = std::uint8_t;
constexpr RoleMask role_bit(Role role) {
  return static_cast<RoleMask>(1u << static_cast<unsigned>(role));
}

struct StrategySpec {
  std::string_view name;  // the contract's spelling ("oppose-truth")
  RoleMask roles = 0;     // the roles that may use it
  // Forms its own judgement, so accuracy, correlation (and think_time) apply.
  bool judges = false;
  std::span<const StrategyParameter> parameters;  // the keys it takes; any other is refused
  // Intended vote per round; null = casts none itself (silent, or chosen by the protocol).
  Vote (*vote)(const VoteInput& in) = nullptr;
  // Applied by the protocol to each message; null = none.
  SendHooks (*send_hooks)(const AgentGroup& group) = nullptr;
  // Scripted for these options (null: never). A scripted agent does not run the protocol's
  // honest state machine: it reacts to no message or timer, and acts only when the protocol
  // offers it messages (its vote when its review ends; when it first notices a round, one
  // message per peer phase it could send unprompted; as leader, its proposals), each through
  // its message rule (docs/adversary.md, "Scripted agents"). withhold declines every offer;
  // blind equivocate splits each between the values.
  bool (*scripted)(const AgentGroup& group) = nullptr;
  // Acts with every agent of its row as one coalition that sees every honest vote and message
  // before it is delivered (rushing) and picks the most harmful move. The move needs the
  // protocol's quorum arithmetic, so each protocol with a coalition model implements it
  // (coordinator-vote/majority: the common vote; om/sm: halves; pbft: split, push or block).
  bool coalition = false;
  // Acts on agent-to-agent messages: a protocol without them must refuse the strategy, with
  // this reason appended when there is one (" (conflicting messages ...)").
  bool needs_peer_messages = false;
  std::string_view needs_peer_messages_why = "";
  // pbft: what a malicious leader holding certificates for both values proposes; null =
  // no preference (the protocol's own order).
  Vote (*leader_preference)(const AgentGroup& group, Vote wrong) = nullptr;
  // Draws its stop time from "at" per trial (crash_at); otherwise never stops.
  bool crashes = false;
  // The message rule: called by the send path for each message its agent sends, it decides
  // what happens to that message (docs/adversary.md); null = every message as written.
  MessageAction (*on_message)(const MessageView& view) = nullptr;
  // The rule reads what its agent received (MessageView::received): the send path keeps counts.
  bool reads_inbox = false;
  // Its messages may carry either value (it signs both votes): pbft's book counts both.
  bool may_sign_both = false;
  // Draws its turning time from "at" per trial (turn-at); the rule reads AgentState::turn_at.
  bool turns = false;
  // Null: `exact` refuses the strategy, naming the group, the strategy and `no_exact_law_why`.
  const ExactLaw* exact_law = nullptr;
  std::string_view no_exact_law_why = "its vote is not modelled exactly";

  bool takes_role(Role role) const { return (roles & role_bit(role)) != 0; }
  const StrategyParameter* parameter(ParameterKey key) const;
  bool takes(ParameterKey key) const { return parameter(key) != nullptr; }
};

// An ordered set of strategies with unique names, and the default one for each role. Rows are
// not owned: built-in rows are constant data, test and plug-in rows outlive the table.
class StrategyTable {
 public:
  // The 14 strategies of the contract in its order, then the adversary's message strategies
  // (follow-majority, drop-phase, isolate, turn-at, mutate). Immutable and shared.
  static const StrategyTable& builtin();

  // Appends `spec`; returns false (and adds nothing) when its name is already taken.
  bool add(const StrategySpec* spec);
  const StrategySpec* find(std::string_view name) const;
  const std::vector<const StrategySpec*>& all() const { return rows_; }
  // honest -> judge, malicious -> oppose-truth, faulty -> random for the built-in table.
  const StrategySpec* default_for(Role role) const {
    return defaults_[static_cast<std::size_t>(role)];
  }
  void set_default(Role role, const StrategySpec* spec) {
    defaults_[static_cast<std::size_t>(role)] = spec;
  }

 private:
  std::vector<const StrategySpec*> rows_;
  std::array<const StrategySpec*, 3> defaults_{};
};

// A built-in strategy by name (null when there is none); for code that builds scenarios
// without the loader (benchmarks, tests).
const StrategySpec* builtin_strategy(std::string_view name);

// The one place a group's strategy is resolved: a null pointer (a default-constructed
// AgentGroup) means the honest `judge`.
const StrategySpec& strategy_of(const AgentGroup& group);

// The hooks the protocol applies to each message the group's agents send.
SendHooks send_hooks(const AgentGroup& group);

}  // namespace byzsim
