// The built-in strategies of the contract, one row each: the only file a new built-in strategy
// edits (besides its docs row). Rows are constant data; see StrategySpec for each field.
#include <algorithm>
#include <cmath>

#include "sim/agents/population.hpp"
#include "sim/agents/strategy.hpp"

namespace byzsim {
namespace {

// Rows name only the fields that differ from StrategySpec's documented defaults; GCC 12's
// -Wextra would flag every omitted designated member, which is the point of designators here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

constexpr RoleMask kHonest = role_bit(Role::honest);
constexpr RoleMask kMalicious = role_bit(Role::malicious);
constexpr RoleMask kFaulty = role_bit(Role::faulty);

Vote opposite(Vote v) {
  return v == Vote::approve ? Vote::reject : Vote::approve;
}

// --- vote rules (their random draws are part of reproducibility) ---
Vote own_judgement(const VoteInput& in) {
  return in.judged;
}
Vote flip_vote(const VoteInput& in) {
  return in.rng.bernoulli(in.group.p) ? opposite(in.judged) : in.judged;
}
Vote wrong_vote(const VoteInput& in) {
  return in.wrong;
}
Vote approve_vote(const VoteInput&) {
  return Vote::approve;
}
Vote reject_vote(const VoteInput&) {
  return Vote::reject;
}
Vote coin_vote(const VoteInput& in) {
  return in.rng.bernoulli(0.5) ? Vote::approve : Vote::reject;
}
Vote fixed_vote(const VoteInput& in) {
  return in.group.fixed_vote;
}

// --- pbft leader preferences ---
Vote prefer_wrong(const AgentGroup&, Vote wrong) {
  return wrong;
}
Vote prefer_approve(const AgentGroup&, Vote) {
  return Vote::approve;
}
Vote prefer_reject(const AgentGroup&, Vote) {
  return Vote::reject;
}
Vote prefer_fixed(const AgentGroup& g, Vote) {
  return g.fixed_vote;
}

// --- send hooks ---
SendHooks omission_hooks(const AgentGroup& g) {
  return SendHooks{g.p, 1, nullptr};
}
SendHooks slow_hooks(const AgentGroup& g) {
  return SendHooks{0, g.factor, nullptr};
}
SendHooks late_hooks(const AgentGroup& g) {
  return SendHooks{0, 1, &g.delay};
}

// --- message rules: the adversary acting on each message (docs/adversary.md) ---
bool listed(const std::vector<int>& list, int x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

// Herding: the value most of what it received in this phase and round carried (ties and
// nothing received: as written).
MessageAction follow_majority_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (v.header.value == Vote::none) return a;
  const std::uint32_t approvals = v.received(Vote::approve);
  const std::uint32_t rejections = v.received(Vote::reject);
  if (approvals == rejections) return a;
  a.value = approvals > rejections ? Vote::approve : Vote::reject;
  if (a.value != v.header.value) a.what = "herded to the majority received";
  return a;
}

// Blind (no "phases"): every message the protocol offers it; with "phases": its messages in
// them. A message to all carries APPROVE to even-numbered agents and REJECT to odd ones; a
// message to one recipient (a vote to the leader) carries both, one copy each.
MessageAction equivocate_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (v.header.value == Vote::none || !(v.header.offered || v.in_phase())) return a;
  if (!v.header.broadcast) {
    a.kind = MessageAction::Kind::twice;
    a.value = Vote::approve;
    a.second = Vote::reject;
    a.what = "equivocated: both values";
    return a;
  }
  a.value = v.header.to % 2 == 0 ? Vote::approve : Vote::reject;
  a.what = "equivocated: value by recipient";
  return a;
}

// Declines every offer and drops every value it would send; an empty message (an om/sm order
// naming nothing) leaves as it is, since it says nothing.
MessageAction withhold_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (!v.header.offered && v.header.value == Vote::none) return a;
  a.kind = MessageAction::Kind::drop;
  a.what = "withheld";
  return a;
}

MessageAction drop_phase_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (!v.in_phase()) return a;
  a.kind = MessageAction::Kind::drop;
  a.what = "dropped (drop-phase)";
  return a;
}

MessageAction isolate_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (!listed(v.group.targets, v.header.to)) return a;
  a.kind = MessageAction::Kind::drop;
  a.what = "dropped (isolate)";
  return a;
}

