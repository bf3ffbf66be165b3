// The table of trace formats: adding one is a writer and a row here.
#include "sim/trace/trace_formats.hpp"

#include <array>

namespace byzsim {

std::span<const TraceFormatSpec> trace_formats() {
  static constexpr std::array<TraceFormatSpec, 6> kFormats{{
      {"text", "one line per event, with a header of who is who and the outcome", write_trace_text},
      {"json", "one JSON document per trial: result fields and an events array", write_trace_json},
      {"jsonl",
       "JSON lines: a header line (every party's role, strategy, corruption), one "
       "line per event, an end line with the outcome",
       write_trace_jsonl},
      {"chrome",
       "Trace Event Format for Perfetto / chrome://tracing: a track per agent, "
       "flow arrows from send to delivery",
       write_trace_chrome},
      {"mermaid", "a Mermaid sequenceDiagram (several trials: Markdown with one block each)",
       write_trace_mermaid},
      {"summary",
       "a few lines: who voted what, the tally against the quorums, the decision "
       "and why",
       write_trace_summary},
  }};
  return kFormats;
}

const TraceFormatSpec* find_trace_format(std::string_view name) {
  for (const TraceFormatSpec& f : trace_formats())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace byzsim
