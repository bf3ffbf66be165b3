// `byzsim merge`: join shard outputs into one file in point order. Rows are keyed by
// (scenario, point); the same row in two files is kept once, conflicting rows are an error.
// Files are streamed: only where each row is stays in memory (about 24 bytes a row), and every
// simulated row is checked (counts add up to trials, rates match counts) before anything is
// written.

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <unordered_map>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/cli/run_meta.hpp"
#include "sim/report/csv_read.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

constexpr std::uint32_t kMaxPoint = 2147483647;  // points are ints everywhere else

// Where one row is: enough to order it and to read it again.
struct RowRef {
  std::uint32_t scenario;  // index into Merge::names
  std::uint32_t point;
  std::uint32_t file;  // index into the paths
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

bool parse_u64(const std::string& text, std::uint64_t& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end;
}

// The columns the checks read, by index into the header.
struct Columns {
  std::size_t scenario, point, method, trials, counts[kOutcomeCount], rates[kOutcomeCount][3];
};

// An outcome's count column (`correct`) and its rate and bounds (`p_correct`, `_lo`, `_hi`).
std::string count_name(int outcome) {
  return std::string(outcome_column(outcome, OutcomeColumn::count));
}
std::string rate_name(int outcome, int part) {
  constexpr OutcomeColumn kParts[3] = {OutcomeColumn::rate, OutcomeColumn::lo, OutcomeColumn::hi};
  return std::string(outcome_column(outcome, kParts[part]));
}

Columns find_columns(const std::string& path, const std::vector<std::string>& header) {
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw UsageError{path + ":1: error: no '" + std::string(name) +
                       "' column: not a byzsim output"};
    return static_cast<std::size_t>(it - header.begin());
  };
  Columns c{};
  c.scenario = column("scenario");
  c.point = column("point");
  c.method = column("method");
  c.trials = column("trials");
  for (int i = 0; i < kOutcomeCount; ++i) {
    c.counts[i] = column(count_name(i));
    for (int k = 0; k < 3; ++k) c.rates[i][k] = column(rate_name(i, k));
  }
  return c;
}

// A simulated row must be what byzsim writes for its counts: they add up to trials and each
// rate and Wilson bound is the one printed for count/trials. Exact rows have no counts.
void check_counts(const std::string& where, const Columns& c,
                  const std::vector<std::string>& fields) {
  if (fields[c.method] != "sim") return;
  const auto bad = [&](const std::string& column, const std::string& what) {
    throw UsageError{where + ": error: column '" + column + "': " + what +
                     "; the file was edited or damaged (accepted: rows as byzsim writes them)"};
  };
  std::uint64_t trials = 0, counts[kOutcomeCount] = {};
  if (!parse_u64(fields[c.trials], trials) || trials == 0)
    bad("trials", "'" + fields[c.trials] + "' is not a trial count of at least 1");
  unsigned __int128 sum = 0;
  for (int i = 0; i < kOutcomeCount; ++i) {
    if (!parse_u64(fields[c.counts[i]], counts[i]))
      bad(count_name(i), "'" + fields[c.counts[i]] + "' is not a whole number");
    sum += counts[i];
  }
  if (sum != trials)
    bad("trials", "correct + wrong + no_consensus + disagreement = " +
                      std::to_string(static_cast<std::uint64_t>(sum)) +
                      " (or more), not trials = " + std::to_string(trials));
  for (int i = 0; i < kOutcomeCount; ++i) {
    const Interval expected = wilson95(counts[i], trials);
    const double values[3] = {expected.p, expected.lo, expected.hi};
    for (int k = 0; k < 3; ++k) {
      const std::string printed = format_number(values[k]);
      if (fields[c.rates[i][k]] != printed)
        bad(rate_name(i, k), "'" + fields[c.rates[i][k]] + "' does not match " + count_name(i) +
                                 " = " + std::to_string(counts[i]) +
                                 " of trials = " + std::to_string(trials) + " (" + printed + ")");
    }
  }
}

class Merge {
 public:
  explicit Merge(std::vector<std::string> paths) : paths_(std::move(paths)) {}

