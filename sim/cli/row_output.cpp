// RowOutput: rows go to disk whole and flushed, in point order, so the file is always a
// valid prefix of the complete output.
#include "sim/cli/row_output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "sim/cli/cli_common.hpp"
#include "sim/report/csv_read.hpp"

namespace byzsim::cli {

OutputFormat parse_format(const std::string& text) {
  if (text == "csv") return OutputFormat::csv;
  if (text == "json") return OutputFormat::json;
  throw UsageError{"--format: unknown format '" + text + "'; accepted: csv, json"};
}

RowOutput::RowOutput(const std::string& out, OutputFormat format,
                     const std::vector<const LoadedScenario*>& scenarios, const RunMeta* meta)
    : format_(format), scenarios_(scenarios), meta_(meta) {
  const std::string set_column = meta ? set_column_text(meta->sets) : "";
  namespace fs = std::filesystem;
  // A symlink is refused, not followed, even to a directory and even written "LINK/".
  std::string bare = out;
  while (bare.size() > 1 && (bare.back() == '/' || bare.back() == '\\')) bare.pop_back();
  if (!bare.empty()) require_regular_or_directory_output(bare);
  const bool is_directory =
      !out.empty() && (fs::is_directory(out) || out.back() == '/' || out.back() == '\\');
  if (is_directory) {
    if (meta && !meta->meta_path.empty() && scenarios.size() > 1)
      throw UsageError{
          "--meta: a directory output gets one sidecar per file (<file>.meta.json); "
          "leave out --meta"};
    per_scenario_ = true;
    const char* extension = format == OutputFormat::csv ? ".csv" : ".json";
    std::map<std::string, std::size_t> owner;  // file path -> the scenario writing it
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      const LoadedScenario* s = scenarios[i];
      const std::string name = s->points.empty() ? "" : s->points.front().scenario.name;
      const std::string path = (fs::path(out) / (file_name_for(name) + extension)).string();
      const auto [it, fresh] = owner.emplace(path, i);
      if (!fresh)
        throw UsageError{"-o " + out + ": '" + scenarios[it->second]->file + "' and '" + s->file +
                         "' would both write '" + path +
                         "' (scenario names decide the file names); give them different "
                         "\"name\"s or write them to separate places"};
      targets_.push_back(
          Target{path, RowFormat::for_scenarios({s}, set_column), 0, -1, "", 0, nullptr, {}});
    }
  } else {
    targets_.push_back(
        Target{out, RowFormat::for_scenarios(scenarios, set_column), 0, -1, "", 0, nullptr, {}});
  }
  for (const Target& target : targets_)
    if (!target.path.empty()) require_regular_output(target.path);
  refuse_outputs_on_inputs();
  if (is_directory) {
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw UsageError{"-o: cannot create directory '" + out + "': " + ec.message()};
  }
  for (Target& target : targets_)
    if (!target.path.empty()) target.lock = std::make_unique<LockedOutputFile>(target.path);
}

// `run s.json -o s.json` (or a sidecar, or --meta, naming a scenario file) would replace the
// scenario by results: refused before anything is written.
void RowOutput::refuse_outputs_on_inputs() const {
  std::vector<std::string> inputs;
  for (const LoadedScenario* s : scenarios_) inputs.push_back(s->file);
  std::vector<OutputPath> outputs;
  for (const Target& target : targets_) {
    outputs.push_back({"-o", target.path});
    if (meta_)
      outputs.push_back({meta_->meta_path.empty() ? "the sidecar" : "--meta",
                         sidecar_path_for(*meta_, target.path)});
  }
  require_outputs_spare_inputs(outputs, inputs);
}

RowOutput::~RowOutput() {
  for (auto& t : targets_) {
    if (t.fd < 0) continue;
    try {
      drain(t);  // rows finished before an exception still reach the file, whole
    } catch (const WriteError&) {
    }
    if (t.fd != STDOUT_FILENO) ::close(t.fd);
  }
}

RowOutput::Target& RowOutput::target_for(std::size_t scenario_index) {
  return per_scenario_ ? targets_[scenario_index] : targets_.front();
}

