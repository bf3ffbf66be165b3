#include "sim/cli/check_replay.hpp"

#include <algorithm>

namespace byzsim::cli {

namespace {

bool is_within(const std::string& pointer, const std::string& parent) {
  return pointer == parent || pointer.rfind(parent + "/", 0) == 0;
}

}  // namespace

std::string shell_quote(const std::string& s) {
  if (s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._=-") ==
      std::string::npos)
    return s;
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

Replay replay_of(const std::string& binary, const std::string& file,
                 const std::vector<std::string>& sets, const LoadedScenario& loaded) {
  Replay replay{binary, file, sets, {}, !loaded.axes.empty()};
  for (std::size_t a = 0; a < loaded.axes.size(); ++a)
    replay.axis_values.emplace_back(loaded.axes[a].pointer,
                                    loaded.points.front().axis_values[a].dump());
  return replay;
}

std::string replay_command(const Replay& replay, const std::vector<std::string>& witness_sets) {
  const auto overridden = [&](const std::string& pointer) {
    return std::any_of(witness_sets.begin(), witness_sets.end(), [&](const std::string& set) {
      return is_within(pointer, set.substr(0, set.find('=')));
    });
  };
  std::string out = shell_quote(replay.binary) + " trace " + shell_quote(replay.file);
  if (replay.has_sweep || !replay.sets.empty()) out += " --set /sweep={}";
  for (const std::string& set : replay.sets)
    if (!overridden(set.substr(0, set.find('=')))) out += " --set " + shell_quote(set);
  for (const auto& [pointer, value] : replay.axis_values)
    if (!overridden(pointer)) out += " --set " + shell_quote(pointer + "=" + value);
  for (const std::string& set : witness_sets) out += " --set " + shell_quote(set);
  return out;
}

}  // namespace byzsim::cli
