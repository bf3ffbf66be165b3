// Shared command-line plumbing for the byzsim commands.
#include "sim/cli/cli_common.hpp"

#include <unistd.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

#include "sim/cli/output_file.hpp"
#include "sim/json/suggest.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/convert.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

void add_override_options(po::options_description& options) {
  options.add_options()(
      "set", po::value<std::vector<std::string>>()->composing(),
      "PTR=VALUE: set one value, PTR a JSON pointer into the scenario (--set /protocol/f=3)")(
      "vary", po::value<std::vector<std::string>>()->composing(),
      "[NAME:]PTR=SPEC: sweep one value: 0:4 (inclusive), 0:10:2 (step), a,b,c (list), or an "
      "expression over n, f and named axes (floor((n-1)/3)); NAME names the axis (docs/sweeps.md)")(
      "where", po::value<std::vector<std::string>>()->composing(),
      "EXPR: keep only the sweep points where EXPR (over n, f and named axes) is true")(
      "trials", po::value<std::string>(), "override the scenario's trials (1 to 1e12)")(
      "seed", po::value<std::string>(), "override the scenario's seed (0 to 2^64-1)")(
      "memory-limit", po::value<std::string>(),
      "SIZE: the memory one trial (or trace) may need, e.g. 16GiB (default 4GiB); larger "
      "scenarios are refused up front with the estimate");
}

ScenarioOverrides read_overrides(const po::variables_map& vm) {
  ScenarioOverrides o;
  if (vm.count("set")) o.sets = vm["set"].as<std::vector<std::string>>();
  if (vm.count("vary")) o.varies = vm["vary"].as<std::vector<std::string>>();
  if (vm.count("where")) o.wheres = vm["where"].as<std::vector<std::string>>();
  if (vm.count("trials"))
    o.trials =
        parse_whole_number("--trials", vm["trials"].as<std::string>(), 1, convert::kMaxTrials);
  if (vm.count("seed"))
    o.seed = parse_whole_number("--seed", vm["seed"].as<std::string>(), 0, UINT64_MAX);
  if (vm.count("memory-limit"))
    o.memory_limit = parse_memory_size("--memory-limit", vm["memory-limit"].as<std::string>());
  return o;
}

std::uint64_t parse_memory_size(const std::string& option, const std::string& text) {
  const std::string accepted =
      "; accepted: a size from 64MiB to 1TiB, as bytes or with a unit (KB MB GB TB: powers of "
      "1000; KiB MiB GiB TiB: powers of 1024), e.g. 16GiB";
  double number = 0;
  const char* end = text.data() + text.size();
  const auto [rest, error] = std::from_chars(text.data(), end, number);
  if (error != std::errc{} || !std::isfinite(number) || number <= 0)
    throw UsageError{option + " '" + text + "': not a size" + accepted};
  std::string unit(rest, end);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, double> kUnits[] = {{"", 1},
                                                          {"b", 1},
                                                          {"kb", 1e3},
                                                          {"mb", 1e6},
                                                          {"gb", 1e9},
                                                          {"tb", 1e12},
                                                          {"kib", 1024.0},
                                                          {"mib", 1048576.0},
                                                          {"gib", 1073741824.0},
                                                          {"tib", 1099511627776.0},
                                                          {"k", 1024.0},
                                                          {"m", 1048576.0},
                                                          {"g", 1073741824.0},
                                                          {"t", 1099511627776.0}};
  for (const auto& [name, scale] : kUnits) {
    if (unit != name) continue;
    const double bytes = number * scale;
    if (bytes < 64.0 * 1048576.0 || bytes > 1099511627776.0)
      throw UsageError{option + " '" + text + "': out of range" + accepted};
    return static_cast<std::uint64_t>(bytes);
  }
  throw UsageError{option + " '" + text + "': unknown unit '" + std::string(rest, end) + "'" +
                   accepted};
}