const RowOutput::Target& RowOutput::target_for(std::size_t scenario_index) const {
  return per_scenario_ ? targets_[scenario_index] : targets_.front();
}

std::vector<const LoadedScenario*> RowOutput::scenarios_of(std::size_t t) const {
  return per_scenario_ ? std::vector<const LoadedScenario*>{scenarios_[t]} : scenarios_;
}

namespace {

// Where the file's complete lines end: a line cut by a kill is not a row.
std::uint64_t complete_length(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  auto end = static_cast<std::uint64_t>(std::max<std::streamoff>(0, in.tellg()));
  char chunk[4096];
  while (end > 0) {
    const std::uint64_t start = end > sizeof chunk ? end - sizeof chunk : 0;
    in.seekg(static_cast<std::streamoff>(start));
    in.read(chunk, static_cast<std::streamsize>(end - start));
    for (std::uint64_t i = end - start; i-- > 0;)
      if (chunk[i] == '\n') return start + i + 1;
    end = start;
  }
  return 0;
}

// The records of a file up to `limit` bytes, one at a time (a 10^6-row file is never held).
class CompleteRecords {
 public:
  CompleteRecords(const std::string& path, std::uint64_t limit) : limit_(limit) {
    buffer_.open(path, std::ios::in | std::ios::binary);
  }
  // False at the limit; throws UsageError on a malformed record before it.
  bool next(std::vector<std::string>& fields, const std::string& path) {
    const bool read = reader_.next(fields);
    if (reader_.record_offset() >= limit_) return false;
    if (!read)
      throw UsageError{
          path + ": error: cannot resume from this file: " +
          (reader_.error().empty() ? "the file is empty (no header line)" : reader_.error())};
    return true;
  }
  int line() const { return reader_.record_line(); }

 private:
  std::filebuf buffer_;
  CsvRecordReader reader_{buffer_};
  std::uint64_t limit_;
};

}  // namespace

std::vector<std::size_t> RowOutput::resume(const std::vector<std::size_t>& jobs,
                                           const JobIdentities& identity) {
  if (format_ != OutputFormat::csv) throw UsageError{"--resume works with --format csv only"};
  std::vector<std::size_t> done(jobs.size(), 0);
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    Target& target = targets_[t];
    if (target.path.empty()) throw UsageError{"--resume needs -o FILE (or a directory)"};
    if (!std::filesystem::exists(target.path)) continue;
    if (meta_) check_resume_sidecar(*meta_, target.path, scenarios_of(t));
    const std::size_t first = per_scenario_ ? t : 0;
    resume_target(target, first, per_scenario_ ? t + 1 : jobs.size(), jobs, identity, done);
  }
  return done;
}

// The file must hold the first rows of this target's jobs, in order: read and checked one
// row at a time.
void RowOutput::resume_target(Target& target, std::size_t first, std::size_t last,
                              const std::vector<std::size_t>& jobs, const JobIdentities& identity,
                              std::vector<std::size_t>& done) {
  const std::string& path = target.path;
  CompleteRecords records(path, complete_length(path));
  std::vector<std::string> header;
  if (!records.next(header, path)) return;  // killed before the header was complete
  if (csv_line(header) != target.format.csv_header())
    throw UsageError{path +
                     ": error: cannot resume: its columns differ from this run's "
                     "(other scenarios or --vary?); use another -o or delete the file"};
  const auto field = [&](const std::vector<std::string>& row, const char* column) {
    const auto it = std::find(header.begin(), header.end(), column);
    return it == header.end() ? std::string() : row[static_cast<std::size_t>(it - header.begin())];
  };
  std::vector<std::string> row;
  std::size_t s = first, j = 0;
  for (std::size_t r = 1; records.next(row, path); ++r) {
    if (row.size() != header.size())
      throw UsageError{path + ": error: cannot resume from this file: row " + std::to_string(r) +
                       " (line " + std::to_string(records.line()) + ") has " +
                       std::to_string(row.size()) + " fields, the header " +
                       std::to_string(header.size())};
    while (s < last && j == jobs[s]) {
      ++s;
      j = 0;
    }
    if (s == last)
      throw UsageError{path + ": error: cannot resume: it has more rows than this run makes"};
    const JobIdentity job = identity(s, j);
    if (field(row, "scenario") != job.name || field(row, "point") != std::to_string(job.point) ||
        field(row, "trials") != std::to_string(job.trials) ||
        field(row, "seed") != std::to_string(job.seed))
      throw UsageError{path + ": error: cannot resume: row " + std::to_string(r) +
                       " is not scenario '" + job.name + "' point " + std::to_string(job.point) +
                       " with " + std::to_string(job.trials) + " trials and seed " +
                       std::to_string(job.seed) + " (was it made with other options?)"};
    ++target.kept;
    ++done[s];
    ++j;
  }
}

