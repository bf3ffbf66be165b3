// The `byzsim trace` command that replays a witness of `byzsim check` (every mode): the binary
// as invoked, the scenario file, the user's --set, point 0's value of each sweep axis (check
// searches point 0), then the witness's own --set (a commander and script, or a schedule).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/model/loaded_scenario.hpp"

namespace byzsim::cli {

// `s` as one word of a POSIX shell command line (single-quoted when it needs to be).
std::string shell_quote(const std::string& s);

// What a witness's replay command needs besides the witness. The sweep is emptied first, so
// that the witness's --set of a swept key (om-3-m1 sweeps /protocol/commander) replaces nothing
// and the command warns of nothing.
struct Replay {
  std::string binary;
  std::string file;
  std::vector<std::string> sets;                                 // the user's, in order
  std::vector<std::pair<std::string, std::string>> axis_values;  // pointer, JSON text
  bool has_sweep = false;
};

// The replay of point 0 of `loaded` as check read it (binary: argv[0]; sets: the user's).
Replay replay_of(const std::string& binary, const std::string& file,
                 const std::vector<std::string>& sets, const LoadedScenario& loaded);

// The command, with `witness_sets` ("POINTER=JSON") last; a user's --set or an axis value that
// a witness's set covers is left out, so the command says each key once.
std::string replay_command(const Replay& replay, const std::vector<std::string>& witness_sets);

}  // namespace byzsim::cli
