// `byzsim merge`: join shard outputs into the file a single run writes. Every input is checked
// before anything is written: its sidecar (merge_inputs: one run, unedited, each shard once),
// every row and cell (merge_rows: what byzsim writes for that point), and that no point of the
// run is missing, unless --partial asks for what is there. Files are streamed: only where each
// row is stays in memory (about 28 bytes a row).

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"
#include "sim/cli/merge_cells.hpp"
#include "sim/cli/merge_inputs.hpp"
#include "sim/cli/merge_result.hpp"
#include "sim/cli/merge_rows.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/cli/run_meta.hpp"
#include "sim/report/csv_read.hpp"
#include "sim/report/row_format.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

// Where one row is: enough to read it again.
struct RowRef {
  std::uint32_t file;  // index into the inputs
  std::uint32_t line;
  std::uint64_t offset;
};

std::unique_ptr<std::ifstream> open_input(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw UsageError{path +
                     ": error: is a directory; accepted: a CSV file written by "
                     "'byzsim run' (or a shard's -o file)"};
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in)
    throw UsageError{path + ": error: cannot read the file (does it exist, may you read it?)"};
  return in;
}

class Merge {
 public:
  explicit Merge(const MergePlan& plan) : plan_(plan), checker_(plan) {
    seen_.resize(checker_.scenario_count());
    for (std::size_t s = 0; s < seen_.size(); ++s) seen_[s].assign(checker_.point_count(s), -1);
  }
  // Reads and checks every file, keeping where each row is.
  void scan() {
    for (std::uint32_t f = 0; f < plan_.inputs.size(); ++f) scan_file(f);
  }
  std::vector<MissingPoints> missing() const;
  void write(std::ostream& out);
  std::size_t point_total() const;

 private:
  void scan_file(std::uint32_t f);
  void keep(const std::string& where, RowKey key, RowRef ref);
  std::string row_text(const RowRef& ref);  // as byzsim writes it

  const MergePlan& plan_;
  RowChecker checker_;
  std::vector<std::string> header_;
  std::vector<RowRef> rows_;
  std::vector<std::vector<std::int32_t>> seen_;  // per scenario and point: index into rows_, or -1
  std::vector<std::unique_ptr<std::ifstream>> readers_;  // for row_text, opened on demand
};

void Merge::scan_file(std::uint32_t f) {
  const MergeInput& input = plan_.inputs[f];
  auto in = open_input(input.path);
  CsvRecordReader reader(*in->rdbuf());
  std::vector<std::string> fields;
  if (!reader.next(fields))
    throw UsageError{
        input.path + ": error: " +
        (reader.error().empty() ? "the file is empty (no header line)" : reader.error())};
  checker_.set_header(input.path, fields);
  if (header_.empty()) header_ = fields;
  const OutcomeColumns outcomes = find_outcome_columns(input.path, header_);
  const auto taken = [this](std::uint32_t s, std::uint32_t p) { return seen_[s][p] >= 0; };
  while (reader.next(fields)) {
    const std::string where = input.path + ":" + std::to_string(reader.record_line());
    const RowKey key = checker_.check(where, input, fields, taken);
    check_outcomes(where, outcomes, fields);
    keep(where, key,
         RowRef{f, static_cast<std::uint32_t>(reader.record_line()), reader.record_offset()});
  }
  if (!reader.error().empty()) throw UsageError{input.path + ": error: " + reader.error()};
}

// Shards are disjoint, so a point read twice is a file given twice or an edited row.
void Merge::keep(const std::string& where, RowKey key, RowRef ref) {
  std::int32_t& slot = seen_[key.scenario][key.point];
  if (slot >= 0) {
    const RowRef& first = rows_[static_cast<std::size_t>(slot)];
    throw UsageError{where + ": error: scenario '" + checker_.name(key.scenario) + "' point " +
                     std::to_string(key.point) + " is also at " + plan_.inputs[first.file].path +
                     ":" + std::to_string(first.line) +
                     "; accepted: each point once (each shard's file once, rows as written)"};
  }
  slot = static_cast<std::int32_t>(rows_.size());
  rows_.push_back(ref);
}

