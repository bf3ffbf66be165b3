// tendermint::Book: the counters and sender sets of one trial.
#include "sim/protocols/tendermint/tm_book.hpp"

#include <algorithm>

namespace byzsim::tendermint {

void SenderSets::configure(int n, int rows) {
  words_per_row_ = (static_cast<std::size_t>(n) + 63) / 64;
  bits_.assign(static_cast<std::size_t>(rows) * 3 * words_per_row_, 0);
  counts_.assign(static_cast<std::size_t>(rows) * 3, 0);
  rows_used_ = 0;
}

void SenderSets::clear() {
  const auto rows = static_cast<std::size_t>(rows_used_) * 3;
  std::fill(bits_.begin(), bits_.begin() + static_cast<std::ptrdiff_t>(rows * words_per_row_), 0);
  std::fill(counts_.begin(), counts_.begin() + static_cast<std::ptrdiff_t>(rows), 0);
  rows_used_ = 0;
}

bool SenderSets::add(int round, Vote value, int sender) {
  const std::size_t r = row(round, value);
  if (r >= counts_.size()) return false;  // beyond the last round: nobody counts it
  if (round >= rows_used_) rows_used_ = round + 1;
  std::uint64_t& word = bits_[r * words_per_row_ + static_cast<std::size_t>(sender) / 64];
  const std::uint64_t mask = 1ULL << (static_cast<unsigned>(sender) % 64);
  if (word & mask) return false;
  word |= mask;
  ++counts_[r];
  return true;
}

std::uint32_t SenderSets::count(int round, Vote value) const {
  const std::size_t r = row(round, value);
  return r < counts_.size() ? counts_[r] : 0;
}

void Book::prepare(int n, int rounds) {
  n_ = n;
  rounds_ = rounds;
  counts_.assign(static_cast<std::size_t>(n) * static_cast<std::size_t>(rounds), RoundCounts{});
  last_round_.assign(static_cast<std::size_t>(n) * static_cast<std::size_t>(n), -1);
  held_.assign(static_cast<std::size_t>(n) * 2, 0);
  voters_.assign(static_cast<std::size_t>(n), 0);
  prevotes_.configure(n, rounds);
  precommits_.configure(n, rounds);
  signed_.assign(static_cast<std::size_t>(n), 0);
  rounds_used_ = rounds;  // the first reset clears everything
}

void Book::reset() {
  std::fill(counts_.begin(),
            counts_.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(rounds_used_) *
                                                          static_cast<std::size_t>(n_)),
            RoundCounts{});
  rounds_used_ = 0;
  std::fill(last_round_.begin(), last_round_.end(), -1);
  std::fill(held_.begin(), held_.end(), 0);
  std::fill(voters_.begin(), voters_.end(), 0);
  prevotes_.clear();
  precommits_.clear();
  std::fill(signed_.begin(), signed_.end(), 0);
  signature_count_[0] = signature_count_[1] = 0;
}

bool Book::heard_in(int receiver, int sender, int round) {
  std::int32_t& last =
      last_round_[static_cast<std::size_t>(receiver) * static_cast<std::size_t>(n_) +
                  static_cast<std::size_t>(sender)];
  if (round <= last) return false;
  last = round;
  ++at(receiver, round).senders;
  return true;
}

void Book::sign(int agent, Vote value) {
  if (value == Vote::none) return;
  const int i = index_of(value);
  std::uint8_t& mask = signed_[static_cast<std::size_t>(agent)];
  if (mask & (1u << i)) return;
  mask = static_cast<std::uint8_t>(mask | (1u << i));
  ++signature_count_[i];
}

}  // namespace byzsim::tendermint
