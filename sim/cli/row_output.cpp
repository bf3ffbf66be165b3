// RowOutput: buffers file output until complete (no half-written files); streams stdout.
#include "sim/cli/row_output.hpp"

#include <filesystem>
#include <iostream>

#include "sim/cli/cli_common.hpp"

namespace byzsim::cli {

OutputFormat parse_format(const std::string& text) {
  if (text == "csv") return OutputFormat::csv;
  if (text == "json") return OutputFormat::json;
  throw UsageError{"--format: unknown format '" + text + "'; accepted: csv, json"};
}

RowOutput::RowOutput(const std::string& out, OutputFormat format,
                     const std::vector<const LoadedScenario*>& scenarios)
    : format_(format) {
  namespace fs = std::filesystem;
  const bool is_directory =
      !out.empty() && (fs::is_directory(out) || out.back() == '/' || out.back() == '\\');
  if (is_directory) {
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw UsageError{"-o: cannot create directory '" + out + "': " + ec.message()};
    per_scenario_ = true;
    const char* extension = format == OutputFormat::csv ? ".csv" : ".json";
    for (const LoadedScenario* s : scenarios) {
      const std::string name = s->points.empty() ? "scenario" : s->points.front().scenario.name;
      targets_.push_back(Target{(fs::path(out) / (name + extension)).string(),
                                RowFormat::for_scenarios({s}), "", {}});
    }
  } else {
    targets_.push_back(Target{out, RowFormat::for_scenarios(scenarios), "", {}});
  }
  for (auto& t : targets_) t.csv = t.format.csv_header();
}

RowOutput::Target& RowOutput::target_for(std::size_t scenario_index) {
  return per_scenario_ ? targets_[scenario_index] : targets_.front();
}

void RowOutput::add(std::size_t scenario_index, const Row& row) {
  Target& target = target_for(scenario_index);
  if (format_ == OutputFormat::json) {
    target.json_rows.push_back(target.format.json_row(row));
    return;
  }
  if (target.path.empty()) {  // stdout: stream each row as soon as it is known
    if (!stdout_started_) std::cout << target.csv;
    stdout_started_ = true;
    std::cout << target.format.csv_row(row) << std::flush;
    return;
  }
  target.csv += target.format.csv_row(row);
}

void RowOutput::finish() {
  for (auto& target : targets_) {
    std::string content;
    if (format_ == OutputFormat::json) {
      content = nlohmann::ordered_json(target.json_rows).dump(2) + "\n";
    } else {
      content = target.csv;
    }
    if (target.path.empty()) {
      if (format_ == OutputFormat::json)
        std::cout << content;
      else if (!stdout_started_)
        std::cout << content;  // header only: no rows at all
      std::cout.flush();
    } else {
      write_file_atomically(target.path, content);
    }
  }
}

}  // namespace byzsim::cli
