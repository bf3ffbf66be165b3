// "contradict": an example of a strategy that acts on messages, written as one table row
// (docs/adversary.md, "Writing a strategy"). It follows the protocol with its own judgement,
// but each message that carries a value says the opposite of what most of the messages it
// received in that phase and round said. tests/unit/adversary_example_test.cpp compiles it,
// loads it from JSON and runs it under pbft.
#pragma once

#include "sim/agents/strategy.hpp"

namespace example {

using namespace byzsim;

// Called by the send path for every message one of its agents sends.
inline MessageAction contradict_rule(const MessageView& v) {
  MessageAction a = MessageAction::as_is(v.header);
  if (v.header.value == Vote::none) return a;  // a message that carries no vote
  const std::uint32_t approvals = v.received(Vote::approve);
  const std::uint32_t rejections = v.received(Vote::reject);
  if (approvals == rejections) return a;
  a.value = approvals > rejections ? Vote::reject : Vote::approve;
  if (a.value != v.header.value) a.what = "contradicted the majority received";
  return a;
}

inline Vote own_judgement(const VoteInput& in) {
  return in.judged;
}

// The row: add it to sim/agents/builtin_strategies.cpp (and its list in make_builtin()), or to a
// StrategyTable of your own that you pass to the loader (LoadOptions::strategies).
inline StrategySpec contradict_row() {
  StrategySpec s;
  s.name = "contradict";
  s.roles = role_bit(Role::malicious);
  s.judges = true;                 // accuracy and correlation apply to its own judgement
  s.vote = own_judgement;          // the vote it signs
  s.needs_peer_messages = true;    // coordinator-vote and majority refuse it
  s.on_message = contradict_rule;  // what it does to each message
  s.reads_inbox = true;            // the send path counts what its agents receive
  s.may_sign_both = true;          // pbft: it may send either value, so it signs both
  s.no_exact_law_why = "its messages depend on the messages it received";
  return s;
}

}  // namespace example
