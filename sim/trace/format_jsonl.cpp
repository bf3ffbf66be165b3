// `--format jsonl`: per trial a header line (scenario, design, every party's role, strategy and
// corruption), one line per event (time, kind, from, to, message, value, round, detail), and an
// end line with the outcome. Every line is one JSON object with a "type".
#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

namespace byzsim {

using namespace trace_format;

namespace {

std::string id_or_null(int id) {
  return id < 0 ? "null" : std::to_string(id);
}

void write_header(const TraceRun& run, std::ostream& out) {
  out << "{\"type\": \"header\", \"scenario\": " << json_string(run.scenario)
      << ", \"protocol\": " << json_string(run.protocol) << ", \"point\": " << run.point
      << ", \"trial\": " << run.trial << ", \"seed\": " << run.seed << ", \"n\": " << run.n
      << ", \"truth\": " << json_string(run.truth_good ? "good" : "bad")
      << ", \"correct\": " << json_string(run.correct_value()) << ", \"approve_quorum\": "
      << (run.approve_quorum ? std::to_string(run.approve_quorum) : "null")
      << ", \"reject_quorum\": " << (run.reject_quorum ? std::to_string(run.reject_quorum) : "null")
      << ", \"round_name\": " << json_string(run.round_name) << ", \"parties\": [";
  for (std::size_t i = 0; i < run.parties.size(); ++i) {
    const TraceParty& p = run.parties[i];
    out << (i ? ", " : "") << "{\"id\": " << i << ", \"label\": " << json_string(p.label)
        << ", \"role\": " << json_string(p.role) << ", \"strategy\": " << json_string(p.strategy)
        << ", \"corrupted\": " << (p.corrupted ? "true" : "false")
        << ", \"crash_at_s\": " << (p.crash_at_ns < 0 ? "null" : json_seconds(p.crash_at_ns))
        << "}";
  }
  out << "]}\n";
}

}  // namespace

void write_trace_jsonl(const TraceView& t, std::ostream& out) {
  {
    const TraceRun& run = *t.run;
    write_header(run, out);
    for (const TraceRecord& r : *t.records) {
      out << "{\"type\": \"event\", \"t_s\": " << json_seconds(r.at)
          << ", \"kind\": " << json_string(r.kind) << ", \"from\": " << id_or_null(r.from)
          << ", \"to\": " << id_or_null(r.to)
          << ", \"message\": " << (r.message.empty() ? "null" : json_string(r.message))
          << ", \"value\": " << (r.value.empty() ? "null" : json_string(r.value))
          << ", \"round\": " << id_or_null(r.round);
      if (r.arrive_at >= 0) out << ", \"arrive_s\": " << json_seconds(r.arrive_at);
      if (!r.adversary.empty()) {  // only when the sender's strategy acted on the message
        out << ", \"adversary\": " << json_string(r.adversary);
        if (!r.original.empty()) out << ", \"original_value\": " << json_string(r.original);
        if (r.original_round >= 0) out << ", \"original_round\": " << r.original_round;
      }
      out << ", \"detail\": " << json_string(r.detail) << "}\n";
    }
    if (run.dropped_records)
      out << "{\"type\": \"notice\", \"text\": " << json_string(truncation_notice(run)) << "}\n";
    out << "{\"type\": \"end\", \"outcome\": " << json_string(run.outcome)
        << ", \"rounds\": " << run.rounds << ", \"messages\": " << run.messages
        << ", \"latency_s\": " << (run.latency_ns < 0 ? "null" : json_seconds(run.latency_ns))
        << ", \"truncated\": " << (run.dropped_records ? "true" : "false") << "}\n";
  }
}

}  // namespace byzsim
