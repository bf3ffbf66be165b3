// Recording of one trial's events for `byzsim trace`: protocols describe what happens as
// plain records; a sink collects them. The engine pays one pointer test when not tracing.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/time.hpp"

namespace byzsim {

// One event. The first five fields are all a protocol must give; the message fields let every
// format (arrows, flows, tallies) work for any protocol without knowing it: a "send" (or "lost")
// and the "deliver" of the same message share from, to, message, value, round, and the
// delivery happens at the send's arrive_at.
struct TraceRecord {
  TraceRecord() = default;
  // The protocol's five fields; a constructor, so the message fields can be left out silently.
  TraceRecord(SimTime at_ns, std::string kind_name, int from_id, int to_id, std::string text = {})
      : at(at_ns), kind(std::move(kind_name)), from(from_id), to(to_id), detail(std::move(text)) {}

  SimTime at = 0;
  std::string kind;  // "send", "lost", "deliver", "decide", "commit", "crash", "round", ...
  int from = -1;     // agent index, or -1 for none; the coordinator is agent n
  int to = -1;
  std::string detail;      // human-readable rest: counts, reasons (formats print it as is)
  std::string message;     // send/lost/deliver: the message kind ("PROPOSAL", "VOTE", "PREPARE")
  std::string value;       // what the message or decision carries ("APPROVE", "REJECT"), or ""
  int round = -1;          // the round (or view) it belongs to, -1 when the protocol has none
  SimTime arrive_at = -1;  // send: when the network delivers it; -1 otherwise
  // What the sender's strategy did to this message (docs/adversary.md), empty when nothing:
  // e.g. "mutated: value flipped", "dropped (drop-phase)"; `original` is the value and
  // `original_round` the round (-1: unchanged) the protocol wrote before it.
  std::string adversary;
  std::string original;
  int original_round = -1;
};

// Records kept per trace unless the caller asks for another bound (`byzsim trace --max-events`).
inline constexpr std::size_t kTraceRecordCap = 1'000'000;

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(TraceRecord record) = 0;
};

// Keeps every record, up to a cap so that a huge trial cannot exhaust memory.
class TraceBuffer final : public TraceSink {
 public:
  explicit TraceBuffer(std::size_t max_records = kTraceRecordCap) : max_records_(max_records) {}
  void record(TraceRecord record) override {
    if (records_.size() < max_records_)
      records_.push_back(std::move(record));
    else
      ++dropped_;
  }
  const std::vector<TraceRecord>& records() const { return records_; }
  bool truncated() const { return dropped_ > 0; }
  std::uint64_t dropped() const { return dropped_; }  // records beyond the cap

 private:
  std::size_t max_records_;
  std::vector<TraceRecord> records_;
  std::uint64_t dropped_ = 0;
};

}  // namespace byzsim
