// `byzsim check --twins` and `check --random` (docs/check.md): the search of adversarial
// schedules (a leader and a partition per view, twins, value mutations) for the leader-based
// protocols, on point 0 of the scenario. cmd_check dispatches here; the spaces and the
// parallel runner are sim/search/, the report check_schedule_report.
#pragma once

#include <string>

#include <boost/program_options.hpp>

#include "sim/model/loaded_scenario.hpp"

namespace byzsim::cli {

// Adds --twins, --random and their bounds to check's options.
void add_schedule_search_options(boost::program_options::options_description& options);

// Whether the command line asks for --twins or --random; UsageError for one of their options
// without either.
bool schedule_search_asked(const boost::program_options::variables_map& vm);

// The protocols whose spec honours a schedule, as an and_list ("pbft, hotstuff and tendermint").
std::string schedulable_protocols();

// Runs the search the command line asks for; the exit status (UsageError for bad input).
int check_schedules(const boost::program_options::variables_map& vm, const std::string& binary,
                    const LoadedScenario& loaded);

}  // namespace byzsim::cli
