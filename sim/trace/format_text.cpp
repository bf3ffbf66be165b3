// `--format text` (one aligned line per event) and `--format json` (one document per trial).
#include <cstdio>

#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

namespace byzsim {

using namespace trace_format;

namespace {

// "# agents 0-4: honest judge" for each run of parties that behave alike.
void write_parties(const TraceRun& run, std::ostream& out) {
  const auto& p = run.parties;
  for (std::size_t i = 0; i < p.size();) {
    std::size_t j = i + 1;
    while (j < p.size() && p[j].role == p[i].role && p[j].strategy == p[i].strategy &&
           p[j].corrupted == p[i].corrupted && !p[i].strategy.empty())
      ++j;
    if (p[i].strategy.empty()) {
      out << "# " << p[i].label << ": trusted party, id " << i << "\n";
    } else {
      out << (j - i > 1 ? "# agents " : "# agent ") << i;
      if (j - i > 1) out << "-" << j - 1;
      out << ": " << p[i].role << " " << p[i].strategy << (p[i].corrupted ? " (corrupted)" : "")
          << "\n";
    }
    i = j;
  }
}

void write_result_line(const TraceRun& run, std::ostream& out) {
  out << "# outcome: " << run.outcome << ", " << run.round_name << "s " << run.rounds
      << ", messages " << run.messages;
  if (run.latency_ns >= 0) out << ", decision latency " << json_seconds(run.latency_ns) << " s";
  if (run.dropped_records) out << " (trace truncated)";
  out << "\n";
}

}  // namespace

void write_trace_text(const TraceView& t, std::ostream& out) {
  {
    const TraceRun& run = *t.run;
    out << "# scenario '" << run.scenario << "' (" << run.protocol << "), point " << run.point
        << ", trial " << run.trial << ", seed " << run.seed << ", n = " << run.n << "\n";
    write_parties(run, out);
    for (const TraceRecord& r : *t.records) {
      std::string parties = run.who(r.from);
      if (r.to >= 0) parties += " -> " + run.who(r.to);
      char head[96];
      std::snprintf(head, sizeof head, "%16s s  %-8s %-28s ", seconds(r.at).c_str(), r.kind.c_str(),
                    parties.c_str());
      out << head << describe(r, run) << "\n";
    }
    if (run.dropped_records) out << "# " << truncation_notice(run) << "\n";
    write_result_line(run, out);
  }
}

void write_trace_json(const TraceView& t, std::ostream& out) {
  if (t.first() && t.count != 1) out << "[\n";
  {
    const TraceRun& run = *t.run;
    out << "{\n  \"scenario\": " << json_string(run.scenario)
        << ",\n  \"protocol\": " << json_string(run.protocol) << ",\n  \"point\": " << run.point
        << ",\n  \"trial\": " << run.trial << ",\n  \"seed\": " << run.seed
        << ",\n  \"n\": " << run.n << ",\n  \"outcome\": " << json_string(run.outcome)
        << ",\n  \"rounds\": " << run.rounds << ",\n  \"messages\": " << run.messages
        << ",\n  \"truncated\": " << (run.dropped_records ? "true" : "false")
        << ",\n  \"events\": [";
    const auto& records = *t.records;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const TraceRecord& r = records[i];
      out << (i ? ",\n" : "\n") << "    {\"t_s\": " << json_seconds(r.at)
          << ", \"kind\": " << json_string(r.kind) << ", \"from\": " << json_string(run.who(r.from))
          << ", \"to\": " << json_string(run.who(r.to))
          << ", \"detail\": " << json_string(describe(r, run)) << "}";
    }
    out << (records.empty() ? "]\n}" : "\n  ]\n}") << (t.last() ? "" : ",") << "\n";
  }
  if (t.last() && t.count != 1) out << "]\n";
}

}  // namespace byzsim
