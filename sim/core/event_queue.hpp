// The pending events of one trial: a 4-ary min-heap ordered by (time, insertion order), so
// events at equal times pop first-in first-out. Owned by a Simulator; not thread-safe.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/core/time.hpp"

namespace byzsim {

// Small and trivially copyable: no heap allocation per event. Meaning of kind, round and
// payload belongs to the protocol that scheduled it.
struct Event {
  SimTime at = 0;
  std::uint64_t seq = 0;  // insertion order; breaks ties in `at`
  std::uint32_t target = 0;
  std::uint16_t kind = 0;
  std::uint16_t round = 0;
  std::uint32_t payload = 0;
};

class EventQueue {
 public:
  // Keeps the storage: a reused queue allocates nothing in steady state.
  void clear() {
    heap_.clear();
    next_seq_ = 0;
  }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

  void push(Event event) {
    event.seq = next_seq_++;
    std::size_t hole = heap_.size();
    heap_.push_back(event);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / kArity;
      if (!before(event, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = event;
  }

  const Event& top() const {
    assert(!heap_.empty());
    return heap_.front();
  }

  Event pop() {
    assert(!heap_.empty());
    const Event result = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t size = heap_.size();
    if (size == 0) return result;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first_child = hole * kArity + 1;
      if (first_child >= size) break;
      const std::size_t end_child = first_child + kArity < size ? first_child + kArity : size;
      std::size_t best = first_child;
      for (std::size_t c = first_child + 1; c < end_child; ++c)
        if (before(heap_[c], heap_[best])) best = c;
      if (!before(heap_[best], last)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = last;
    return result;
  }

 private:
  static constexpr std::size_t kArity = 4;
  static bool before(const Event& a, const Event& b) {
    return a.at < b.at || (a.at == b.at && a.seq < b.seq);
  }

  std::vector<Event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace byzsim
