// Reading byzsim's own CSV files back (RFC 4180: quoted fields, doubled quotes, CRLF or
// LF). Used by `merge` and `--resume`.
#pragma once

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

}  // namespace byzsim
