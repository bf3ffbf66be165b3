// pbft's per-trial bookkeeping: per-agent counters of the views near its own, per-view leader
// ledgers with voter bitsets, global bitsets of who sent PREPARE/COMMIT, signatures and
// view-change records. Grown on demand, reset per trial: no allocation in steady state.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/protocols/pbft/pbft_config.hpp"

namespace byzsim::pbft {

// Rows of n bits each, grown on demand; clear() zeroes only the rows a trial used.
class BitRows {
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

// What one agent has received for one view; kSlots views per agent, tagged by view.
struct SlotCounts {
  std::int32_t view = -1;
  std::uint32_t prepares[2] = {};
  std::uint32_t commits[2] = {};
  std::uint32_t view_changes = 0;  // VIEW-CHANGEs for this view (the f+1 join rule)
};
inline constexpr int kSlots = 8;  // a power of two

// What the leader of one view has collected.
struct ViewLedger {
  std::uint32_t votes[2] = {};  // distinct signers per value (an equivocator counts in both)
  std::uint32_t voters = 0;     // distinct agents whose vote arrived
  std::uint32_t view_changes = 0;
  std::int32_t max_prepared_view = -1;  // highest prepared certificate among the VIEW-CHANGEs
  Vote max_prepared_value = Vote::none;
  bool entered = false;  // the leader is in this view
  bool window_closed = false;
  bool proposed = false;  // proposed, or gave up for this view
};

// One VIEW-CHANGE as sent (a snapshot: the sender's state may move on before delivery).
struct ViewChangeRecord {
  std::int32_t sender = 0;
  std::uint16_t view = 0;
  std::int16_t prepared_view = -1;
  Vote prepared_value = Vote::none;
  Vote vote = Vote::none;  // the sender's signed vote, when it has one
  bool at_leader = false;  // delivered to the view's leader
};

class Book {
 public:
  // Once per point.
  void prepare(int n);
  // Per trial: clears what the previous trial used.
  void reset();

  // The counters `agent` (now in `current`) keeps for `view`; nullptr when the view is too old
  // or more than kSlots - 1 views ahead (the message is then ignored).
  SlotCounts* slot(int agent, int view, int current);

  ViewLedger& ledger(int view) {
    touch(view);
    return ledgers_[static_cast<std::size_t>(view)];
  }
  // A vote for the leader of `view`; true when it counted (a new signer for that value).
  bool add_vote(int view, int sender, Vote value);
  void add_view_change(const ViewChangeRecord& record);

  // Who sent PREPARE / COMMIT for (view, value) to anyone: for the checker and certificates.
  void sent_prepare(int view, Vote value, int sender) { mark(prepare_, view, value, sender); }
  void sent_commit(int view, Vote value, int sender) { mark(commit_, view, value, sender); }
  std::uint32_t commit_senders(int view, Vote value) const { return count(commit_, view, value); }

  // Signed votes: honest agents sign their vote when they send it; Byzantine ones sign both.
  void sign(int agent, Vote value);
  std::uint32_t signatures(Vote value) const { return signature_count_[value == Vote::reject]; }

  std::uint32_t push(const ViewChangeRecord& record) {
    records_.push_back(record);
    return static_cast<std::uint32_t>(records_.size() - 1);
  }
  ViewChangeRecord& record(std::uint32_t index) { return records_[index]; }
  const std::vector<ViewChangeRecord>& records() const { return records_; }

 private:
  struct Senders {
    BitRows bits;                       // row view * 2 + value index
    std::vector<std::uint32_t> counts;  // same index
  };
  void touch(int view);
  void mark(Senders& s, int view, Vote value, int sender);
  std::uint32_t count(const Senders& s, int view, Vote value) const;

  int n_ = 0;
  int views_ = 0;                  // views allocated
  int views_used_ = 0;             // views touched this trial
  std::vector<SlotCounts> slots_;  // n * kSlots
  std::vector<ViewLedger> ledgers_;
  BitRows voters_;  // row view * 3 + {approve, reject, any}
  Senders prepare_;
  Senders commit_;
  std::vector<std::uint8_t> signed_;  // per agent: bit 0 approve, bit 1 reject
  std::uint32_t signature_count_[2] = {};
  std::vector<ViewChangeRecord> records_;
};

}  // namespace byzsim::pbft
