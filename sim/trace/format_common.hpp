// Pieces every trace format shares: JSON string escaping, times, one-line descriptions of a
// record, party labels, and the matching of each delivery to its send. Used by trace/format_*.cpp.
#pragma once

#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "sim/trace/trace_run.hpp"

namespace byzsim::trace_format {

std::string json_string(const std::string& text);  // quoted and escaped
std::string seconds(SimTime t);                    // "12.345678901" (fixed, 9 decimals)
std::string json_seconds(SimTime t);               // shortest exact-enough JSON number

// "VOTE APPROVE (round 1) late: ignored": message, value, round, detail, whichever are set.
std::string describe(const TraceRecord& r, const TraceRun& run);
// "agent 5 (malicious oppose-truth, corrupted)", "coordinator".
std::string long_label(const TraceParty& party);

// For each record, the index of its partner: a deliver's send and a send's deliver (-1 when
// none: lost, still in flight when the trial ended, or a protocol that records no deliveries).
std::vector<int> match_messages(const std::vector<TraceRecord>& records);

bool is_send(const TraceRecord& r);     // kind "send" with a message
bool is_deliver(const TraceRecord& r);  // kind "deliver" with a message
bool is_lost(const TraceRecord& r);     // kind "lost"

// The notice printed when records beyond the cap were left out ("" when none were).
std::string truncation_notice(const TraceRun& run);

}  // namespace byzsim::trace_format
