// Reading byzsim's own CSV files back (RFC 4180: quoted fields, doubled quotes, CRLF or
// LF). Used by `merge` and `--resume`.
#pragma once

#include <cstdint>
#include <streambuf>
#include <string>
#include <vector>

namespace byzsim {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_lines;  // each row re-spelled exactly as byzsim writes it
};

// Parses `text`; on malformed input returns false and sets `error` (with the line number).
bool parse_csv(const std::string& text, CsvTable& table, std::string& error);

// Reads records one at a time straight from a stream buffer, for files too large to hold
// whole (merge keeps only where each row is). Not thread-safe.
class CsvRecordReader {
 public:
  // `offset` and `line`: where the buffer's read position is in the file.
  explicit CsvRecordReader(std::streambuf& in, std::uint64_t offset = 0, int line = 1)
      : in_(in), offset_(offset), line_(line) {}
  // The next record into `fields`; false at the end of the input or on malformed input
  // (then error() says what, with the line).
  bool next(std::vector<std::string>& fields);
  const std::string& error() const { return error_; }
  std::uint64_t record_offset() const { return record_offset_; }  // where the last record began
  int record_line() const { return record_line_; }                // its first line

 private:
  std::streambuf& in_;
  std::uint64_t offset_ = 0;
  int line_ = 1;
  std::uint64_t record_offset_ = 0;
  int record_line_ = 1;
  std::string error_;
};

}  // namespace byzsim
