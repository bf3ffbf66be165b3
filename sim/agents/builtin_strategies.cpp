// The built-in strategies of the contract, one row each: the only file a new built-in strategy
// edits (besides its docs row). Rows are constant data; see StrategySpec for each field.
#include <cmath>

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
constexpr StrategySpec kWithhold{
    .name = "withhold", .roles = kMalicious, .conduct = Conduct::silent, .exact_law = &kSilentLaw};
constexpr StrategySpec kFixed{.name = "fixed",
                              .roles = kMalicious | kFaulty,
                              .parameters = kVote,
                              .vote = fixed_vote,
                              .leader_preference = prefer_fixed,
                              .exact_law = &kFixedLaw};
constexpr StrategySpec kEquivocate{
    .name = "equivocate",
    .roles = kMalicious,
    .conduct = Conduct::equivocator,
    .needs_peer_messages = true,
    .needs_peer_messages_why =
        " (conflicting messages to different recipients mean nothing to a "
        "trusted coordinator)",
    .no_exact_law_why = "conflicting messages to different recipients are not modelled exactly"};
constexpr StrategySpec kCollude{
    .name = "collude",
    .roles = kMalicious,
    .conduct = Conduct::colluder,
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

#pragma GCC diagnostic pop

StrategyTable make_builtin() {
  StrategyTable table;
  for (const StrategySpec* spec :
       {&kJudge, &kOpposeTruth, &kAlwaysApprove, &kAlwaysReject, &kRandom, &kWithhold, &kFixed,
        &kEquivocate, &kCollude, &kCrash, &kFlip, &kOmission, &kSlow, &kLate})
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
