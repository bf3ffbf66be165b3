// The output formats of `byzsim trace` (text, json, jsonl, chrome, mermaid, summary): each
// writes one or more replayed trials to a stream, from generic records only, so a new protocol
// needs nothing here. Used by cli/cmd_trace and the trace tests.
#pragma once

#include <cstddef>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"
#include "sim/trace/trace_run.hpp"

namespace byzsim {

// One trial to write, and its place among the trials of one output (index 0..count-1): writers
// open a document at the first and close it at the last, so trials are written one at a time
// and never all held in memory.
struct TraceView {
  const TraceRun* run = nullptr;
  const std::vector<TraceRecord>* records = nullptr;
  std::size_t index = 0;
  std::size_t count = 1;
  bool first() const { return index == 0; }
  bool last() const { return index + 1 == count; }
};

using TraceWriter = void (*)(const TraceView& trial, std::ostream& out);

struct TraceFormatSpec {
  std::string_view name;
  std::string_view what;  // one line for --help and the reference
  TraceWriter write = nullptr;
};

// Every format, in the order --help lists them.
std::span<const TraceFormatSpec> trace_formats();
// The named format, or null.
const TraceFormatSpec* find_trace_format(std::string_view name);

void write_trace_text(const TraceView& trial, std::ostream& out);
void write_trace_json(const TraceView& trial, std::ostream& out);
void write_trace_jsonl(const TraceView& trial, std::ostream& out);
void write_trace_chrome(const TraceView& trial, std::ostream& out);
void write_trace_mermaid(const TraceView& trial, std::ostream& out);
void write_trace_summary(const TraceView& trial, std::ostream& out);

}  // namespace byzsim
