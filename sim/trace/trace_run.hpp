// What the trace formats know of one replayed trial besides its records: the parties (agents with
// role, strategy and corruption, plus a coordinator when the protocol has one), the design, the
// result. Built by run/trace_replay from the scenario; read by every format in trace/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.hpp"

namespace byzsim {

struct TraceParty {
  std::string label;         // "agent 3" or "coordinator"
  std::string role;          // "honest", "malicious", "faulty", or "coordinator"
  std::string strategy;      // contract name ("judge", "oppose-truth", ...), "" for the coordinator
  bool corrupted = false;    // an honest agent replaced by the corruption block this trial
  SimTime crash_at_ns = -1;  // when it stops (crash strategy), -1 never
};

struct TraceRun {
  std::string scenario;
  std::string protocol;
  std::uint64_t point = 0;
  std::uint64_t trial = 0;
  std::uint64_t seed = 0;
  int n = 0;
  std::vector<TraceParty> parties;  // index = the records' from/to ids (agents 0..n-1, then n)
  bool truth_good = true;
  // The protocol's thresholds; 0 when its rule has none (majority decides by simple majority).
  int approve_quorum = 0;
  int reject_quorum = 0;
  std::string round_name = "round";  // what TraceRecord::round counts ("round", "view")
  // The trial's result, as `run` counted it.
  std::string outcome;  // "correct", "wrong", "no_consensus", "disagreement"
  int rounds = 0;
  std::uint32_t messages = 0;
  SimTime latency_ns = -1;            // proposal to decision, -1 when undecided
  std::uint64_t dropped_records = 0;  // records beyond the cap (the trace is truncated)
  std::size_t record_cap = 0;

  const char* correct_value() const { return truth_good ? "APPROVE" : "REJECT"; }
  const char* wrong_value() const { return truth_good ? "REJECT" : "APPROVE"; }
  // "agent 3", "coordinator", or "" for -1 (records' ids may name any party).
  std::string who(int id) const {
    if (id < 0) return "";
    if (static_cast<std::size_t>(id) < parties.size())
      return parties[static_cast<std::size_t>(id)].label;
    return "party " + std::to_string(id);
  }
};

}  // namespace byzsim