// ByzzFuzz's small-scope mutation: with probability p per message (in the listed rounds), one of
// the enabled mutations, drawn from the trial's stream.
MessageAction mutate_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (v.header.value == Vote::none) return a;
  if (!v.group.rounds.empty() && !listed(v.group.rounds, v.header.round)) return a;
  if (!v.rng.bernoulli(v.group.p)) return a;
  enum Mutation { flip, later, earlier };
  Mutation choices[3];
  int count = 0;
  if (v.group.mutations & 1) choices[count++] = flip;
  if (v.group.mutations & 2) choices[count++] = later;
  if ((v.group.mutations & 2) && v.header.round > 0) choices[count++] = earlier;
  if (count == 0) return a;
  switch (choices[count == 1 ? 0 : v.rng.below(static_cast<std::uint64_t>(count))]) {
    case flip:
      a.value = opposite(v.header.value);
      a.what = "mutated: value flipped";
      break;
    case later:
      a.round = v.header.round + 1;
      a.what = "mutated: round +1";
      break;
    case earlier:
      a.round = v.header.round - 1;
      a.what = "mutated: round -1";
      break;
  }
  return a;
}

// Honest until its turning time, then its "then" strategy's rule (adaptive corruption).
MessageAction turn_at_rule(const MessageView& v) {
  if (v.now < v.self.turn_at || v.group.then == nullptr || v.group.then->on_message == nullptr)
    return MessageAction::as_is(v.header);
  return v.group.then->on_message(v);
}

bool always(const AgentGroup&) {
  return true;
}
// Blind equivocators are scripted; with "phases" they follow the protocol.
bool equivocates_blind(const AgentGroup& g) {
  return g.phases.empty();
}
// Blind equivocators cast no vote of their own; with "phases" it follows the protocol with the
// wrong vote and equivocates in those phases only.
Vote equivocate_vote(const VoteInput& in) {
  return in.group.phases.empty() ? Vote::none : in.wrong;
}

// --- exact laws of the intended vote ---
VoteLaw judged_law(const AgentGroup&, bool right) {
  return VoteLaw{right ? 1.0 : 0.0, right ? 0.0 : 1.0, 0, 0};
}
VoteLaw flip_law(const AgentGroup& g, bool right) {
  return VoteLaw{right ? 1 - g.p : g.p, right ? g.p : 1 - g.p, 0, 0};
}
VoteLaw wrong_law(const AgentGroup&, bool) {
  return VoteLaw{0, 1, 0, 0};
}
VoteLaw coin_law(const AgentGroup&, bool) {
  return VoteLaw{0, 0, 0.5, 0.5};
}
VoteLaw approve_law(const AgentGroup&, bool) {
  return VoteLaw{0, 0, 1, 0};
}
VoteLaw reject_law(const AgentGroup&, bool) {
  return VoteLaw{0, 0, 0, 1};
}
VoteLaw fixed_law(const AgentGroup& g, bool) {
  return VoteLaw{0, 0, g.fixed_vote == Vote::approve ? 1.0 : 0.0,
                 g.fixed_vote == Vote::reject ? 1.0 : 0.0};
}
VoteLaw no_vote_law(const AgentGroup&, bool) {
  return VoteLaw{};
}
// Dropping the vote phase is withholding; dropping only other phases leaves the vote as judged
// (under the coordinator protocols an agent sends nothing but its vote).
VoteLaw drop_phase_law(const AgentGroup& g, bool right) {
  return std::find(g.phases.begin(), g.phases.end(), "vote") != g.phases.end()
             ? VoteLaw{}
             : judged_law(g, right);
}
// The exact model has no time inside a round for a crash: it covers crashes at 0 (never votes).
const char* crash_unsupported(const AgentGroup& g) {
  return g.crash_at.max_value_ns() == 0
             ? ""
             : "a crash time that can be after 0 makes the vote time-dependent "
               "(the exact model supports \"at\": 0)";
}

constexpr ExactLaw kJudgedLaw{judged_law, nullptr};
constexpr ExactLaw kFlipLaw{flip_law, nullptr};
constexpr ExactLaw kWrongLaw{wrong_law, nullptr};
constexpr ExactLaw kCoinLaw{coin_law, nullptr};
constexpr ExactLaw kApproveLaw{approve_law, nullptr};
constexpr ExactLaw kRejectLaw{reject_law, nullptr};
constexpr ExactLaw kFixedLaw{fixed_law, nullptr};
constexpr ExactLaw kSilentLaw{no_vote_law, nullptr};
constexpr ExactLaw kCrashLaw{no_vote_law, crash_unsupported};
constexpr ExactLaw kDropPhaseLaw{drop_phase_law, nullptr};

