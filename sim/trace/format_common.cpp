// Shared helpers of the trace formats (see format_common.hpp).
#include "sim/trace/format_common.hpp"

#include <cstdio>
#include <deque>
#include <map>
#include <tuple>

namespace byzsim::trace_format {

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string seconds(SimTime t) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9f", to_seconds(t));
  return buf;
}

std::string json_seconds(SimTime t) {
  std::string text = seconds(t);  // exact to the nanosecond, then without trailing zeros
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string describe(const TraceRecord& r, const TraceRun& run) {
  std::string out = r.message;
  auto add = [&out](const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += ' ';
    out += part;
  };
  add(r.value);
  if (r.round >= 0 && !r.message.empty())
    add("(" + run.round_name + " " + std::to_string(r.round) + ")");
  if (!r.detail.empty()) out += out.empty() ? r.detail : "; " + r.detail;
  if (!r.adversary.empty()) {  // what the sender's strategy did, beside what was written
    std::string what = "adversary: " + r.adversary;
    if (!r.original.empty() && r.original != r.value) what += ", written " + r.original;
    if (r.original_round >= 0 && r.original_round != r.round)
      what += ", written in " + run.round_name + " " + std::to_string(r.original_round);
    out += out.empty() ? what : "; " + what;
  }
  return out;
}

std::string long_label(const TraceParty& party) {
  if (party.strategy.empty()) return party.label;
  return party.label + " (" + party.role + " " + party.strategy +
         (party.corrupted ? ", corrupted" : "") + ")";
}

bool is_send(const TraceRecord& r) {
  return r.kind == "send" && !r.message.empty();
}
bool is_deliver(const TraceRecord& r) {
  return r.kind == "deliver" && !r.message.empty();
}
bool is_lost(const TraceRecord& r) {
  return r.kind == "lost";
}

std::vector<int> match_messages(const std::vector<TraceRecord>& records) {
  using Key = std::tuple<int, int, std::string, std::string, int, SimTime>;
  std::map<Key, std::deque<int>> in_flight;  // sends not yet delivered, oldest first
  std::vector<int> partner(records.size(), -1);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const TraceRecord& r = records[i];
    if (is_send(r) && r.arrive_at >= 0) {
      in_flight[Key{r.from, r.to, r.message, r.value, r.round, r.arrive_at}].push_back(
          static_cast<int>(i));
    } else if (is_deliver(r)) {
      auto it = in_flight.find(Key{r.from, r.to, r.message, r.value, r.round, r.at});
      if (it == in_flight.end()) continue;
      const int send = it->second.front();
      it->second.pop_front();
      if (it->second.empty()) in_flight.erase(it);
      partner[i] = send;
      partner[static_cast<std::size_t>(send)] = static_cast<int>(i);
    }
  }
  return partner;
}

std::string truncation_notice(const TraceRun& run) {
  if (run.dropped_records == 0) return "";
  return "trace truncated: the first " + std::to_string(run.record_cap) + " events are shown, " +
         std::to_string(run.dropped_records) +
         " more were left out (raise the cap with --max-events)";
}

}  // namespace byzsim::trace_format