std::uint64_t parse_whole_number(const std::string& option, const std::string& text,
                                 std::uint64_t min, std::uint64_t max) {
  const std::string accepted = "accepted: a whole number from " + std::to_string(min) + " to " +
                               std::to_string(max) + " (digits, or a form like 1e6)";
  const std::string given = option + " '" + text + "'";
  const std::size_t first = text.find_first_not_of(" \t");
  if (first != std::string::npos && text[first] == '-' &&
      text.find_first_of("123456789") != std::string::npos)
    throw UsageError{given + ": must not be negative; " + accepted};
  const bool digits_only =
      !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits_only) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && value > max))
      throw UsageError{given + ": too large; " + accepted};
    if (ec != std::errc() || end != text.data() + text.size())
      throw UsageError{given + ": not a whole number; " + accepted};
    if (value < min) throw UsageError{given + ": too small; " + accepted};
    return value;
  }
  // "1e12": read as a double, accepted only when whole and exactly representable here.
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if ((ec != std::errc() && ec != std::errc::result_out_of_range) ||
      end != text.data() + text.size() || text.empty() || std::isnan(value))
    throw UsageError{given + ": not a whole number; " + accepted};
  if (value < 0) throw UsageError{given + ": must not be negative; " + accepted};
  if (ec == std::errc::result_out_of_range || !(value <= static_cast<double>(max)) ||
      value >= 9007199254740992.0)  // 2^53: beyond it a double no longer holds every integer
    throw UsageError{given + ": too large; " + accepted};
  if (value != std::floor(value)) throw UsageError{given + ": not a whole number; " + accepted};
  const auto whole = static_cast<std::uint64_t>(value);
  if (whole < min) throw UsageError{given + ": too small; " + accepted};
  return whole;
}

std::string and_list(const std::vector<std::string_view>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i)
    list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + std::string(names[i]);
  return list;
}

std::string protocols_where(bool (*has)(const ProtocolSpec&)) {
  return and_list(ProtocolRegistry::builtin().names_where(has));
}

int parse_threads(const std::string& text) {
  return static_cast<int>(parse_whole_number("--threads", text, 0, kMaxThreads));
}

LoadedBatch load_batch(const std::vector<std::string>& files, const ScenarioOverrides& overrides,
                       std::ostream* err, bool lazy) {
  LoadOptions options;
  options.lazy = lazy;
  options.sets = overrides.sets;
  options.varies = overrides.varies;
  options.wheres = overrides.wheres;
  options.memory_budget = overrides.memory_limit;
  LoadedBatch batch;
  for (const auto& file : files) {
    LoadResult result = load_scenario_file(file, options);
    if (err) {
      for (const auto& d : result.warnings) *err << d.to_string("warning") << "\n";
      for (const auto& d : result.diagnostics) *err << d.to_string() << "\n";
    }
    if (!result.ok()) {
      ++batch.failed;
      continue;
    }
    for (auto& point : result.scenario->points) {
      if (overrides.trials) point.scenario.trials = *overrides.trials;
      if (overrides.seed) point.scenario.seed = *overrides.seed;
    }
    batch.scenarios.push_back(std::move(*result.scenario));
  }
  return batch;
}

std::optional<std::vector<LoadedScenario>> load_all(const std::vector<std::string>& files,
                                                    const ScenarioOverrides& overrides,
                                                    std::ostream& err) {
  LoadedBatch batch = load_batch(files, overrides, &err);
  if (batch.failed > 0) return std::nullopt;
  return std::move(batch.scenarios);
}

void parse_command_line(const std::string& command, int argc, char** argv,
                        const po::options_description& options,
                        const po::positional_options_description& positional,
                        po::variables_map& vm) {
  parse_command_line(command, argc, argv, options, po::options_description(), positional, vm);
}

void parse_command_line(const std::string& command, int argc, char** argv,
                        const po::options_description& options,
                        const po::options_description& hidden,
                        const po::positional_options_description& positional,
                        po::variables_map& vm) {
  po::options_description all;
  all.add(options).add(hidden);
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    // A typo (--trails) gets the nearest option the command has, as scenario keys do.
    std::string given = e.get_option_name();
    while (!given.empty() && given.front() == '-') given.erase(0, 1);
    std::vector<std::string> names;
    for (const auto& option : options.options())
      if (!option->long_name().empty()) names.push_back(option->long_name());
    const std::vector<std::string_view> accepted(names.begin(), names.end());
    std::string message = "byzsim " + command + ": unknown option '" + e.get_option_name() + "'";
    if (const auto near = nearest_name(given, accepted))
      message += "; did you mean '--" + *near + "'?";
    throw UsageError{message + " (see 'byzsim " + command + " --help')"};
  } catch (const po::error& e) {
    throw UsageError{"byzsim " + command + ": " + e.what() + " (see 'byzsim " + command +
                     " --help')"};
  }
}

void write_file_atomically(const std::string& path, const std::string& content,
                           std::string_view option) {
  write_file_atomically(
      path, [&](std::ostream& out) { out << content; }, option);
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string_view option) {
  // The same lock `run` holds on its output: a file another byzsim is writing is refused, and
  // a symlink, device or directory is never replaced.
  LockedOutputFile file(path, option);
  file.replace(write);
}

bool stderr_is_terminal() {
  return isatty(fileno(stderr)) != 0;
}

}  // namespace byzsim::cli
