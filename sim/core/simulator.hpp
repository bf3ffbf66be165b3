// The clock and event loop of one trial: schedules events, pops them in (time, insertion)
// order and hands them to a handler, within a time and an event limit. One per worker.
#pragma once

#include <cassert>
#include <cstdint>

#include "sim/core/event_queue.hpp"
#include "sim/core/time.hpp"

namespace byzsim {

enum class StopReason : std::uint8_t { drained, time_limit, event_limit };

class Simulator {
 public:
  // Starts a new trial at t = 0 with an empty queue; keeps the queue's storage.
  void reset(SimTime time_limit_ns, std::uint64_t event_limit) {
    queue_.clear();
    now_ = 0;
    events_processed_ = 0;
    // kTimeNever stays "never" (see time.hpp): saturated events are not processed.
    time_limit_ns_ = time_limit_ns < kTimeNever ? time_limit_ns : kTimeNever - 1;
    event_limit_ = event_limit;
  }

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return events_processed_; }
  void reserve(std::size_t events) { queue_.reserve(events); }

  void schedule_at(SimTime at, std::uint32_t target, std::uint16_t kind, std::uint16_t round,
                   std::uint32_t payload) {
    assert(at >= now_ && "events are never scheduled in the past");
    queue_.push(Event{at, 0, target, kind, round, payload});
  }

  // Pops events in order and calls handler.on_event(event) until the queue is empty or a
  // limit is reached. An event later than the time limit is not processed.
  template <class Handler>
  StopReason run(Handler& handler) {
    while (!queue_.empty()) {
      if (queue_.top().at > time_limit_ns_) return StopReason::time_limit;
      if (events_processed_ >= event_limit_) return StopReason::event_limit;
      const Event event = queue_.pop();
      now_ = event.at;
      ++events_processed_;
      handler.on_event(event);
    }
    return StopReason::drained;
  }

 private:
  EventQueue queue_;
  SimTime now_ = 0;
  std::uint64_t events_processed_ = 0;
  SimTime time_limit_ns_ = kTimeNever;
  std::uint64_t event_limit_ = UINT64_MAX;
};

}  // namespace byzsim