// --- parameters ---
constexpr StrategyParameter kVote[] = {{.key = ParameterKey::vote, .required = true}};
constexpr StrategyParameter kAt[] = {{.key = ParameterKey::at}};  // default constant 0
constexpr StrategyParameter kP[] = {{.key = ParameterKey::p, .required = true}};
constexpr StrategyParameter kFactor[] = {{.key = ParameterKey::factor,
                                          .min = 0,
                                          .max = 1e6,
                                          .min_exclusive = true,
                                          .what = "a latency multiplier",
                                          .default_number = 2}};
constexpr StrategyParameter kDelay[] = {{.key = ParameterKey::delay, .required = true}};
constexpr StrategyParameter kOptionalPhases[] = {{.key = ParameterKey::phases}};
constexpr StrategyParameter kPhases[] = {{.key = ParameterKey::phases, .required = true}};
constexpr StrategyParameter kTargets[] = {{.key = ParameterKey::targets, .required = true}};
constexpr StrategyParameter kMutateOptions[] = {{.key = ParameterKey::p, .required = true},
                                                {.key = ParameterKey::rounds},
                                                {.key = ParameterKey::mutations}};
// turn-at takes the options of the strategy it turns into (the loader requires those that
// strategy requires).
constexpr StrategyParameter kTurnAtOptions[] = {{.key = ParameterKey::at, .required = true},
                                                {.key = ParameterKey::then, .required = true},
                                                {.key = ParameterKey::phases},
                                                {.key = ParameterKey::targets},
                                                {.key = ParameterKey::rounds},
                                                {.key = ParameterKey::mutations},
                                                {.key = ParameterKey::p}};
constexpr std::string_view kNeedsPeers =
    " (it acts on agent-to-agent messages; a trusted coordinator only receives votes)";

constexpr StrategySpec kJudge{.name = "judge",
                              .roles = kHonest,
                              .judges = true,
                              .vote = own_judgement,
                              .exact_law = &kJudgedLaw};
constexpr StrategySpec kOpposeTruth{.name = "oppose-truth",
                                    .roles = kMalicious,
                                    .vote = wrong_vote,
                                    .leader_preference = prefer_wrong,
                                    .exact_law = &kWrongLaw};
constexpr StrategySpec kAlwaysApprove{.name = "always-approve",
                                      .roles = kMalicious,
                                      .vote = approve_vote,
                                      .leader_preference = prefer_approve,
                                      .exact_law = &kApproveLaw};
constexpr StrategySpec kAlwaysReject{.name = "always-reject",
                                     .roles = kMalicious,
                                     .vote = reject_vote,
                                     .leader_preference = prefer_reject,
                                     .exact_law = &kRejectLaw};
constexpr StrategySpec kRandom{
    .name = "random", .roles = kMalicious | kFaulty, .vote = coin_vote, .exact_law = &kCoinLaw};
constexpr StrategySpec kWithhold{.name = "withhold",
                                 .roles = kMalicious,
                                 .scripted = always,
                                 .on_message = withhold_rule,
                                 .exact_law = &kSilentLaw};
constexpr StrategySpec kFixed{.name = "fixed",
                              .roles = kMalicious | kFaulty,
                              .parameters = kVote,
                              .vote = fixed_vote,
                              .leader_preference = prefer_fixed,
                              .exact_law = &kFixedLaw};
constexpr StrategySpec kEquivocate{
    .name = "equivocate",
    .roles = kMalicious,
    .parameters = kOptionalPhases,
    .vote = equivocate_vote,
    .scripted = equivocates_blind,
    .needs_peer_messages = true,
    .needs_peer_messages_why =
        " (conflicting messages to different recipients mean nothing to a "
        "trusted coordinator)",
    .on_message = equivocate_rule,
    .may_sign_both = true,
    .no_exact_law_why = "conflicting messages to different recipients are not modelled exactly"};
constexpr StrategySpec kCollude{
    .name = "collude",
    .roles = kMalicious,
    .coalition = true,
    .may_sign_both = true,
    .no_exact_law_why = "the coalition's vote depends on the other votes of the round"};