  // Reads and checks every file, keeping where each row is.
  void scan() {
    for (std::uint32_t f = 0; f < paths_.size(); ++f) scan_file(f);
  }
  // Orders the rows; throws on conflicting duplicates and missing points.
  void order();
  void write(std::ostream& out);
  const std::vector<std::string>& header() const { return header_; }

 private:
  void scan_file(std::uint32_t f);
  std::string row_text(const RowRef& ref);  // as byzsim writes it

  std::vector<std::string> paths_;
  std::vector<std::string> header_;
  std::vector<std::string> names_;  // scenarios in order of first appearance
  std::unordered_map<std::string, std::uint32_t> name_index_;
  std::vector<int> rank_;  // per name: its place in the output (order of point-0 rows), or -1
  int ranked_ = 0;
  std::vector<RowRef> rows_;
  std::vector<std::unique_ptr<std::ifstream>> readers_;  // for row_text, opened on demand
};

void Merge::scan_file(std::uint32_t f) {
  const std::string& path = paths_[f];
  auto in = open_input(path);
  CsvRecordReader reader(*in->rdbuf());
  std::vector<std::string> fields;
  if (!reader.next(fields))
    throw UsageError{
        path + ": error: " +
        (reader.error().empty() ? "the file is empty (no header line)" : reader.error())};
  if (header_.empty()) header_ = fields;
  if (fields != header_)
    throw UsageError{path +
                     ":1: error: its header differs from the first file's; merge only "
                     "outputs of the same scenarios and options"};
  const Columns c = find_columns(path, header_);
  while (reader.next(fields)) {
    const std::string where = path + ":" + std::to_string(reader.record_line());
    if (fields.size() != header_.size())
      throw UsageError{where + ": error: the row has " + std::to_string(fields.size()) +
                       " fields, the header " + std::to_string(header_.size())};
    std::uint64_t point = 0;
    if (!parse_u64(fields[c.point], point) || point > kMaxPoint)
      throw UsageError{where + ": error: column 'point': '" + fields[c.point] +
                       "' is not a point number; accepted: a whole number from 0 to " +
                       std::to_string(kMaxPoint)};
    check_counts(where, c, fields);
    const std::string& name = fields[c.scenario];
    auto [slot, added] = name_index_.emplace(name, static_cast<std::uint32_t>(names_.size()));
    if (added) {
      names_.push_back(name);
      rank_.push_back(-1);
    }
    // Scenario order: shard 1 holds every scenario's point 0, in the order of the run; the
    // order in which point-0 rows appear (files in the order given) recovers it.
    if (point == 0 && rank_[slot->second] < 0) rank_[slot->second] = ranked_++;
    rows_.push_back(RowRef{slot->second, static_cast<std::uint32_t>(point), f,
                           static_cast<std::uint32_t>(reader.record_line()),
                           reader.record_offset()});
  }
  if (!reader.error().empty()) throw UsageError{path + ": error: " + reader.error()};
}

std::string Merge::row_text(const RowRef& ref) {
  if (readers_.empty()) readers_.resize(paths_.size());
  auto& in = readers_[ref.file];
  if (!in) in = open_input(paths_[ref.file]);
  // Rows are read back mostly in file order; seek only when not already there.
  if (static_cast<std::uint64_t>(in->tellg()) != ref.offset)
    in->seekg(static_cast<std::streamoff>(ref.offset));
  CsvRecordReader reader(*in->rdbuf(), ref.offset, static_cast<int>(ref.line));
  std::vector<std::string> fields;
  if (!reader.next(fields))
    throw UsageError{paths_[ref.file] + ":" + std::to_string(ref.line) +
                     ": error: the file changed while merging"};
  in->clear();
  return csv_line(fields);
}

