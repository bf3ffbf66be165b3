// The pending events of one trial, popped in (time, insertion) order, so events at equal
// times pop first-in first-out. Owned by a Simulator; not thread-safe.
//
// A radix heap: time never goes back (an event is never pushed earlier than the last one
// popped), so each pending event sits in the bucket of the highest bit where its time differs
// from the last popped time, and only the lowest non-empty bucket is ever sorted out. Pushing
// appends to a bucket; an event moves down a few buckets in its life. With a thousand
// pending events a binary or 4-ary heap spends most of a trial sifting (log n moves of 32
// bytes per pop, and a mispredicted comparison at each); this does not grow with n.
// Events of equal time are always in the same bucket and keep their push order there, so
// the order is exactly the heap's (time, insertion): the random draws of a trial do not move.
#pragma once

#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/core/time.hpp"

namespace byzsim {

// Small and trivially copyable: no heap allocation per event. Meaning of kind, round and
// payload belongs to the protocol that scheduled it.
struct Event {
  SimTime at = 0;
  // Insertion order (mod 2^32), for tests and debugging: the queue's order does not read it,
  // so the event stays 24 bytes (a pbft trial at n = 1000 queues 2 million of them).
  std::uint32_t seq = 0;
  std::uint32_t target = 0;
  std::uint16_t kind = 0;
  std::uint16_t round = 0;
  std::uint32_t payload = 0;
};

static_assert(sizeof(Event) == 24);

class EventQueue {
 public:
  // Keeps the storage: a reused queue allocates nothing in steady state.
  void clear() {
    buckets_[0].clear();
    for (std::uint64_t m = used_; m != 0; m &= m - 1) buckets_[std::countr_zero(m)].clear();
    used_ = 0;
    head_ = 0;
    last_ = 0;
    size_ = 0;
    next_seq_ = 0;
  }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // The events due at one time are what bucket 0 holds at once.
  void reserve(std::size_t n) { buckets_[0].reserve(n); }

  // `event.at` must not be before the last popped event's time (nor negative).
  void push(Event event) {
    assert(event.at >= last_ && "events are never pushed before the last popped one");
    event.seq = next_seq_++;
    place(event);
    ++size_;
  }

  const Event& top() {
    assert(size_ > 0);
    if (head_ == buckets_[0].size()) refill();
    return buckets_[0][head_];
  }

  Event pop() {
    const Event result = top();
    ++head_;
    --size_;
    return result;
  }

 private:
  // 0: at == last_; b: the highest bit where they differ is b - 1 (times are not negative, so
  // bit 63 never differs).
  static constexpr std::size_t kBuckets = 64;

  void place(const Event& event) {
    const auto diff = static_cast<std::uint64_t>(event.at) ^ static_cast<std::uint64_t>(last_);
    const auto b = static_cast<std::size_t>(64 - std::countl_zero(diff));  // 0 when diff == 0
    buckets_[b].push_back(event);
    used_ |= std::uint64_t{1} << b;
  }

  // Bucket 0 is used up: the lowest non-empty bucket's earliest time becomes last_, and its
  // events move to lower buckets, in their order (those at last_ to bucket 0).
  void refill() {
    buckets_[0].clear();
    head_ = 0;
    used_ &= ~std::uint64_t{1};
    const auto b = static_cast<std::size_t>(std::countr_zero(used_));
    std::vector<Event>& from = buckets_[b];
    used_ &= ~(std::uint64_t{1} << b);
    SimTime earliest = from.front().at;
    for (const Event& e : from) earliest = e.at < earliest ? e.at : earliest;
    last_ = earliest;
    for (const Event& e : from) place(e);
    from.clear();
  }

  std::array<std::vector<Event>, kBuckets> buckets_;
  std::uint64_t used_ = 0;  // bit b: bucket b may hold events (bucket 0: even if all popped)
  std::size_t head_ = 0;    // bucket 0's events before it are popped
  SimTime last_ = 0;        // the time of the last popped event (or of bucket 0's events)
  std::size_t size_ = 0;
  std::uint32_t next_seq_ = 0;
};

}  // namespace byzsim