constexpr StrategySpec kCrash{.name = "crash",
                              .roles = kFaulty,
                              .judges = true,
                              .parameters = kAt,
                              .vote = own_judgement,
                              .crashes = true,
                              .exact_law = &kCrashLaw};
constexpr StrategySpec kFlip{.name = "flip",
                             .roles = kFaulty,
                             .judges = true,
                             .parameters = kP,
                             .vote = flip_vote,
                             .exact_law = &kFlipLaw};
constexpr StrategySpec kOmission{.name = "omission",
                                 .roles = kFaulty,
                                 .judges = true,
                                 .parameters = kP,
                                 .vote = own_judgement,
                                 .send_hooks = omission_hooks,
                                 .exact_law = &kJudgedLaw};
constexpr StrategySpec kSlow{.name = "slow",
                             .roles = kFaulty,
                             .judges = true,
                             .parameters = kFactor,
                             .vote = own_judgement,
                             .send_hooks = slow_hooks,
                             .exact_law = &kJudgedLaw};
// Follows the protocol with the wrong vote, every message held `delay` (pbft).
constexpr StrategySpec kLate{.name = "late",
                             .roles = kMalicious,
                             .parameters = kDelay,
                             .vote = wrong_vote,
                             .send_hooks = late_hooks,
                             .needs_peer_messages = true,
                             .leader_preference = prefer_wrong,
                             .no_exact_law_why = "messages held back are not modelled exactly"};

constexpr StrategySpec kFollowMajority{
    .name = "follow-majority",
    .roles = kMalicious | kFaulty,
    .judges = true,
    .vote = own_judgement,
    .needs_peer_messages = true,
    .needs_peer_messages_why = kNeedsPeers,
    .on_message = follow_majority_rule,
    .reads_inbox = true,
    .may_sign_both = true,
    .no_exact_law_why = "its messages depend on the messages it received"};
constexpr StrategySpec kDropPhase{.name = "drop-phase",
                                  .roles = kMalicious | kFaulty,
                                  .judges = true,
                                  .parameters = kPhases,
                                  .vote = own_judgement,
                                  .on_message = drop_phase_rule,
                                  .exact_law = &kDropPhaseLaw};
constexpr StrategySpec kIsolate{.name = "isolate",
                                .roles = kMalicious | kFaulty,
                                .judges = true,
                                .parameters = kTargets,
                                .vote = own_judgement,
                                .needs_peer_messages = true,
                                .needs_peer_messages_why = kNeedsPeers,
                                .on_message = isolate_rule,
                                .no_exact_law_why = "messages to chosen agents are not modelled"};
constexpr StrategySpec kTurnAt{.name = "turn-at",
                               .roles = kMalicious,
                               .judges = true,
                               .parameters = kTurnAtOptions,
                               .vote = own_judgement,
                               .needs_peer_messages = true,
                               .needs_peer_messages_why = kNeedsPeers,
                               .on_message = turn_at_rule,
                               .may_sign_both = true,
                               .turns = true,
                               .no_exact_law_why = "its behaviour changes with time"};
constexpr StrategySpec kMutate{.name = "mutate",
                               .roles = kMalicious | kFaulty,
                               .judges = true,
                               .parameters = kMutateOptions,
                               .vote = own_judgement,
                               .needs_peer_messages = true,
                               .needs_peer_messages_why = kNeedsPeers,
                               .on_message = mutate_rule,
                               .may_sign_both = true,
                               .no_exact_law_why = "mutated messages are not modelled exactly"};

#pragma GCC diagnostic pop

StrategyTable make_builtin() {
  StrategyTable table;
  for (const StrategySpec* spec :
       {&kJudge, &kOpposeTruth, &kAlwaysApprove, &kAlwaysReject, &kRandom, &kWithhold, &kFixed,
        &kEquivocate, &kCollude, &kCrash, &kFlip, &kOmission, &kSlow, &kLate, &kFollowMajority,
        &kDropPhase, &kIsolate, &kTurnAt, &kMutate})
    table.add(spec);
  table.set_default(Role::honest, &kJudge);
  table.set_default(Role::malicious, &kOpposeTruth);
  table.set_default(Role::faulty, &kRandom);
  return table;
}

}  // namespace

const StrategyTable& StrategyTable::builtin() {
  static const StrategyTable table = make_builtin();
  return table;
}

}  // namespace byzsim
