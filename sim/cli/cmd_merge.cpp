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
  options.add_options()
      ("help,h", "show this help")
      ("out,o", po::value<std::string>()->default_value(""), "write there (default stdout)");
  options.add_options()("csv", po::value<std::vector<std::string>>(), "CSV files");
  po::positional_options_description positional;
  positional.add("csv", -1);
  po::variables_map vm;
  parse_command_line("merge", argc, argv, options, positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("csv")) throw UsageError{"byzsim merge: no CSV file given (see 'byzsim merge --help')"};

  std::vector<std::string> header;
  std::vector<std::string> scenario_order;  // first appearance
  std::map<std::pair<std::size_t, long long>, std::string> rows;
  for (const auto& path : vm["csv"].as<std::vector<std::string>>()) {
    CsvTable table;
    std::string error;
    if (!parse_csv(read_file(path), table, error)) throw UsageError{path + ": error: " + error};
    if (header.empty()) header = table.header;
    if (table.header != header)
      throw UsageError{path + ": error: its header differs from the first file's; merge only "
                       "outputs of the same scenarios and options"};
    const auto scenario_col = std::find(header.begin(), header.end(), "scenario") - header.begin();
    const auto point_col = std::find(header.begin(), header.end(), "point") - header.begin();
    if (static_cast<std::size_t>(point_col) >= header.size())
      throw UsageError{path + ": error: no 'point' column: not a byzsim output"};
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& name = table.rows[r][static_cast<std::size_t>(scenario_col)];
      auto it = std::find(scenario_order.begin(), scenario_order.end(), name);
      if (it == scenario_order.end()) it = scenario_order.insert(it, name);
      const auto key = std::make_pair(static_cast<std::size_t>(it - scenario_order.begin()),
                                      std::stoll(table.rows[r][static_cast<std::size_t>(point_col)]));
      auto [slot, inserted] = rows.emplace(key, table.row_lines[r]);
      if (!inserted && slot->second != table.row_lines[r])
        throw UsageError{path + ": error: scenario '" + name + "' point " +
                         std::to_string(key.second) +
                         " differs from the same point in an earlier file: were the shards run "
                         "with different seeds, trials or versions?"};
    }
  }
  std::string content;
  for (std::size_t i = 0; i < header.size(); ++i) content += (i ? "," : "") + csv_field(header[i]);
  content += "\n";
  for (const auto& [key, line] : rows) content += line;
  const std::string out = vm["out"].as<std::string>();
  if (out.empty())
    std::cout << content;
  else
    write_file_atomically(out, content);
  return kExitOk;
}

}  // namespace byzsim::cli
