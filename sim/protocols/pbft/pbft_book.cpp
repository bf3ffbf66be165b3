// pbft::Book: the counters, ledgers and bitsets of one trial.
#include "sim/protocols/pbft/pbft_book.hpp"

#include <algorithm>

namespace byzsim::pbft {

void Book::prepare(int n) {
  n_ = n;
  views_ = 0;
  views_used_ = 0;
  slots_.assign(static_cast<std::size_t>(n) * kSlots, SlotCounts{});
  ledgers_.clear();
  voters_.configure(n);
  prepare_.bits.configure(n);
  commit_.bits.configure(n);
  prepare_.counts.clear();
  commit_.counts.clear();
  signed_.assign(static_cast<std::size_t>(n), 0);
  records_.reserve(static_cast<std::size_t>(n) * 2);
}

void Book::reset() {
  const auto used = static_cast<std::size_t>(views_used_);
  voters_.clear(used * 3);
  prepare_.bits.clear(used * 2);
  commit_.bits.clear(used * 2);
  std::fill(prepare_.counts.begin(),
            prepare_.counts.begin() + static_cast<std::ptrdiff_t>(used * 2), 0);
  std::fill(commit_.counts.begin(), commit_.counts.begin() + static_cast<std::ptrdiff_t>(used * 2),
            0);
  std::fill(ledgers_.begin(), ledgers_.begin() + static_cast<std::ptrdiff_t>(used), ViewLedger{});
  views_used_ = 0;
  std::fill(slots_.begin(), slots_.end(), SlotCounts{});
  std::fill(signed_.begin(), signed_.end(), 0);
  signature_count_[0] = signature_count_[1] = 0;
  records_.clear();
}

void Book::touch(int view) {
  if (view < views_used_) return;
  views_used_ = view + 1;
  if (view < views_) return;
  // Grow geometrically so that a long trial allocates O(log views) times, then never again.
  views_ = std::max(view + 1, 2 * views_);
  const auto views = static_cast<std::size_t>(views_);
  ledgers_.resize(views);
  voters_.ensure(views * 3);
  prepare_.bits.ensure(views * 2);
  commit_.bits.ensure(views * 2);
  prepare_.counts.resize(views * 2, 0);
  commit_.counts.resize(views * 2, 0);
}

SlotCounts* Book::slot(int agent, int view, int current) {
  if (view > current + kSlots - 1) return nullptr;
  SlotCounts& s = slots_[static_cast<std::size_t>(agent) * kSlots +
                         static_cast<std::size_t>(view & (kSlots - 1))];
  if (s.view == view) return &s;
  if (s.view > view) return nullptr;
  s = SlotCounts{};
  s.view = view;
  return &s;
}

bool Book::add_vote(int view, int sender, Vote value) {
  if (value == Vote::none) return false;
  ViewLedger& l = ledger(view);
  const auto row = static_cast<std::size_t>(view) * 3;
  const int i = index_of(value);
  const bool fresh = voters_.test_set(row + static_cast<std::size_t>(i), sender);
  if (fresh) ++l.votes[i];
  if (voters_.test_set(row + 2, sender)) ++l.voters;
  return fresh;
}

void Book::add_view_change(const ViewChangeRecord& record) {
  ViewLedger& l = ledger(record.view);
  ++l.view_changes;
  if (record.prepared_view > l.max_prepared_view) {
    l.max_prepared_view = record.prepared_view;
    l.max_prepared_value = record.prepared_value;
  }
  add_vote(record.view, record.sender, record.vote);
}

void Book::mark(Senders& s, int view, Vote value, int sender) {
  touch(view);
  const auto row = static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value));
  if (s.bits.test_set(row, sender)) ++s.counts[row];
}

std::uint32_t Book::count(const Senders& s, int view, Vote value) const {
  if (view >= views_used_) return 0;
  return s.counts[static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value))];
}

void Book::sign(int agent, Vote value) {
  if (value == Vote::none) return;
  const int i = index_of(value);
  std::uint8_t& mask = signed_[static_cast<std::size_t>(agent)];
  if (mask & (1u << i)) return;
  mask = static_cast<std::uint8_t>(mask | (1u << i));
  ++signature_count_[i];
}

}  // namespace byzsim::pbft
