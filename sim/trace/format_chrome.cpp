// `--format chrome`: the Trace Event Format (JSON) that Perfetto and chrome://tracing open. One
// process per replayed trial, one thread (track) per party labelled with its role and strategy,
// plus a "trial" track for events of no party. A message is a short slice on the sender's track
// at the send and one on the receiver's at the delivery, joined by a flow arrow (ph "s" / "f",
// one id per message); drops, crashes and other events are instants; decisions and commits are
// instants named after the value. Times are microseconds of simulated time.
#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

namespace byzsim {

using namespace trace_format;

namespace {

// Slices last one simulated microsecond so that flow arrows have something to bind to.
constexpr SimTime kSliceNs = 1000;

class ChromeWriter {
 public:
  // One trial per process; flow ids are unique across the trials of one file.
  ChromeWriter(std::ostream& out, const TraceView& view)
      : out_(out),
        first_(view.first()),
        pid_(static_cast<int>(view.index) + 1),
        flow_id_(static_cast<std::uint64_t>(view.index) * 1'000'000'000ULL) {
    if (view.first()) out_ << "{\"traceEvents\": [\n";
  }
  void finish() { out_ << "\n], \"displayTimeUnit\": \"ms\"}\n"; }

  void trial(const TraceRun& run, const std::vector<TraceRecord>& records) {
    trial_tid_ = static_cast<int>(run.parties.size()) + 1;
    meta("process_name", 0,
         "trial " + std::to_string(run.trial) + " of " + run.scenario + " (point " +
             std::to_string(run.point) + "): " + run.outcome);
    meta("thread_name", trial_tid_, "trial");
    sort_index(trial_tid_, 0);
    for (std::size_t i = 0; i < run.parties.size(); ++i) {
      meta("thread_name", tid(static_cast<int>(i)), long_label(run.parties[i]));
      sort_index(tid(static_cast<int>(i)), static_cast<int>(i) + 1);
      const SimTime crash = run.parties[i].crash_at_ns;
      if (crash >= 0 && (records.empty() || crash <= records.back().at))
        instant(crash, tid(static_cast<int>(i)), "crash", "crashes (strategy crash)");
    }
    const std::vector<int> partner = match_messages(records);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const TraceRecord& r = records[i];
      const int track = r.from >= 0 ? tid(r.from) : trial_tid_;
      if (is_send(r)) {
        slice(r.at, track, "send " + describe(r, run) + " to " + run.who(r.to));
      } else if (is_deliver(r)) {
        const int receiver = r.to >= 0 ? tid(r.to) : trial_tid_;
        slice(r.at, receiver, "deliver " + describe(r, run) + " from " + run.who(r.from));
        if (partner[i] >= 0) flow(records[static_cast<std::size_t>(partner[i])], r, ++flow_id_);
      } else {
        std::string name = r.kind;
        if (!r.value.empty()) name += " " + r.value;
        if (is_lost(r)) name = "lost " + describe(r, run) + " to " + run.who(r.to);
        instant(r.at, track, name, describe(r, run));
      }
    }
    if (run.dropped_records)
      instant(records.empty() ? 0 : records.back().at, trial_tid_, "trace truncated",
              truncation_notice(run));
  }

 private:
  int tid(int party) const { return party + 1; }
  void begin_event() {
    out_ << (first_ ? "" : ",\n");
    first_ = false;
  }
  static std::string us(SimTime t) {  // ns -> µs, exact
    std::string frac = std::to_string(1000 + t % 1000).substr(1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return std::to_string(t / 1000) + (frac.empty() ? "" : "." + frac);
  }
  void meta(const char* what, int tid, const std::string& name) {
    begin_event();
    out_ << "{\"ph\": \"M\", \"name\": \"" << what << "\", \"pid\": " << pid_
         << ", \"tid\": " << tid << ", \"args\": {\"name\": " << json_string(name) << "}}";
  }
  void sort_index(int tid, int index) {
    begin_event();
    out_ << "{\"ph\": \"M\", \"name\": \"thread_sort_index\", \"pid\": " << pid_
         << ", \"tid\": " << tid << ", \"args\": {\"sort_index\": " << index << "}}";
  }
  void slice(SimTime at, int tid, const std::string& name) {
    begin_event();
    out_ << "{\"ph\": \"X\", \"cat\": \"message\", \"name\": " << json_string(name)
         << ", \"ts\": " << us(at) << ", \"dur\": " << us(kSliceNs) << ", \"pid\": " << pid_
         << ", \"tid\": " << tid << "}";
  }
  void instant(SimTime at, int tid, const std::string& name, const std::string& detail) {
    begin_event();
    out_ << "{\"ph\": \"i\", \"s\": \"t\", \"cat\": \"event\", \"name\": " << json_string(name)
         << ", \"ts\": " << us(at) << ", \"pid\": " << pid_ << ", \"tid\": " << tid
         << ", \"args\": {\"detail\": " << json_string(detail) << "}}";
  }
  void flow(const TraceRecord& send, const TraceRecord& deliver, std::uint64_t id) {
    const std::string name = json_string(send.message);
    begin_event();
    out_ << "{\"ph\": \"s\", \"cat\": \"message\", \"name\": " << name << ", \"id\": " << id
         << ", \"ts\": " << us(send.at) << ", \"pid\": " << pid_ << ", \"tid\": " << tid(send.from)
         << "}";
    begin_event();
    out_ << "{\"ph\": \"f\", \"bp\": \"e\", \"cat\": \"message\", \"name\": " << name
         << ", \"id\": " << id << ", \"ts\": " << us(deliver.at) << ", \"pid\": " << pid_
         << ", \"tid\": " << tid(deliver.to) << "}";
  }

  std::ostream& out_;
  bool first_ = true;  // no event written to the file yet
  int pid_ = 1;
  int trial_tid_ = 0;
  std::uint64_t flow_id_ = 0;
};

}  // namespace

void write_trace_chrome(const TraceView& t, std::ostream& out) {
  ChromeWriter writer(out, t);
  writer.trial(*t.run, *t.records);
  if (t.last()) writer.finish();
}

}  // namespace byzsim
