// SeenSet: which (receiver, sender, round, kind, value) messages a protocol has already counted,
// so that a Byzantine sender's duplicate (a mutated round, a second copy) counts once, as real
// protocols count each signer once. Open addressing over a reused table: no allocation in
// steady state; cleared per trial. Only messages from adversarial senders are looked up.
#pragma once

#include <cstdint>
#include <vector>

namespace byzsim {

class SeenSet {
 public:
  static std::uint64_t key(int receiver, int sender, int round, int kind, int value) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(receiver)) << 42) ^
           (static_cast<std::uint64_t>(static_cast<std::uint32_t>(sender)) << 21) ^
           (static_cast<std::uint64_t>(static_cast<std::uint16_t>(round)) << 5) ^
           (static_cast<std::uint64_t>(kind & 7) << 2) ^ static_cast<std::uint64_t>(value & 3);
  }

  void clear() {
    for (std::uint64_t slot : used_) table_[slot] = kEmpty;
    used_.clear();
  }

  // True when `k` was not in the set (it is now).
  bool insert(std::uint64_t k) {
    if ((used_.size() + 1) * 2 > table_.size()) grow();
    return place(k);
  }

 private:
  static constexpr std::uint64_t kEmpty = ~0ULL;

  bool place(std::uint64_t k) {
    const std::size_t mask = table_.size() - 1;
    std::size_t i = static_cast<std::size_t>((k * 0x9e3779b97f4a7c15ULL) >> 20) & mask;
    while (table_[i] != kEmpty) {
      if (table_[i] == k) return false;
      i = (i + 1) & mask;
    }
    table_[i] = k;
    used_.push_back(i);
    return true;
  }

  void grow() {
    std::vector<std::uint64_t> keys;
    keys.reserve(used_.size());
    for (std::uint64_t slot : used_) keys.push_back(table_[slot]);
    table_.assign(table_.empty() ? 1024 : table_.size() * 2, kEmpty);
    used_.clear();
    for (std::uint64_t k : keys) place(k);
  }

  std::vector<std::uint64_t> table_;
  std::vector<std::uint64_t> used_;  // occupied slots, for clear()
};

}  // namespace byzsim
