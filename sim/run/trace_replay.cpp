// replay_trial: runs the trial into a capped buffer, then describes its parties from the
// population of that very trial (roles after corruption, crash times) and the protocol's spec.
#include "sim/run/trace_replay.hpp"

#include "sim/agents/strategy.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {

ReplayedTrial replay_trial(TrialRunner& runner, std::uint64_t trial, std::size_t cap) {
  TraceBuffer buffer(cap);
  ReplayedTrial out;
  out.result = runner.run(trial, &buffer);
  const Scenario& scenario = *runner.scenario();
  const ProtocolSpec& spec = spec_of(scenario.protocol);
  TraceRun& run = out.run;
  run.scenario = scenario.name;
  run.protocol = std::string(spec.name);
  run.point = runner.point();
  run.trial = trial;
  run.seed = scenario.seed;
  run.n = scenario.n();
  const Population& population = runner.population();
  run.truth_good = population.truth_good();
  for (int i = 0; i < population.size(); ++i) {
    const AgentState& a = population[i];
    run.parties.push_back(TraceParty{"agent " + std::to_string(i), to_string(a.role()),
                                     std::string(a.strategy().name), a.corrupted,
                                     a.crash_at == kTimeNever ? -1 : a.crash_at});
  }
  // Under a schedule, ids n .. n + t - 1 are the twins (docs/check.md): a second instance of
  // an agent, with its role and strategy.
  for (const int agent : scenario.schedule.twins) {
    const AgentState& a = population[agent];
    run.parties.push_back(TraceParty{
        "twin " + std::to_string(run.parties.size()) + " (agent " + std::to_string(agent) + ")",
        to_string(a.role()), std::string(a.strategy().name), a.corrupted,
        a.crash_at == kTimeNever ? -1 : a.crash_at});
  }
  // Ids beyond the agents are trusted parties of the protocol (the coordinator is agent n).
  const int parties = static_cast<int>(run.parties.size());
  int highest = parties - 1;
  for (const TraceRecord& r : buffer.records()) highest = std::max({highest, r.from, r.to});
  for (int id = parties; id <= highest; ++id)
    run.parties.push_back(TraceParty{id == run.n ? "coordinator" : "party " + std::to_string(id),
                                     id == run.n ? "coordinator" : "party", "", false, -1});
  if (spec.quorums_in_row) {
    run.approve_quorum = scenario.protocol.approve_quorum;
    run.reject_quorum = scenario.protocol.reject_quorum;
  }
  // The round column's name says what a round is called: max_rounds -> round, max_views -> view.
  std::string_view column = spec.rounds_column;
  if (column.starts_with("max_")) column.remove_prefix(4);
  if (column.ends_with("s")) column.remove_suffix(1);
  run.round_name = std::string(column);
  run.outcome = to_string(out.result.outcome);
  run.rounds = out.result.rounds;
  run.messages = out.result.messages;
  const bool decided =
      out.result.outcome == Outcome::correct || out.result.outcome == Outcome::wrong;
  run.latency_ns = decided ? out.result.latency_ns : -1;
  run.dropped_records = buffer.dropped();
  run.record_cap = cap;
  out.records = buffer.records();
  return out;
}

}  // namespace byzsim
