// Recording of one trial's events for `byzsim trace`: protocols describe what happens as
// plain records; a sink collects them. The engine pays one pointer test when not tracing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.hpp"

namespace byzsim {

struct TraceRecord {
  SimTime at = 0;
  std::string kind;  // "send", "lost", "deliver", "vote", "decide", "commit", "round", ...
  int from = -1;     // agent index, or -1 for none; the coordinator is agent n
  int to = -1;
  std::string detail;  // human-readable rest: message type, vote, counts
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(TraceRecord record) = 0;
};

// Keeps every record, up to a cap so that a huge trial cannot exhaust memory.
class TraceBuffer final : public TraceSink {
 public:
  explicit TraceBuffer(std::size_t max_records = 1'000'000) : max_records_(max_records) {}
  void record(TraceRecord record) override {
    if (records_.size() < max_records_)
      records_.push_back(std::move(record));
    else
      truncated_ = true;
  }
  const std::vector<TraceRecord>& records() const { return records_; }
  bool truncated() const { return truncated_; }

 private:
  std::size_t max_records_;
  std::vector<TraceRecord> records_;
  bool truncated_ = false;
};

}  // namespace byzsim
