// `--format mermaid`: a Mermaid sequenceDiagram (GitHub and most Markdown viewers render it).
// Participants are the parties, labelled with role and strategy; each delivered message is one
// solid arrow (->>) at its delivery, each lost one a cross (-x); other events are notes, and
// consecutive notes saying the same of several agents are merged into one. A run with more than
// kArrowBudget arrows is folded: each (message kind, round) draws at most its first
// kFoldedArrows arrows, and a note says how many of that group were left out.
#include <algorithm>
#include <map>
#include <utility>

#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

namespace byzsim {

using namespace trace_format;

namespace {

constexpr std::size_t kArrowBudget = 80;
constexpr std::size_t kFoldedArrows = 4;

// Mermaid treats ';' and '#' specially in message text.
std::string safe(std::string text) {
  for (char& c : text)
    if (c == ';' || c == '#') c = ',';
  return text;
}

std::string participant(const TraceRun& run, int id) {
  if (id < 0) return "";
  std::string name(1, id < run.n ? 'A' : id == run.n ? 'C' : 'P');
  if (id != run.n) name += std::to_string(id);
  return name;
}

bool drawn_as_arrow(const TraceRecord& r) {
  return is_deliver(r) || is_lost(r);
}

class MermaidWriter {
 public:
  MermaidWriter(const TraceRun& run, const std::vector<TraceRecord>& records, std::ostream& out)
      : run_(run), records_(records), out_(out) {}

  void write() {
    out_ << "sequenceDiagram\n";
    out_ << "  %% byzsim trace: scenario " << safe(run_.scenario) << ", " << run_.protocol
         << ", point " << run_.point << ", trial " << run_.trial << ", seed " << run_.seed << "\n";
    for (std::size_t i = static_cast<std::size_t>(run_.n); i < run_.parties.size();
         ++i)  // trusted parties (the coordinator) first
      declare(static_cast<int>(i));
    for (int i = 0; i < run_.n && i < static_cast<int>(run_.parties.size()); ++i) declare(i);
    const bool fold = count_arrows() > kArrowBudget;
    std::map<std::pair<std::string, int>, std::size_t> total, drawn;
    if (fold)
      for (const TraceRecord& r : records_)
        if (drawn_as_arrow(r)) ++total[{r.message, r.round}];
    std::vector<std::pair<SimTime, int>> crashes;  // shown where they happen, as notes
    for (std::size_t i = 0; i < run_.parties.size(); ++i)
      if (run_.parties[i].crash_at_ns >= 0)
        crashes.emplace_back(run_.parties[i].crash_at_ns, static_cast<int>(i));
    std::sort(crashes.begin(), crashes.end());
    std::size_t next_crash = 0;
    const std::vector<int> partner = match_messages(records_);
    for (std::size_t i = 0; i < records_.size(); ++i) {
      const TraceRecord& r = records_[i];
      for (; next_crash < crashes.size() && crashes[next_crash].first < r.at; ++next_crash) {
        flush_note();
        out_ << "  Note over " << participant(run_, crashes[next_crash].second) << ": crashes at "
             << json_seconds(crashes[next_crash].first) << " s\n";
      }
      if (drawn_as_arrow(r)) {
        flush_note();
        const std::pair<std::string, int> group{r.message, r.round};
        if (fold) {
          const std::size_t k = drawn[group]++;
          if (k == kFoldedArrows) note_over_all(fold_note(r, total[group]));
          if (k >= kFoldedArrows) continue;
        }
        // A delivery shows what its send says of the adversary (the send is not drawn).
        const int send = partner[i];
        const TraceRecord& label =
            send >= 0 && !records_[static_cast<std::size_t>(send)].adversary.empty()
                ? records_[static_cast<std::size_t>(send)]
                : r;
        out_ << "  " << participant(run_, r.from) << (is_lost(r) ? "-x" : "->>")
             << participant(run_, r.to) << ": " << safe(describe(label, run_))
             << (is_lost(r) ? " (lost)" : "") << "\n";
      } else if (!is_send(r)) {
        add_note(r);
      }
    }
    flush_note();
    if (run_.dropped_records) note_over_all(truncation_notice(run_));
    std::string end = "outcome " + run_.outcome + " (correct: " + run_.correct_value() + ")";
    if (run_.latency_ns >= 0) {
      end += ", decided at ";
      end += json_seconds(run_.latency_ns);
      end += " s";
    }
    note_over_all(end);
  }

