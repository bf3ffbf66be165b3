// hotstuff::Book: the block tree and the leaders' ledgers of one trial (hotstuff_book.hpp).
#include "sim/protocols/hotstuff/hotstuff_book.hpp"

namespace byzsim::hotstuff {

void Book::prepare(int n, int slots) {
  n_ = n;
  slots_ = slots;
  views_ = 0;
  views_used_ = 0;
  blocks_.clear();
  twin_received_.clear();
  sent_.configure(n);
  for (int s = 0; s < 2; ++s) {
    ledgers_[s].clear();
    received_[s].configure(n);
    voters_[s].configure(n);
  }
  signed_.assign(static_cast<std::size_t>(n), 0);
  records_.clear();
}

void Book::reset() {
  const auto used = static_cast<std::size_t>(views_used_);
  std::fill(blocks_.begin(), blocks_.begin() + static_cast<std::ptrdiff_t>(used * 2), Block{});
  sent_.clear(used * 2);
  for (int s = 0; s < slots_; ++s) {
    std::fill(ledgers_[s].begin(), ledgers_[s].begin() + static_cast<std::ptrdiff_t>(used),
              Ledger{});
    received_[s].clear(used * 2);
    voters_[s].clear(used * 4);
  }
  if (slots_ > 1)
    std::fill(twin_received_.begin(),
              twin_received_.begin() + static_cast<std::ptrdiff_t>(used * 2), 0);
  views_used_ = 0;
  std::fill(signed_.begin(), signed_.end(), 0);
  signature_count_[0] = signature_count_[1] = 0;
  records_.clear();
}

void Book::touch(int view) {
  if (view < views_used_) return;
  views_used_ = view + 1;
  if (view < views_) return;
  views_ = std::max(view + 1, 2 * views_);
  const auto views = static_cast<std::size_t>(views_);
  blocks_.resize(views * 2);
  sent_.ensure(views * 2);
  for (int s = 0; s < slots_; ++s) {
    ledgers_[s].resize(views);
    received_[s].ensure(views * 2);
    voters_[s].ensure(views * 4);
  }
  if (slots_ > 1) twin_received_.resize(views * 2);
}

bool Book::sent_block_vote(int view, Vote value, int sender) {
  Block& b = block(view, value);
  const auto row = static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value));
  if (!sent_.test_set(row, sender)) return false;
  ++b.signers;
  return true;
}

bool Book::received_block_vote(int view, Vote value, int sender, int slot) {
  Block& b = block(view, value);
  const auto row = static_cast<std::size_t>(view) * 2 + static_cast<std::size_t>(index_of(value));
  if (!received_[slot].test_set(row, sender)) return false;
  ++(slot == 0 ? b.received : twin_received_[row]);
  return true;
}

bool Book::add_vote(int view, int slot, int sender, Vote value) {
  if (value == Vote::none) return false;
  Ledger& l = ledger(view, slot);
  Bits& voters = voters_[slot];
  const std::size_t row = static_cast<std::size_t>(view) * 4;
  if (voters.test_set(row + 2, sender)) ++l.voters;
  if (!voters.test_set(row + static_cast<std::size_t>(index_of(value)), sender)) return false;
  ++l.votes[index_of(value)];
  return true;
}

bool Book::add_new_view(int view, int slot, const NewViewRecord& record) {
  Ledger& l = ledger(view, slot);
  if (!voters_[slot].test_set(static_cast<std::size_t>(view) * 4 + 3, record.sender)) return false;
  ++l.new_views;
  if (record.qc_view > l.best_qc) {
    l.best_qc = record.qc_view;
    l.best_value = record.qc_value;
  }
  add_vote(view, slot, record.sender, record.vote);
  return true;
}

void Book::sign(int agent, Vote value) {
  std::uint8_t& bits = signed_[static_cast<std::size_t>(agent)];
  const std::uint8_t bit = value == Vote::approve ? 1 : 2;
  if (bits & bit) return;
  bits |= bit;
  ++signature_count_[value == Vote::reject];
}

bool Book::extends(int view, Vote value, int ancestor_view, Vote ancestor_value) const {
  if (ancestor_view == kGenesis) return true;
  if (value != ancestor_value) return false;
  while (view > ancestor_view) {
    const Block* b = find(view, value);
    if (b == nullptr || b->justify >= view) return false;  // parents are older, always
    view = b->justify;
  }
  return view == ancestor_view;
}

int Book::best_certified(Vote value, int before) const {
  for (int view = std::min(before, views_used_) - 1; view >= 0; --view) {
    const Block* b = find(view, value);
    if (b != nullptr && b->certified) return view;
  }
  return kGenesis;
}

bool Book::quorum_chain(int view, Vote value, int quorum) const {
  const Block* b = find(view, value);
  const Block* b1 = find(view + 1, value);
  const Block* b2 = find(view + 2, value);
  auto voted = [&](const Block* x) { return static_cast<int>(x->signers) >= quorum; };
  return b && b1 && b2 && b1->justify == view && b2->justify == view + 1 && voted(b) && voted(b1) &&
         voted(b2);
}

bool Book::commit_certificate(Vote value, int quorum) const {
  for (int view = 0; view + 2 < views_used_; ++view)
    if (quorum_chain(view, value, quorum)) return true;
  return false;
}

}  // namespace byzsim::hotstuff
