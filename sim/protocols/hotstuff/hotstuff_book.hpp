// hotstuff's per-trial bookkeeping: the block tree (at most one block per view and value, each
// with its justify QC), who voted for each block, per-view leader ledgers (review votes and
// NEW-VIEWs), the signed review votes and the NEW-VIEW records. Grown on demand, reset per
// trial: no allocation in steady state.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/protocols/hotstuff/hotstuff_config.hpp"

namespace byzsim::hotstuff {

// Rows of n bits each, grown on demand; clear() zeroes only the rows a trial used.
class Bits {
 public:
  void configure(int bits) {
    words_per_row_ = (static_cast<std::size_t>(bits) + 63) / 64;
    words_.clear();
  }
  void ensure(std::size_t rows) {
    if (words_.size() < rows * words_per_row_) words_.resize(rows * words_per_row_, 0);
  }
  // Sets the bit; true when it was not set before.
  bool test_set(std::size_t row, int bit) {
    std::uint64_t& word = words_[row * words_per_row_ + static_cast<std::size_t>(bit) / 64];
    const std::uint64_t mask = 1ULL << (static_cast<unsigned>(bit) % 64);
    const bool fresh = (word & mask) == 0;
    word |= mask;
    return fresh;
  }
  void clear(std::size_t rows) {
    const std::size_t words = std::min(words_.size(), rows * words_per_row_);
    std::fill(words_.begin(), words_.begin() + static_cast<std::ptrdiff_t>(words), 0);
  }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t words_per_row_ = 1;
};

inline constexpr int kGenesis = -1;  // the justify view of a first block (no QC: the genesis)
inline constexpr int kNoJustify = -2;

// Block (view, value). Every block of a chain carries its first block's value, so a block is
// named by its view and that value; its parent is the block its justify QC certifies. Under a
// schedule with twins (docs/hotstuff.md, "Under a schedule") the next view's leader may be two
// instances: each counts the votes it received in its own slot (0: the agent, 1: its twin,
// whose counts live beside the blocks, so that runs without twins touch what they did).
struct Block {
  bool exists = false;
  bool certified = false;           // some instance of the next view's leader holds a QC
  std::uint8_t qc_slots = 0;        // bit per leader slot: that instance formed the QC
  std::int32_t justify = kGenesis;  // the parent's view, or kGenesis
  std::uint32_t received = 0;       // distinct block votes the next view's leader received
  std::uint32_t signers = 0;        // distinct agents that sent a vote for it to anyone
};

// What one instance of the leader of one view has collected (slot 0: the agent; slot 1: its
// twin under a schedule, which runs the leader's code on its own ledger).
struct Ledger {
  std::uint32_t votes[2] = {};      // distinct review-vote signers per value
  std::uint32_t voters = 0;         // distinct agents whose review vote arrived
  std::uint32_t new_views = 0;      // distinct NEW-VIEW senders
  std::int32_t best_qc = kGenesis;  // the highest QC among them
  Vote best_value = Vote::none;
  bool entered = false;  // the leader is in this view (its window is running)
  bool window_closed = false;
  bool proposed = false;   // proposed, or gave up for this view
  bool wait_over = false;  // new_view_wait has passed: the leader no longer needs the quorum
};

// One NEW-VIEW as sent (a snapshot: the sender's state may move on before delivery).
struct NewViewRecord {
  std::int32_t sender = 0;
  std::int32_t qc_view = kGenesis;  // its highest QC
  Vote qc_value = Vote::none;
  Vote vote = Vote::none;  // its signed review vote, when it has one
};

class Book {
 public:
  // Once per point; `slots`: 2 when a schedule twins agents (a twin leads with its own ledger
  // and counts block votes of its own), else 1.
  void prepare(int n, int slots);
  void reset();  // per trial

  Block& block(int view, Vote value) {
    touch(view);
    return blocks_[static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value))];
  }
  const Block* find(int view, Vote value) const {
    if (view < 0 || view >= views_used_) return nullptr;
    const Block& b =
        blocks_[static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value))];
    return b.exists ? &b : nullptr;
  }
  int views_used() const { return views_used_; }
  int slots() const { return slots_; }
  Ledger& ledger(int view, int slot) {
    touch(view);
    return ledgers_[slot][static_cast<std::size_t>(view)];
  }
  const Ledger* find_ledger(int view, int slot) const {
    return view >= 0 && view < views_used_ ? &ledgers_[slot][static_cast<std::size_t>(view)]
                                           : nullptr;
  }
  // Distinct block votes for (view, value) the instance of the next view's leader in `slot` got.
  std::uint32_t received(int view, Vote value, int slot) const {
    const std::size_t at =
        static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value));
    return slot == 0 ? blocks_[at].received : twin_received_[at];
  }

  // A block vote for (view, value) that left its sender; true when the sender is new.
  bool sent_block_vote(int view, Vote value, int sender);
  // One delivered to the instance of the next view's leader in `slot`; true when the sender is
  // new to it.
  bool received_block_vote(int view, Vote value, int sender, int slot);
  // A review vote for the leader of `view` (its instance in `slot`); true when it counted (a
  // new signer for that value).
  bool add_vote(int view, int slot, int sender, Vote value);
  // A NEW-VIEW delivered to the leader of `view` (its instance in `slot`); true when the sender
  // is new.
  bool add_new_view(int view, int slot, const NewViewRecord& record);

  // Signed review votes: honest agents sign theirs when they send it; Byzantine ones sign both.
  void sign(int agent, Vote value);
  std::uint32_t signatures(Vote value) const { return signature_count_[value == Vote::reject]; }

  std::uint32_t push(const NewViewRecord& record) {
    records_.push_back(record);
    return static_cast<std::uint32_t>(records_.size() - 1);
  }
  const NewViewRecord& record(std::uint32_t index) const { return records_[index]; }

  // Whether `descendant` (a block or kGenesis) extends `ancestor` through justify links.
  bool extends(int view, Vote value, int ancestor_view, Vote ancestor_value) const;
  // The highest certified block of `value` below view `before`, or kGenesis.
  int best_certified(Vote value, int before) const;
  // Blocks (view, value), (view + 1, value) and (view + 2, value) exist, linked by their justify
  // QCs, each voted for by `quorum` distinct agents: the three-chain that commits the first.
  bool quorum_chain(int view, Vote value, int quorum) const;
  // Some such three-chain of `value` exists: a commit certificate (what a DECIDE carries).
  bool commit_certificate(Vote value, int quorum) const;

 private:
  void touch(int view);

  int n_ = 0;
  int slots_ = 1;              // leader instances per view: 2 under a schedule with twins
  int views_ = 0;              // views allocated
  int views_used_ = 0;         // views touched this trial
  std::vector<Block> blocks_;  // view * 2 + value index
  // Per leader slot (the second one sized only under twins):
  std::vector<Ledger> ledgers_[2];            // per view
  std::vector<std::uint32_t> twin_received_;  // slot 1's Block::received, per block
  Bits sent_;                                 // row view * 2 + value index
  Bits received_[2];                          // row view * 2 + value index
  Bits voters_[2];                            // row view * 4 + {approve, reject, any, new-view}
  std::vector<std::uint8_t> signed_;          // per agent: bit 0 approve, bit 1 reject
  std::uint32_t signature_count_[2] = {};
  std::vector<NewViewRecord> records_;
};

}  // namespace byzsim::hotstuff