 private:
  // "folded: 32 more VIEW-CHANGE messages of view 1 not drawn (36 in all)"
  std::string fold_note(const TraceRecord& r, std::size_t total) const {
    const std::size_t left_out = total - kFoldedArrows;
    std::string note = "folded: ";
    note += std::to_string(left_out);
    note += " more " + r.message + (left_out == 1 ? " message" : " messages");
    if (r.round >= 0) {
      note += " of " + run_.round_name + " ";
      note += std::to_string(r.round);
    }
    note += " not drawn (";
    note += std::to_string(total);
    note += " in all)";
    return note;
  }

  void declare(int id) {
    out_ << "  participant " << participant(run_, id) << " as "
         << safe(long_label(run_.parties[static_cast<std::size_t>(id)])) << "\n";
  }
  std::size_t count_arrows() const {
    std::size_t k = 0;
    for (const TraceRecord& r : records_) k += drawn_as_arrow(r);
    return k;
  }
  std::string span_all() const {
    const int first = run_.n < static_cast<int>(run_.parties.size()) ? run_.n : 0;
    const int last = run_.n > 0 ? run_.n - 1 : first;
    std::string span = participant(run_, first);
    span += ",";
    span += participant(run_, last);
    return span;
  }
  void note_over_all(const std::string& text) {
    out_ << "  Note over " << span_all() << ": " << safe(text) << "\n";
  }
  // Notes are merged while the same event text repeats for further parties.
  void add_note(const TraceRecord& r) {
    std::string text = r.kind;
    const std::string rest = describe(r, run_);
    if (rest.starts_with(r.kind))
      text = rest;  // "round 1 starts", not "round round 1 starts"
    else if (!rest.empty())
      text += " " + rest;
    if (text == note_text_ && r.from >= 0 && !note_parties_.empty()) {
      note_parties_.push_back(r.from);
      return;
    }
    flush_note();
    note_text_ = text;
    if (r.from >= 0) note_parties_.push_back(r.from);
  }
  void flush_note() {
    if (note_text_.empty()) return;
    if (note_parties_.empty()) {
      note_over_all(note_text_);
    } else if (note_parties_.size() == 1) {
      out_ << "  Note over " << participant(run_, note_parties_[0]) << ": " << safe(note_text_)
           << "\n";
    } else {
      int lo = note_parties_[0], hi = note_parties_[0];
      std::string who;
      for (const int p : note_parties_) {
        lo = std::min(lo, p);
        hi = std::max(hi, p);
        if (!who.empty()) who += ',';
        who += std::to_string(p);
      }
      out_ << "  Note over " << participant(run_, lo) << "," << participant(run_, hi) << ": agents "
           << who << ": " << safe(note_text_) << "\n";
    }
    note_text_.clear();
    note_parties_.clear();
  }

  const TraceRun& run_;
  const std::vector<TraceRecord>& records_;
  std::ostream& out_;
  std::string note_text_;
  std::vector<int> note_parties_;
};

}  // namespace

void write_trace_mermaid(const TraceView& t, std::ostream& out) {
  {
    if (t.count > 1)
      out << "### trial " << t.run->trial << " (" << t.run->outcome << ")\n\n```mermaid\n";
    MermaidWriter(*t.run, *t.records, out).write();
    if (t.count > 1) out << "```\n\n";
  }
}

}  // namespace byzsim