void RowOutput::open() {
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    Target& target = targets_[t];
    if (format_ == OutputFormat::json) continue;
    if (meta_) write_sidecar(*meta_, target.path, scenarios_of(t), target.format);
    if (target.path.empty()) {
      target.fd = STDOUT_FILENO;
      write(target, target.format.csv_header());
      continue;
    }
    // Header and kept rows (re-spelled as byzsim writes them, read again one at a time)
    // appear atomically; rows are then appended one by one.
    std::uint64_t size = 0;
    target.lock->replace([&](std::ostream& out) {
      const std::string header = target.format.csv_header();
      out << header;
      size = header.size();
      if (target.kept == 0) return;
      CompleteRecords records(target.path, complete_length(target.path));
      std::vector<std::string> row;
      records.next(row, target.path);  // the header
      for (std::size_t r = 0; r < target.kept && records.next(row, target.path); ++r) {
        const std::string line = csv_line(row);
        out << line;
        size += line.size();
      }
    });
    target.fd = target.lock->append_descriptor();
    target.committed = size;
  }
}

// Rows wait in `pending` (whole rows only) until flush() or 64 KiB, then leave in one write:
// the file grows by whole rows. A write that fails (disk full, file too large, a closed pipe)
// cuts the file back to its last whole row, so it stays a valid prefix that --resume continues.
void RowOutput::write(Target& target, std::string_view text) {
  assert(target.fd >= 0 && "RowOutput::open() comes before add()");
  target.pending.append(text);
  if (target.pending.size() >= kPendingBytes) drain(target);
}

void RowOutput::drain(Target& target) {
  std::size_t written = 0;
  while (written < target.pending.size()) {
    const ssize_t n =
        ::write(target.fd, target.pending.data() + written, target.pending.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = n < 0 ? std::strerror(errno) : "nothing written";
      target.pending.clear();
      if (target.path.empty())
        throw WriteError{"cannot write to stdout: " + why +
                         " (is the disk full or the reader gone?)"};
      const bool cut = ::ftruncate(target.fd, static_cast<off_t>(target.committed)) == 0;
      throw WriteError{
          "cannot write to '" + target.path + "': " + why +
          (cut ? "; the file keeps the whole rows before it (continue with --resume)" : "")};
    }
    written += static_cast<std::size_t>(n);
  }
  target.committed += target.pending.size();
  target.pending.clear();
}

void RowOutput::flush() {
  for (auto& target : targets_)
    if (target.fd >= 0) drain(target);
}

void RowOutput::add(std::size_t scenario_index, const Row& row) {
  Target& target = target_for(scenario_index);
  if (format_ == OutputFormat::json)
    target.json_rows.push_back(target.format.json_row(row));
  else
    write(target, target.format.csv_row(row));
}

void RowOutput::append_csv_row(std::size_t scenario_index, const Row& row, std::string& out) const {
  target_for(scenario_index).format.append_csv_row(row, out);
}

void RowOutput::add_text(std::size_t scenario_index, std::string_view csv_row) {
  write(target_for(scenario_index), csv_row);
}

void RowOutput::finish() {
  flush();
  if (format_ != OutputFormat::json) return;
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    Target& target = targets_[t];
    if (meta_) write_sidecar(*meta_, target.path, scenarios_of(t), target.format);
    const std::string content = nlohmann::ordered_json(target.json_rows).dump(2) + "\n";
    if (target.path.empty())
      std::cout << content << std::flush;  // main checks stdout at the end
    else
      target.lock->replace(content);
  }
}

}  // namespace byzsim::cli
