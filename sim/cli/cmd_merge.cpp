// `byzsim merge`: join shard outputs into one file in point order. Rows are keyed by
// (scenario, point); the same row in two files is kept once, conflicting rows are an error.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/report/csv_read.hpp"
#include "sim/report/row_format.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{path + ": error: cannot read the file"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int cmd_merge(int argc, char** argv) {
  po::options_description options(
      "byzsim merge CSV... [options]\n\nMerge the CSV outputs of shards (--shard K/N) into "
      "the file a single run writes: rows in scenario order, then point order.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>()->default_value(""), "write there (default stdout)");
  options.add_options()("csv", po::value<std::vector<std::string>>(), "CSV files");
  po::positional_options_description positional;
  positional.add("csv", -1);
  po::variables_map vm;
  parse_command_line("merge", argc, argv, options, positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("csv"))
    throw UsageError{"byzsim merge: no CSV file given (see 'byzsim merge --help')"};

  std::vector<std::string> header;
  // Scenario order: shard 1 holds every scenario's point 0, in the order of the run; the
  // order in which point-0 rows appear (files in the order given) recovers it.
  std::vector<std::string> scenario_order;
  std::map<std::string, std::map<long long, std::string>> rows;  // scenario -> point -> line
  for (const auto& path : vm["csv"].as<std::vector<std::string>>()) {
    CsvTable table;
    std::string error;
    if (!parse_csv(read_file(path), table, error)) throw UsageError{path + ": error: " + error};
    if (header.empty()) header = table.header;
    if (table.header != header)
      throw UsageError{path +
                       ": error: its header differs from the first file's; merge only "
                       "outputs of the same scenarios and options"};
    const auto column = [&](const char* name) {
      const auto it = std::find(header.begin(), header.end(), name);
      if (it == header.end())
        throw UsageError{path + ": error: no '" + std::string(name) +
                         "' column: not a byzsim output"};
      return static_cast<std::size_t>(it - header.begin());
    };
    const std::size_t scenario_col = column("scenario"), point_col = column("point");
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& name = table.rows[r][scenario_col];
      const std::string& point_text = table.rows[r][point_col];
      if (point_text.empty() || point_text.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError{path + ": error: row " + std::to_string(r + 1) + ": point '" + point_text +
                         "' is not a whole number"};
      const long long point = std::stoll(point_text);
      if (point == 0 &&
          std::find(scenario_order.begin(), scenario_order.end(), name) == scenario_order.end())
        scenario_order.push_back(name);
      auto [slot, inserted] = rows[name].emplace(point, table.row_lines[r]);
      if (!inserted && slot->second != table.row_lines[r])
        throw UsageError{path + ": error: scenario '" + name + "' point " + std::to_string(point) +
                         " differs from the same point in an earlier file: were the shards run "
                         "with different seeds, trials or versions?"};
    }
  }
  for (const auto& [name, points] : rows) {
    if (std::find(scenario_order.begin(), scenario_order.end(), name) == scenario_order.end())
      throw UsageError{"byzsim merge: scenario '" + name +
                       "' has no point 0: is the file of shard 1 missing?"};
    long long expected = 0;
    for (const auto& entry : points)
      if (entry.first != expected++)
        throw UsageError{"byzsim merge: scenario '" + name + "' point " +
                         std::to_string(expected - 1) + " is missing: is a shard's file missing?"};
  }
  std::string content = csv_line(header);
  for (const auto& name : scenario_order)
    for (const auto& entry : rows[name]) content += entry.second;
  const std::string out = vm["out"].as<std::string>();
  if (out.empty())
    std::cout << content;
  else
    write_file_atomically(out, content);
  return kExitOk;
}

}  // namespace byzsim::cli
