// A problem found in user input: where it is (file, line:column, JSON pointer), what is
// wrong and what would be accepted. The loader collects these; the CLI prints them all.
#pragma once

#include <string>
#include <vector>

namespace byzsim {

struct Diagnostic {
  std::string file;     // as the user named it; "<command line>" for --set/--vary problems
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string pointer;  // JSON pointer of the offending value ("" for the whole document)
  std::string message;  // what is wrong
  std::string hint;     // what would be accepted (may include "did you mean ...?")

  // "file:line:column: error: at /protocol/type: unknown protocol 'majorty'; accepted: ..."
  // With `severity` "warning", the same line says "warning:" instead of "error:".
  std::string to_string(const char* severity = "error") const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace byzsim
