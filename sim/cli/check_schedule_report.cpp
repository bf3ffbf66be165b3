#include "sim/cli/check_schedule_report.hpp"

#include <cstdio>
#include <sstream>

#include "sim/core/outcome.hpp"
#include "sim/search/schedule_json.hpp"
#include "sim/search/twins_space.hpp"
#include "sim/trace/format_common.hpp"

namespace byzsim::cli {

namespace {

std::string plural(std::uint64_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string agent_list(const std::vector<int>& agents) {
  std::string out;
  for (std::size_t i = 0; i < agents.size(); ++i) {
    out += i == 0 ? "" : i + 1 == agents.size() ? " and " : ", ";
    out += std::to_string(agents[i]);
  }
  return out;
}

std::string space_text(std::uint64_t space) {
  return space == search::kSaturated ? "more than 1.8e19" : std::to_string(space);
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, seconds < 10 ? "%.3f" : "%.1f", seconds);
  return text;
}

std::string rate(std::uint64_t runs, double seconds) {
  return seconds > 0
             ? std::to_string(static_cast<std::uint64_t>(static_cast<double>(runs) / seconds))
             : std::string();
}

std::string kinds_text(std::uint8_t broken) {
  std::string out;
  const auto add = [&](std::uint8_t bit, const char* name) {
    if (!(broken & bit)) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  add(kBrokenAgreement, "agreement");
  add(kBrokenValidity, "validity");
  add(kBrokenQuorum, "no quorum");
  return out;
}

void print_twins_header(std::ostream& out, const ScheduleCheck& c) {
  const int twins = static_cast<int>(c.byzantine.size());
  out << "mode: twins; " << (twins == 1 ? "agent " : "agents ") << agent_list(c.byzantine)
      << (twins == 1 ? " has a twin (instance " + std::to_string(c.n)
                     : " have a twin each (instances " + std::to_string(c.n) + " to " +
                           std::to_string(c.n + twins - 1))
      << "), " << c.n + twins << " instances\n"
      << "bounds: views 0 to " << c.rounds - 1 << " (--rounds " << c.rounds << "), at most "
      << plural(static_cast<std::uint64_t>(c.partitions), "group", "groups")
      << " per view (--partitions " << c.partitions << "): " << c.n << " leaders x "
      << c.partitions_per_view << " partitions = " << c.choices_per_view << " choices per view\n";
  out << "space: " << space_text(c.space) << " scenarios";
  if (c.sampled)
    out << ", more than the budget: " << c.scenarios
        << " sampled uniformly (with replacement, seed " << c.seed << ")\n";
  else
    out << ", enumerated\n";
}

void print_random_header(std::ostream& out, const ScheduleCheck& c) {
  out << "mode: random (ByzzFuzz-style), seed " << c.seed << ": per scenario up to "
      << plural(static_cast<std::uint64_t>(c.process_faults), "process fault", "process faults");
  if (c.process_faults > 0)
    out << " (agent" << (c.byzantine.size() == 1 ? " " : "s ") << agent_list(c.byzantine)
        << " flipping its messages of a view to some agents)";
  out << " and up to "
      << plural(static_cast<std::uint64_t>(c.network_faults), "network fault", "network faults")
      << " (a view partitioned into at most " << c.partitions << " groups), in views 0 to "
      << c.rounds - 1 << "\n"
      << "scenarios: " << c.scenarios << " drawn at random\n";
}

}  // namespace

void print_check_header(std::ostream& out, const ScheduleCheck& c) {
  out << "check " << c.scenario_name << ": " << c.protocol << ", n = " << c.n << ", f = " << c.f
      << (c.unsafe.empty() ? "" : ", unsafe: " + std::string(c.unsafe) + " (a planted bug)")
      << "\n";
  if (c.twins)
    print_twins_header(out, c);
  else
    print_random_header(out, c);
  out << "cuts: a message cut by a view's partition "
      << (c.cut_delay == 0 ? std::string("is lost")
                           : "arrives " + trace_format::json_seconds(c.cut_delay) +
                                 " s late (the scenario's schedule cut_delay)")
      << "\n";
  out.flush();
}

void print_check_results(std::ostream& out, const ScheduleCheck& c, const search::SearchResult& r,
                         double seconds, std::size_t witnesses, const Replay& replay) {
  if (!r.complete)
    out << "interrupted: partial results, " << r.covered << " of " << c.scenarios
        << " scenarios covered\n";
  out << "explored: " << plural(r.explored, "run", "runs");
  if (c.twins && !c.sampled)
    out << "; covered: " << r.covered << " scenarios"
        << (r.covered > r.explored
                ? " (the others differ from a run only in views it never started)"
                : "");
  out << "\nviolations: " << plural(r.violations, "scenario", "scenarios") << " (agreement "
      << r.agreement << ", validity " << r.validity << ", no quorum " << r.no_quorum << ")";
  if (r.first_violation_seconds >= 0)
    out << "; the first found after " << seconds_text(r.first_violation_seconds) << " s";
  out << "\nresult: ";
  if (r.violations > 0)
    out << "safety can be broken in this space";
  else if (!r.complete)
    out << "no violation found before the interruption";
  else
    out << (c.twins && !c.sampled ? "no violation in this space"
                                  : "no violation in the scenarios run");
  out << "\ntime: " << seconds_text(seconds) << " s (" << rate(r.explored, seconds) << " runs/s)\n";
  for (std::size_t i = 0; i < r.witnesses.size() && i < witnesses; ++i) {
    const search::Witness& w = r.witnesses[i];
    out << "witness " << i + 1 << " (" << kinds_text(w.broken)
        << "): " << (c.sampled || !c.twins ? "sample " : "scenario ") << w.scenario
        << "\n  replay: "
        << replay_command(replay, {"/schedule=" + search::schedule_json(w.schedule)}) << "\n";
  }
}

std::string check_csv(const ScheduleCheck& c, const search::SearchResult& r, double seconds) {
  std::ostringstream out;
  out << "protocol,n,f,mode,rounds,partitions,process_faults,network_faults,space,explored,"
         "covered,sampled,violations,agreement,validity,no_quorum,first_witness_scenario,"
         "seconds,scenarios_per_s,unsafe,cut_delay_s\n";
  out << c.protocol << "," << c.n << "," << c.f << "," << (c.twins ? "twins" : "random") << ","
      << c.rounds << "," << c.partitions << ",";
  if (!c.twins) out << c.process_faults;
  out << ",";
  if (!c.twins) out << c.network_faults;
  out << ",";
  if (c.twins) out << (c.space == search::kSaturated ? std::string("") : std::to_string(c.space));
  out << "," << r.explored << "," << r.covered << "," << (c.sampled || !c.twins ? "true" : "false")
      << "," << r.violations << "," << r.agreement << "," << r.validity << "," << r.no_quorum
      << ",";
  if (!r.witnesses.empty()) out << r.witnesses.front().scenario;
  out << "," << seconds_text(seconds) << "," << rate(r.explored, seconds) << "," << c.unsafe << ","
      << trace_format::json_seconds(c.cut_delay) << "\n";
  return out.str();
}

}  // namespace byzsim::cli
