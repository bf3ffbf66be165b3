// The output formats of `byzsim trace` (text, json, jsonl, chrome, mermaid, summary): each
// writes one or more replayed trials to a stream, from generic records only, so a new protocol
// needs nothing here. Used by cli/cmd_trace and the trace tests.
#pragma once

#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"
#include "sim/trace/trace_run.hpp"

namespace byzsim {

struct TraceView {
  const TraceRun* run = nullptr;
  const std::vector<TraceRecord>* records = nullptr;
};

using TraceWriter = void (*)(std::span<const TraceView> trials, std::ostream& out);

struct TraceFormatSpec {
  std::string_view name;
  std::string_view what;  // one line for --help and the reference
  TraceWriter write = nullptr;
};

// Every format, in the order --help lists them.
std::span<const TraceFormatSpec> trace_formats();
// The named format, or null.
const TraceFormatSpec* find_trace_format(std::string_view name);

void write_trace_text(std::span<const TraceView> trials, std::ostream& out);
void write_trace_json(std::span<const TraceView> trials, std::ostream& out);
void write_trace_jsonl(std::span<const TraceView> trials, std::ostream& out);
void write_trace_chrome(std::span<const TraceView> trials, std::ostream& out);
void write_trace_mermaid(std::span<const TraceView> trials, std::ostream& out);
void write_trace_summary(std::span<const TraceView> trials, std::ostream& out);

}  // namespace byzsim