std::string Merge::row_text(const RowRef& ref) {
  if (readers_.empty()) readers_.resize(plan_.inputs.size());
  auto& in = readers_[ref.file];
  const std::string& path = plan_.inputs[ref.file].path;
  if (!in) in = open_input(path);
  // Rows are read back mostly in file order; seek only when not already there.
  if (static_cast<std::uint64_t>(in->tellg()) != ref.offset)
    in->seekg(static_cast<std::streamoff>(ref.offset));
  CsvRecordReader reader(*in->rdbuf(), ref.offset, static_cast<int>(ref.line));
  std::vector<std::string> fields;
  if (!reader.next(fields))
    throw UsageError{path + ":" + std::to_string(ref.line) +
                     ": error: the file changed while merging"};
  in->clear();
  return csv_line(fields);
}

std::vector<MissingPoints> Merge::missing() const {
  std::vector<MissingPoints> out;
  for (std::size_t s = 0; s < seen_.size(); ++s) {
    MissingPoints m{s, checker_.name(s), {}};
    for (std::size_t p = 0; p < seen_[s].size(); ++p)
      if (seen_[s][p] < 0) m.points.push_back(static_cast<int>(p));
    if (!m.points.empty()) out.push_back(std::move(m));
  }
  return out;
}

std::size_t Merge::point_total() const {
  std::size_t total = 0;
  for (const auto& points : seen_) total += points.size();
  return total;
}

// Rows in the sidecar's scenario order, then point order: the order of a single run.
void Merge::write(std::ostream& out) {
  out << csv_line(header_);
  for (const auto& points : seen_)
    for (const std::int32_t row : points)
      if (row >= 0) out << row_text(rows_[static_cast<std::size_t>(row)]);
}

}  // namespace

int cmd_merge(int argc, char** argv) {
  po::options_description options = help_options(
      "byzsim merge CSV... [options]\n\nMerge the CSV outputs of shards (--shard K/N) into "
      "the file a single run writes: rows in scenario order, then point order. Every input "
      "needs its sidecar (<file>.meta.json); all must be of one run (same scenarios, seed, "
      "trials, version, shard count), each shard once, every row as byzsim writes it, and no "
      "point missing. The merged sidecar is written beside -o.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "out,o", po::value<std::string>()->default_value(""), "write there (default stdout)")(
      "partial",
      "merge what is there when shards or points are missing: say so on stderr and in the "
      "merged sidecar (\"partial\": true, \"missing_shards\", \"missing_points\")");
  po::positional_options_description positional;
  positional.add("csv", -1);
  po::variables_map vm;
  parse_command_line("merge", argc, argv, options, positional_option("csv", "CSV files"),
                     positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("csv"))
    throw UsageError{"byzsim merge: no CSV file given (see 'byzsim merge --help')"};

  const auto paths = vm["csv"].as<std::vector<std::string>>();
  std::vector<std::string> inputs = paths;
  for (const std::string& path : paths) inputs.push_back(sidecar_path(path));
  const std::string out = vm["out"].as<std::string>();
  require_outputs_spare_inputs({{"-o", out}, {"the sidecar", out.empty() ? "" : sidecar_path(out)}},
                               inputs);
  const MergePlan plan = read_merge_inputs(paths);
  Merge merge(plan);
  merge.scan();
  const std::vector<MissingPoints> missing = merge.missing();
  if (!missing.empty() && !vm.count("partial"))
    throw UsageError{incomplete_message(plan, missing, merge.point_total())};
  if (!missing.empty()) std::cerr << partial_note(plan, missing, merge.point_total(), !out.empty());
  if (out.empty()) {
    merge.write(std::cout);
    std::cout.flush();
    return kExitOk;
  }
  write_file_atomically(out, [&](std::ostream& stream) { merge.write(stream); });
  write_file_atomically(sidecar_path(out),
                        merged_sidecar(plan, missing, argc, argv).dump(2) + "\n");
  return kExitOk;
}

}  // namespace byzsim::cli