void Merge::order() {
  for (std::uint32_t s = 0; s < names_.size(); ++s)
    if (rank_[s] < 0)
      throw UsageError{"byzsim merge: scenario '" + names_[s] +
                       "' has no point 0: is the file of shard 1 missing?"};
  std::sort(rows_.begin(), rows_.end(), [&](const RowRef& a, const RowRef& b) {
    return std::tie(rank_[a.scenario], a.point, a.file, a.offset) <
           std::tie(rank_[b.scenario], b.point, b.file, b.offset);
  });
  std::vector<RowRef> kept;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const RowRef& row = rows_[i];
    if (!kept.empty() && kept.back().scenario == row.scenario && kept.back().point == row.point) {
      if (row_text(kept.back()) != row_text(row))
        throw UsageError{paths_[row.file] + ":" + std::to_string(row.line) + ": error: scenario '" +
                         names_[row.scenario] + "' point " + std::to_string(row.point) +
                         " differs from the same point in " + paths_[kept.back().file] + ":" +
                         std::to_string(kept.back().line) +
                         ": were the shards run with different seeds, trials or versions?"};
      continue;
    }
    const std::uint32_t expected =
        !kept.empty() && kept.back().scenario == row.scenario ? kept.back().point + 1 : 0;
    if (row.point != expected)
      throw UsageError{"byzsim merge: scenario '" + names_[row.scenario] + "' point " +
                       std::to_string(expected) + " is missing: is a shard's file missing?"};
    kept.push_back(row);
  }
  rows_ = std::move(kept);
}

void Merge::write(std::ostream& out) {
  out << csv_line(header_);
  for (const RowRef& row : rows_) out << row_text(row);
}

// The shards' sidecars, when present, must describe the same settings; returns the merged
// sidecar (the first one, with this command line and where the rows came from), or null.
nlohmann::ordered_json merged_sidecar(const std::vector<std::string>& paths, int argc,
                                      char** argv) {
  nlohmann::ordered_json merged;
  std::string first_path;
  nlohmann::ordered_json shards = nlohmann::ordered_json::array();
  for (const auto& path : paths) {
    const std::string meta_path = sidecar_path(path);
    const auto sidecar = read_sidecar(meta_path);
    if (!sidecar) continue;
    if (merged.is_null()) {
      merged = *sidecar;
      first_path = meta_path;
    } else if (const std::string difference = settings_difference(merged, *sidecar);
               !difference.empty()) {
      throw UsageError{meta_path + ": error: describes other settings than " + first_path + " (" +
                       difference +
                       "); merge only shards of one run (same scenarios, --set, --trials, "
                       "--seed and byzsim version)"};
    }
    // Sidecars of an older byzsim have no "columns"; the merged one keeps any shard's (their
    // headers are equal, merge checked).
    if (!merged.contains("columns") && sidecar->contains("columns"))
      merged = with_columns(std::move(merged), (*sidecar)["columns"]);
    shards.push_back({{"file", path},
                      {"command_line", sidecar->value("command_line", nlohmann::ordered_json())}});
  }
  if (merged.is_null()) return merged;
  std::vector<std::string> command_line = {"byzsim"};
  for (int i = 0; i < argc; ++i) command_line.emplace_back(argv[i]);
  merged["command_line"] = command_line;
  merged["merged_from"] = std::move(shards);
  return merged;
}

}  // namespace

int cmd_merge(int argc, char** argv) {
  po::options_description options(
      "byzsim merge CSV... [options]\n\nMerge the CSV outputs of shards (--shard K/N) into "
      "the file a single run writes: rows in scenario order, then point order. The shards' "
      "sidecars (<file>.meta.json), when present, must describe the same settings; the merged "
      "one is written beside -o.\n\nOptions");
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

  const auto paths = vm["csv"].as<std::vector<std::string>>();
  std::vector<std::string> inputs = paths;
  for (const std::string& path : paths) inputs.push_back(sidecar_path(path));
  const std::string out = vm["out"].as<std::string>();
  require_outputs_spare_inputs({{"-o", out}, {"the sidecar", out.empty() ? "" : sidecar_path(out)}},
                               inputs);
  Merge merge(paths);
  merge.scan();
  merge.order();
  const nlohmann::ordered_json sidecar = merged_sidecar(paths, argc, argv);
  if (out.empty()) {
    merge.write(std::cout);
    std::cout.flush();
    return kExitOk;
  }
  write_file_atomically(out, [&](std::ostream& stream) { merge.write(stream); });
  if (!sidecar.is_null()) write_file_atomically(sidecar_path(out), sidecar.dump(2) + "\n");
  return kExitOk;
}

}  // namespace byzsim::cli
