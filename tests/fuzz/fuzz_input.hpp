// Splitting a fuzz input into a document and command-line strings, so one byte string drives
// both the JSON loader and the --set/--vary parsers. Used by the scenario fuzz target.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace byzsim::fuzz {

// The line that ends the document; the lines after it are command-line strings.
inline constexpr std::string_view kArgumentsSeparator = "\n%%\n";
// At most this many --set/--vary strings, so an input cannot ask for thousands of patches.
inline constexpr std::size_t kMaxArguments = 8;

struct ScenarioInput {
  std::string document;
  std::vector<std::string> sets;    // lines "S<PTR=VALUE>"
  std::vector<std::string> varies;  // lines "V<PTR=SPEC>"
  std::vector<std::string> wheres;  // lines "W<EXPR>" (--where)
};

// Everything before the separator is the document; after it, a line starting with 'S' is a
// --set, one with 'V' a --vary, one with 'W' a --where (the rest of the line, as typed), any
// other line is ignored.
inline ScenarioInput split_scenario_input(std::string_view data) {
  ScenarioInput input;
  const std::size_t separator = data.find(kArgumentsSeparator);
  input.document = std::string(data.substr(0, separator));
  if (separator == std::string_view::npos) return input;
  std::string_view rest = data.substr(separator + kArgumentsSeparator.size());
  while (!rest.empty() &&
         input.sets.size() + input.varies.size() + input.wheres.size() < kMaxArguments) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.empty()) continue;
    if (line.front() == 'S') input.sets.emplace_back(line.substr(1));
    if (line.front() == 'V') input.varies.emplace_back(line.substr(1));
    if (line.front() == 'W') input.wheres.emplace_back(line.substr(1));
  }
  return input;
}

}  // namespace byzsim::fuzz
