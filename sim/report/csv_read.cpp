// parse_csv: a small RFC 4180 reader; rows are re-spelled with csv_field so a merge writes
// exactly the bytes a single run would.
#include "sim/report/csv_read.hpp"

#include <sstream>

#include "sim/report/row_format.hpp"

namespace byzsim {

bool parse_csv(const std::string& text, CsvTable& table, std::string& error) {
  std::stringbuf buffer(text);
  CsvRecordReader reader(buffer);
  std::vector<std::string> record;
  if (!reader.next(record)) {
    error = reader.error().empty() ? "the file is empty (no header line)" : reader.error();
    return false;
  }
  table.header = record;
  for (std::size_t r = 1; reader.next(record); ++r) {
    if (record.size() != table.header.size()) {
      error = "row " + std::to_string(r) + " (line " + std::to_string(reader.record_line()) +
              ") has " + std::to_string(record.size()) + " fields, the header " +
              std::to_string(table.header.size());
      return false;
    }
    table.row_lines.push_back(csv_line(record));
    table.rows.push_back(record);
  }
  error = reader.error();
  return error.empty();
}

bool CsvRecordReader::next(std::vector<std::string>& fields) {
  using Traits = std::streambuf::traits_type;
  fields.clear();
  record_offset_ = offset_;
  record_line_ = line_;
  std::string field;
  bool in_quotes = false, started = false;
  for (;;) {
    const int c = in_.sbumpc();
    if (c == Traits::eof()) {
      if (in_quotes) {
        error_ = "unterminated quoted field starting on line " + std::to_string(record_line_);
        return false;
      }
      if (started || !field.empty())
        error_ = "the last line (" + std::to_string(line_) +
                 ") has no line ending: the file is truncated";
      return false;
    }
    ++offset_;
    const char ch = static_cast<char>(c);
    if (in_quotes) {
      if (ch == '"') {
        if (in_.sgetc() == '"') {
          in_.sbumpc();
          ++offset_;
          field += '"';
        } else {
          in_quotes = false;
        }
      } else {
        if (ch == '\n') ++line_;
        field += ch;
      }
      continue;
    }
    if (ch == '"' && field.empty()) {
      in_quotes = started = true;
    } else if (ch == ',') {
      fields.push_back(std::move(field));
      field.clear();
      started = true;
    } else if (ch == '\r' && in_.sgetc() == '\n') {
      continue;
    } else if (ch == '\n') {
      fields.push_back(std::move(field));
      ++line_;
      return true;
    } else {
      field += ch;
      started = true;
    }
  }
}

}  // namespace byzsim
