// `--format summary`: a few lines of text explaining one trial from its generic records: who
// voted what (records of kind "vote", or messages named VOTE), who sent conflicting values of its
// own (equivocation) and which loyal agents relayed different values along different paths, the
// tally against the quorums (each agent counted once per value it sent), the decisions and
// commits, and why the outcome came about (every quorum that formed).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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
    // A vote the network lost, or one that arrived after its round closed ("late: ignored"),
    // was cast but never counted: the tally, like the protocol, leaves it out.
    std::set<std::tuple<int, int, int, std::string>> late;
    for (const TraceRecord& r : records_)
      if (is_deliver(r) && r.message == "VOTE" && r.detail.rfind("late", 0) == 0)
        late.insert({r.from, r.to, r.round, r.value});
    for (const TraceRecord& r : records_) {
      if (!is_vote(r) || !agent(r.from) || (decisive_round_ >= 0 && r.round != decisive_round_))
        continue;
      voted_.insert(r.from);
      if (is_lost(r) || late.count({r.from, r.to, r.round, r.value}))
        uncounted_[r.value].insert(r.from);
      else
        votes_[r.from].insert(r.value);
    }
    for (const auto& [agent_id, values] : votes_) {
      for (const std::string& v : values) by_value_[v].push_back(agent_id);
      if (values.size() > 1) double_voters_.push_back(agent_id);
    }
  }

  // "agent 9 (faulty omission), agent 3".
  template <typename Agents>
  std::string list_of(const Agents& agents) const {
    std::string list;
    for (const int a : agents) list += (list.empty() ? "" : ", ") + who(a);
    return list;
  }

  // "agent 1, agent 3": labels only, for agents the lines above already described.
  template <typename Agents>
  std::string labels(const Agents& agents) const {
    std::string list;
    for (const int a : agents) list += (list.empty() ? "" : ", ") + party(a).label;
    return list;
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
    for (const auto& [value, agents] : uncounted_) {
      out << (any ? ";" : "") << " " << value << " lost or late (not counted) from "
          << list_of(agents);
      any = true;
    }
    std::vector<int> silent;
    for (int i = 0; i < run_.n; ++i)
      if (!voted_.count(i)) silent.push_back(i);
    if (!silent.empty()) {
      out << (any ? ";" : "") << " none from ";
      for (std::size_t k = 0; k < silent.size(); ++k) out << (k ? ", " : "") << who(silent[k]);
    }
    out << ".\n";
  }

  // A loyal agent (honest, not corrupted) sends no value of its own: when it sends different
  // values in messages of one kind and round, it is forwarding what it received along different
  // paths (om/sm relay each lieutenant's order on every path). Anyone else doing so equivocates.
  bool loyal(int id) const { return party(id).role == "honest" && !party(id).corrupted; }

  // Agents that sent different values in messages of one kind and round: equivocation, or a
  // loyal agent's relaying. One line per agent, its message kinds in the order they first
  // appear in the trace.
  void write_conflicts(std::ostream& out) {
    std::map<int, std::string> lines;
    for (const auto& key : sent_order_) {
      const auto& values = sent_.at(key);
      if (values.size() < 2) continue;
      const auto& [from, message, round] = key;
      if (!loyal(from)) {
        equivocators_.insert(from);
        if (message != "VOTE" && std::find(equivocated_kinds_.begin(), equivocated_kinds_.end(),
                                           message) == equivocated_kinds_.end())
          equivocated_kinds_.push_back(message);
      }
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
      if (loyal(from))
        out << "relaying: " << who(from)
            << " (loyal) forwarded what it received, different values along different paths: "
            << line << ".\n";
      else
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
          << " REJECT against the reject quorum of " << run_.reject_quorum;
    else
      out << "tally: " << count("APPROVE") << " APPROVE against " << count("REJECT")
          << " REJECT (simple majority)";
    // An agent that voted both values is in both counts: say so, or the counts seem to add up
    // to more votes than there are voters.
    if (!double_voters_.empty())
      out << "; " << plural(votes_.size(), "agent") << " voted, each counted once per value it "
          << "sent: " << labels(double_voters_) << " sent both";
    out << ".\n";
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

  int quorum(const std::string& value) const {
    return value == "APPROVE" ? run_.approve_quorum : run_.reject_quorum;
  }
  static std::string other(const std::string& value) {
    return value == "APPROVE" ? "REJECT" : "APPROVE";
  }
  // Whether the votes counted for `value` reach its quorum (never without quorums: majority).
  bool formed(const std::string& value) const {
    return quorum(value) > 0 && static_cast<int>(count(value)) >= quorum(value);
  }
  std::string quorum_name(const std::string& value) const {
    return "the " + lower(value == "APPROVE" ? "approve" : "reject") + " quorum of " +
           std::to_string(quorum(value));
  }
  // How many of the agents counted for `value` voted the other value too.
  std::size_t also_other(const std::string& value) const {
    std::size_t k = 0;
    auto it = by_value_.find(value);
    if (it != by_value_.end())
      for (const int a : it->second) k += votes_.at(a).size() > 1 ? 1 : 0;
    return k;
  }

  std::string quorum_of(const std::string& value) const {
    if (quorum(value) <= 0) return "outnumbered the other votes";
    return (formed(value) ? "reached " : "fell short of ") + quorum_name(value);
  }

  // The decided value's votes, and every other quorum that formed: with equivocators both can.
  std::string why_decided(const std::string& value, const std::string& proposal) const {
    if (!formed(other(value)))
      return composition(value) + " " + quorum_of(value) + " on " + proposal + ".";
    return "both quorums formed: " + composition(value) + " " + quorum_of(value) + ", and " +
           composition(other(value)) + " " + quorum_of(other(value)) +
           (double_voters_.empty() ? "" : " (" + labels(double_voters_) + " counted in both)") +
           "; the outcome was " + value + " on " + proposal + ".";
  }

  // "no decision in 4 views, although REJECT reached the reject quorum of 3 (7 agents sent it, 4
  // of whom also sent APPROVE); 4 APPROVE of the 5 needed": a quorum that formed is said to
  // have formed, so the failure is looked for after the votes.
  std::string why_no_decision() const {
    std::string out =
        "no decision in " + plural(static_cast<std::size_t>(run_.rounds), run_.round_name);
    if (run_.approve_quorum > 0) {
      std::string reached, short_of;
      for (const std::string value : {"APPROVE", "REJECT"}) {
        if (formed(value)) {
          const std::size_t both = also_other(value);
          reached +=
              (reached.empty() ? "" : " and ") + value + " reached " + quorum_name(value) + " (" +
              plural(count(value), "agent") + " sent it" +
              (both ? ", " + std::to_string(both) + " of whom also sent " + other(value) : "") +
              ")";
        } else {
          short_of += (short_of.empty() ? "" : ", ") + std::to_string(count(value)) + " " + value +
                      " of the " + std::to_string(quorum(value)) + " needed";
        }
      }
      if (reached.empty())
        out += ": " + short_of;
      else
        out += ", although " + reached + (short_of.empty() ? "" : "; " + short_of);
    }
    std::string silent;
    for (int i = 0; i < run_.n; ++i)
      if (!voted_.count(i)) silent += (silent.empty() ? "" : ", ") + who(i);
    if (!silent.empty()) out += "; no vote from " + silent;
    for (const auto& [value, agents] : uncounted_)
      out += "; " + value + " from " + list_of(agents) + " lost or late, not counted";
    if (!equivocated_kinds_.empty()) {
      std::string kinds;
      for (std::size_t k = 0; k < equivocated_kinds_.size(); ++k)
        kinds += (k == 0                               ? ""
                  : k + 1 == equivocated_kinds_.size() ? " and "
                                                       : ", ") +
                 equivocated_kinds_[k];
      out += "; the equivocator" + std::string(equivocators_.size() > 1 ? "s " : " ") +
             labels(equivocators_) + " also sent conflicting " + kinds + " values";
    }
    return out + ".";
  }

  std::string why() const {
    const std::string proposal = run_.truth_good ? "a good proposal" : "a bad proposal";
    if (run_.outcome == "wrong" || run_.outcome == "correct")
      return why_decided(run_.outcome == "wrong" ? run_.wrong_value() : run_.correct_value(),
                         proposal);
    if (run_.outcome == "disagreement") {
      std::string out = "honest agents committed different values";
      for (const auto& [value, agents] : commits_) {
        std::string list;
        for (const int a : agents)
          if (party(a).role == "honest") list += (list.empty() ? "" : ", ") + party(a).label;
        if (!list.empty()) out += "; " + list + " committed " + value;
      }
      if (!equivocators_.empty())
        out += "; the equivocator" + std::string(equivocators_.size() > 1 ? "s " : " ") +
               labels(equivocators_) + " sent both values";
      return out + ".";
    }
    return why_no_decision();
  }

  const TraceRun& run_;
  const std::vector<TraceRecord>& records_;
  int decisive_round_ = -1;
  std::vector<const TraceRecord*> decides_;
  std::map<int, std::set<std::string>> votes_;      // the values counted from each agent
  std::map<std::string, std::set<int>> uncounted_;  // value -> agents whose vote was lost or late
  std::set<int> voted_;                             // agents with any vote, counted or not
  std::map<std::string, std::vector<int>> by_value_;
  std::map<std::string, std::set<int>> commits_;
  std::map<std::tuple<int, std::string, int>, std::map<std::string, std::set<int>>> sent_;
  std::vector<std::tuple<int, std::string, int>> sent_order_;
  std::set<int> equivocators_;                  // agents (not loyal) with conflicting values
  std::vector<std::string> equivocated_kinds_;  // their message kinds but VOTE, first seen first
  std::vector<int> double_voters_;              // agents counted for both values
  std::map<int, std::map<std::string, int>> adversary_;  // agent -> action -> messages
};

}  // namespace

void write_trace_summary(const TraceView& t, std::ostream& out) {
  if (!t.first()) out << "\n";
  Summary(*t.run, *t.records).write(out);
}

}  // namespace byzsim
