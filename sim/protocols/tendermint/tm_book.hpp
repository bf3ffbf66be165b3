// tendermint's per-trial bookkeeping: what each agent has received per round (counts by value
// and distinct senders), the votes each agent holds, who sent which PREVOTE / PRECOMMIT to
// anyone (certificates and the checker), and signed votes. Sized once per point, cleared per
// trial: no allocation in steady state.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/protocols/tendermint/tm_config.hpp"

namespace byzsim::tendermint {

// What one agent has received for one round.
struct RoundCounts {
  std::uint32_t prevotes[3] = {};    // per value index: APPROVE, REJECT, nil
  std::uint32_t precommits[3] = {};  // same
  std::uint32_t prevotes_any = 0;    // distinct PREVOTE senders (the "2f+1 PREVOTE(*)" rules)
  std::uint32_t precommits_any = 0;
  std::uint32_t senders = 0;               // distinct senders heard first in this round (skip rule)
  std::int16_t proposal_vr[2] = {-2, -2};  // per value: the valid round of its PROPOSAL, -2 none
  bool prevote_timer = false;              // OnTimeoutPrevote scheduled
  bool precommit_timer = false;            // OnTimeoutPrecommit scheduled
  bool locked_here = false;                // the "2f+1 PREVOTE(v) for the first time" rule fired
};

// Distinct senders per (round, value): one bit per agent in rows of n bits.
class SenderSets {
 public:
  void configure(int n, int rows);
  void clear();
  // True when `sender` was not in the set for (round, value) before.
  bool add(int round, Vote value, int sender);
  std::uint32_t count(int round, Vote value) const;

 private:
  std::size_t row(int round, Vote value) const {
    return static_cast<std::size_t>(round) * 3 + static_cast<std::size_t>(index_of(value));
  }
  std::size_t words_per_row_ = 1;
  int rows_used_ = 0;  // rounds touched this trial
  std::vector<std::uint64_t> bits_;
  std::vector<std::uint32_t> counts_;
};

class Book {
 public:
  // Once per point: n agents, rounds 0..rounds-1.
  void prepare(int n, int rounds);
  // Per trial: clears what the previous trial used.
  void reset();

  RoundCounts& at(int agent, int round) {
    if (round >= rounds_used_) rounds_used_ = round + 1;
    return counts_[static_cast<std::size_t>(round) * static_cast<std::size_t>(n_) +
                   static_cast<std::size_t>(agent)];
  }
  // The highest round `receiver` has heard `sender` in; a message of a higher round counts the
  // sender once in that round (RoundCounts::senders) and returns true.
  bool heard_in(int receiver, int sender, int round);

  // Votes held by each agent (VOTE messages received, its own included).
  void hold_vote(int agent, Vote value) {
    ++held_[static_cast<std::size_t>(agent) * 2 + index_of(value)];
  }
  int held(int agent, Vote value) const {
    return static_cast<int>(held_[static_cast<std::size_t>(agent) * 2 + index_of(value)]);
  }
  void heard_voter(int agent) { ++voters_[static_cast<std::size_t>(agent)]; }
  int voters(int agent) const { return static_cast<int>(voters_[static_cast<std::size_t>(agent)]); }

  // Who sent PREVOTE / PRECOMMIT for (round, value) to anyone.
  void sent_prevote(int round, Vote value, int sender) { prevotes_.add(round, value, sender); }
  void sent_precommit(int round, Vote value, int sender) { precommits_.add(round, value, sender); }
  std::uint32_t prevote_senders(int round, Vote value) const {
    return prevotes_.count(round, value);
  }
  std::uint32_t precommit_senders(int round, Vote value) const {
    return precommits_.count(round, value);
  }

  // Signed votes: honest agents sign their vote when they send it; Byzantine ones may sign both.
  void sign(int agent, Vote value);
  std::uint32_t signatures(Vote value) const { return signature_count_[index_of(value) & 1]; }

 private:
  int n_ = 0;
  int rounds_ = 0;
  int rounds_used_ = 0;
  std::vector<RoundCounts> counts_;       // round * n + agent
  std::vector<std::int32_t> last_round_;  // receiver * n + sender
  std::vector<std::uint32_t> held_;       // agent * 2 + value index
  std::vector<std::uint32_t> voters_;     // per agent
  SenderSets prevotes_;
  SenderSets precommits_;
  std::vector<std::uint8_t> signed_;  // per agent: bit 0 approve, bit 1 reject
  std::uint32_t signature_count_[2] = {};
};

}  // namespace byzsim::tendermint
