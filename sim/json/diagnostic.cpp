// Diagnostic::to_string: the one-line form the CLI prints for every problem found in input.
#include "sim/json/diagnostic.hpp"

namespace byzsim {

std::string Diagnostic::to_string(const char* severity) const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {  // appended piecewise: GCC 12 warns falsely about ":" + std::to_string()
    out += ':';
    out += std::to_string(line);
    if (column > 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  out += ": ";
  out += severity;
  out += ": ";
  if (!pointer.empty()) out += "at " + pointer + ": ";
  out += message;
  if (!hint.empty()) out += "; " + hint;
  return out;
}

}  // namespace byzsim
