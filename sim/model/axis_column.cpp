#include "sim/model/axis_column.hpp"

#include "sim/core/fixed_columns.hpp"

namespace byzsim {

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_name_byte(char c) {
  return is_letter(c) || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string unnamed_axis_column(std::string_view pointer) {
  if (!pointer.empty() && pointer.front() == '/') pointer.remove_prefix(1);
  std::string column;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    // ~0 and ~1 are one escaped character ('~', '/'), so one '_', not two.
    const bool escape = pointer[i] == '~' && i + 1 < pointer.size() &&
                        (pointer[i + 1] == '0' || pointer[i + 1] == '1');
    column += is_name_byte(pointer[i]) ? pointer[i] : '_';
    if (escape) ++i;
  }
  if (column.empty()) return "axis";
  if (!is_letter(column.front())) column = "axis_" + column;
  if (is_fixed_column(column)) column += "_axis";
  return column;
}

}  // namespace byzsim
