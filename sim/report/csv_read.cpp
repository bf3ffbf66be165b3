// parse_csv: a small RFC 4180 reader; rows are re-spelled with csv_field so a merge writes
// exactly the bytes a single run would.
#include "sim/report/csv_read.hpp"

#include "sim/report/row_format.hpp"

namespace byzsim {

bool parse_csv(const std::string& text, CsvTable& table, std::string& error) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;
  int line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      in_quotes = field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      field_started = false;
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) {
    error = "unterminated quoted field at line " + std::to_string(line);
    return false;
  }
  if (field_started || !field.empty()) {
    error =
        "the last line (" + std::to_string(line) + ") has no line ending: the file is truncated";
    return false;
  }
  if (records.empty()) {
    error = "the file is empty (no header line)";
    return false;
  }
  table.header = records.front();
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      error = "row " + std::to_string(r) + " has " + std::to_string(records[r].size()) +
              " fields, the header " + std::to_string(table.header.size());
      return false;
    }
    table.row_lines.push_back(csv_line(records[r]));
    table.rows.push_back(std::move(records[r]));
  }
  return true;
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
