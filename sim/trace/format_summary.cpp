// `--format summary`: a few lines of text explaining one trial from its generic records: who
// voted what (records of kind "vote", or messages named VOTE), who sent conflicting values, the
// tally against the quorums, the decisions and commits, and why the outcome came about.
#include <algorithm>
#include <map>
#include <set>

#include "sim/trace/format_common.hpp"
#include "sim/trace/trace_formats.hpp"

namespace byzsim {

using namespace trace_format;

namespace {

bool is_vote(const TraceRecord& r) {
  return r.kind == "vote" || (r.message == "VOTE" && (is_send(r) || is_lost(r)));
}

std::string plural(std::size_t k, const std::string& one) {
  return std::to_string(k) + " " + one + (k == 1 ? "" : "s");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "approval" / "rejection" for a value.
std::string vote_noun(const std::string& value) {
  return value == "APPROVE" ? "approval" : value == "REJECT" ? "rejection" : lower(value) + " vote";
}

class Summary {
 public:
  Summary(const TraceRun& run, const std::vector<TraceRecord>& records)
      : run_(run), records_(records) {}

  void write(std::ostream& out) {
    out << "trial " << run_.trial << " of " << run_.scenario << " (" << run_.protocol << ", point "
        << run_.point << ", seed " << run_.seed << "): the proposal was "
        << (run_.truth_good ? "good" : "bad") << ", so " << run_.correct_value()
        << " is correct; outcome " << run_.outcome << ".\n";
    collect();
    // A protocol without votes (om/sm: orders relayed in rounds) has no tally to explain: its
    // decisions per agent and the conflicting orders say what happened.
    const bool voting = has_votes();
    if (voting) write_votes(out);
    write_conflicts(out);
    write_adversary(out);
    if (voting) write_decisions(out);
    if (!voting) write_agent_decisions(out);
    out << "why: " << (voting ? why() : why_without_votes()) << "\n";
    if (run_.dropped_records) out << "note: " << truncation_notice(run_) << "\n";
  }

 private:
  const TraceParty& party(int id) const { return run_.parties[static_cast<std::size_t>(id)]; }
  bool agent(int id) const { return id >= 0 && id < run_.n; }
  std::string who(int id) const {
    const TraceParty& p = party(id);
    if (p.role == "honest" && !p.corrupted) return p.label;
    return p.label + " (" + p.role + " " + p.strategy + (p.corrupted ? ", corrupted" : "") + ")";
  }

  void collect() {
    for (const TraceRecord& r : records_) {
      if (r.kind == "decide") {
        decisive_round_ = r.round;
        decides_.push_back(&r);
      }
      if (r.kind == "commit" && agent(r.from)) commits_[r.value].insert(r.from);
      if (!r.adversary.empty() && agent(r.from)) ++adversary_[r.from][r.adversary];
      const bool withheld = is_lost(r) && !r.adversary.empty();  // never left its sender
      if (!r.value.empty() && !r.message.empty() && (is_send(r) || is_lost(r)) && !withheld &&
          agent(r.from)) {
        auto& values = sent_[{r.from, r.message, r.round}];
        if (values.empty()) sent_order_.push_back({r.from, r.message, r.round});
        values[r.value].insert(r.to);
      }
    }
    for (const TraceRecord& r : records_)
      if (is_vote(r) && agent(r.from) && (decisive_round_ < 0 || r.round == decisive_round_))
        votes_[r.from].insert(r.value);
    for (const auto& [agent_id, values] : votes_)
      for (const std::string& v : values) by_value_[v].push_back(agent_id);
  }

  void write_votes(std::ostream& out) const {
    out << "votes"
        << (decisive_round_ >= 0 ? " in " + run_.round_name + " " + std::to_string(decisive_round_)
                                 : "")
        << ":";
    bool any = false;
    for (const auto& [value, agents] : by_value_) {
      out << (any ? ";" : "") << " " << value << " from ";
      for (std::size_t k = 0; k < agents.size(); ++k)
        out << (k ? ", " : "") << who(agents[k])
            << (party(agents[k]).role == "honest" && value != run_.correct_value()
                    ? " (honest, mistaken)"
                    : "");
      any = true;
    }
    std::vector<int> silent;
    for (int i = 0; i < run_.n; ++i)
      if (!votes_.count(i)) silent.push_back(i);
    if (!silent.empty()) {
      out << (any ? ";" : "") << " none from ";
      for (std::size_t k = 0; k < silent.size(); ++k) out << (k ? ", " : "") << who(silent[k]);
    }
    out << ".\n";
  }

  // Agents that sent different values in messages of one kind and round: equivocation. One
  // line per agent, its message kinds in the order they first appear in the trace.
  void write_conflicts(std::ostream& out) {
    std::map<int, std::string> lines;
    for (const auto& key : sent_order_) {
      const auto& values = sent_.at(key);
      if (values.size() < 2) continue;
      const auto& [from, message, round] = key;
      equivocators_.insert(from);
      std::string& line = lines[from];
      line += std::string(line.empty() ? "" : "; ") + message +
              (round >= 0 ? " (" + run_.round_name + " " + std::to_string(round) + ")" : "");
      bool first = true;
      for (const auto& [value, to] : values) {
        std::string list;
        for (const int t : to) list += (list.empty() ? "" : ", ") + run_.who(t);
        line += (first ? " " : " and ") + value + " to " + list;
        first = false;
      }
    }
    for (const auto& [from, line] : lines)
      out << "equivocation: " << who(from) << " sent conflicting values: " << line << ".\n";
  }

  // What each agent's strategy did to its messages (docs/adversary.md), counted by action.
  void write_adversary(std::ostream& out) const {
    for (const auto& [from, actions] : adversary_) {
      out << "adversary: " << who(from) << ":";
      bool first = true;
      for (const auto& [what, count] : actions) {
        out << (first ? " " : ", ") << what << " (" << count << " message"
            << (count == 1 ? "" : "s") << ")";
        first = false;
      }
      out << ".\n";
    }
  }

  void write_decisions(std::ostream& out) const {
    if (run_.approve_quorum > 0)
      out << "tally: " << count("APPROVE") << " APPROVE against the approve quorum of "
          << run_.approve_quorum << ", " << count("REJECT")
          << " REJECT against the reject quorum of " << run_.reject_quorum << ".\n";
    else
      out << "tally: " << count("APPROVE") << " APPROVE against " << count("REJECT")
          << " REJECT (simple majority).\n";
    for (const TraceRecord* d : decides_)
      out << "decision"
          << (d->round >= 0 ? " in " + run_.round_name + " " + std::to_string(d->round) : "")
          << ": " << d->value << (d->detail.empty() ? "" : " (" + d->detail + ")") << ".\n";
    for (const auto& [value, agents] : commits_) {
      out << "committed " << value << ": ";
      std::string list;
      for (const int a : agents) list += (list.empty() ? "" : ", ") + who(a);
      out << list << ".\n";
    }
  }

  bool has_votes() const {
    return std::any_of(records_.begin(), records_.end(),
                       [](const TraceRecord& r) { return is_vote(r); });
  }

  // "decisions: agent 1 RETREAT(REJECT), agent 2 ATTACK(APPROVE)", from "decide" records that
  // name their agent.
  void write_agent_decisions(std::ostream& out) const {
    std::string list;
    for (const TraceRecord* d : decides_)
      if (agent(d->from))
        list += (list.empty() ? "" : ", ") + who(d->from) + " " +
                (d->value.empty() ? d->detail : d->value);
    if (!list.empty()) out << "decisions: " << list << ".\n";
  }

  std::string why_without_votes() const {
    std::map<std::string, std::string> honest_by_value;
    for (const TraceRecord* d : decides_)
      if (agent(d->from) && party(d->from).role == "honest") {
        std::string& list = honest_by_value[d->value.empty() ? d->detail : d->value];
        list += (list.empty() ? "" : ", ") + party(d->from).label;
      }
    std::string out;
    for (const auto& [value, list] : honest_by_value)
      out += (out.empty() ? "honest agents decided " : "; ") + value + ": " + list;
    if (honest_by_value.size() > 1) out += " (they disagree)";
    if (!equivocators_.empty()) {
      std::string list;
      for (const int a : equivocators_) list += (list.empty() ? "" : ", ") + who(a);
      out += std::string(out.empty() ? "" : "; ") + list + " sent conflicting values";
    }
    return (out.empty() ? "no agent decided" : out) + ".";
  }

  std::size_t count(const std::string& value) const {
    auto it = by_value_.find(value);
    return it == by_value_.end() ? 0 : it->second.size();
  }

  // "2 malicious approvals plus 1 mistaken honest approval"
  std::string composition(const std::string& value) const {
    std::map<std::string, std::size_t> kinds;  // "malicious", "faulty", "mistaken honest", "honest"
    auto it = by_value_.find(value);
    if (it != by_value_.end())
      for (const int a : it->second) {
        const std::string& role = party(a).role;
        ++kinds[role == "honest" ? (value == run_.correct_value() ? "honest" : "mistaken honest")
                                 : role];
      }
    std::string out;
    for (const char* k : {"malicious", "faulty", "mistaken honest", "honest"}) {
      auto found = kinds.find(k);
      if (found == kinds.end()) continue;
      out += (out.empty() ? "" : " plus ") + std::to_string(found->second) + " " + k + " " +
             vote_noun(value) + (found->second == 1 ? "" : "s");
    }
    return out.empty() ? "no " + vote_noun(value) + "s" : out;
  }

  std::string quorum_of(const std::string& value) const {
    const int q = value == "APPROVE" ? run_.approve_quorum : run_.reject_quorum;
    if (q <= 0) return "outnumbered the other votes";
    return "reached the " + lower(value == "APPROVE" ? "approve" : "reject") + " quorum of " +
           std::to_string(q);
  }

  std::string why() const {
    const std::string proposal = run_.truth_good ? "a good proposal" : "a bad proposal";
    if (run_.outcome == "wrong" || run_.outcome == "correct") {
      const std::string value = run_.outcome == "wrong" ? run_.wrong_value() : run_.correct_value();
      return composition(value) + " " + quorum_of(value) + " on " + proposal + ".";
    }
    if (run_.outcome == "disagreement") {
      std::string out = "honest agents committed different values";
      for (const auto& [value, agents] : commits_) {
        std::string list;
        for (const int a : agents)
          if (party(a).role == "honest") list += (list.empty() ? "" : ", ") + party(a).label;
        if (!list.empty()) out += "; " + list + " committed " + value;
      }
      if (!equivocators_.empty()) {
        out += "; the equivocator" + std::string(equivocators_.size() > 1 ? "s " : " ");
        std::string list;
        for (const int a : equivocators_) list += (list.empty() ? "" : ", ") + who(a);
        out += list + " sent both values";
      }
      return out + ".";
    }
    std::string out =
        "no decision in " + plural(static_cast<std::size_t>(run_.rounds), run_.round_name);
    if (run_.approve_quorum > 0)
      out += ": " + std::to_string(count("APPROVE")) + " APPROVE of the " +
             std::to_string(run_.approve_quorum) + " needed, " + std::to_string(count("REJECT")) +
             " REJECT of the " + std::to_string(run_.reject_quorum) + " needed";
    std::string silent;
    for (int i = 0; i < run_.n; ++i)
      if (!votes_.count(i)) silent += (silent.empty() ? "" : ", ") + who(i);
    if (!silent.empty()) out += "; no vote from " + silent;
    return out + ".";
  }

  const TraceRun& run_;
  const std::vector<TraceRecord>& records_;
  int decisive_round_ = -1;
  std::vector<const TraceRecord*> decides_;
  std::map<int, std::set<std::string>> votes_;
  std::map<std::string, std::vector<int>> by_value_;
  std::map<std::string, std::set<int>> commits_;
  std::map<std::tuple<int, std::string, int>, std::map<std::string, std::set<int>>> sent_;
  std::vector<std::tuple<int, std::string, int>> sent_order_;
  std::set<int> equivocators_;
  std::map<int, std::map<std::string, int>> adversary_;  // agent -> action -> messages
};

}  // namespace

void write_trace_summary(const TraceView& t, std::ostream& out) {
  if (!t.first()) out << "\n";
  Summary(*t.run, *t.records).write(out);
}

}  // namespace byzsim
