// Nearest-name suggestions by optimal-string-alignment distance, case-insensitive.
#include "sim/json/suggest.hpp"

#include <algorithm>
#include <vector>

namespace byzsim {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(text[i]) != lower(prefix[i])) return false;
  return true;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t rows = a.size() + 1;
  const std::size_t cols = b.size() + 1;
  std::vector<std::size_t> d(rows * cols, 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * cols + j]; };
  for (std::size_t i = 0; i < rows; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j < cols; ++j) at(0, j) = j;
  for (std::size_t i = 1; i < rows; ++i) {
    for (std::size_t j = 1; j < cols; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      std::size_t best = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        best = std::min(best, at(i - 2, j - 2) + 1);
      at(i, j) = best;
    }
  }
  return at(rows - 1, cols - 1);
}

std::optional<std::string> nearest_name(std::string_view given,
                                        std::span<const std::string_view> accepted) {
  // A third of the length (at least 1, at most 3) is a typo; more is a different word.
  const std::size_t limit = std::clamp<std::size_t>(given.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view name : accepted) {
    // The distance is at least the difference in length: skip names that cannot be near
    // (and a long garbage key costs nothing, whatever its length).
    const std::size_t length_gap =
        given.size() > name.size() ? given.size() - name.size() : name.size() - given.size();
    if (length_gap >= best_distance) continue;
    const std::size_t distance = edit_distance(given, name);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(name);
    }
  }
  if (best) return best;
  // "coordinator" for "coordinator-vote": a clear prefix is a likely abbreviation.
  if (given.size() >= 3) {
    for (std::string_view name : accepted)
      if (starts_with_ignoring_case(name, given)) return std::string(name);
  }
  return std::nullopt;
}

std::string join_names(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string accepted_hint(std::string_view given, std::span<const std::string_view> accepted) {
  std::string hint = "accepted: " + join_names(accepted);
  if (auto near = nearest_name(given, accepted)) hint += "; did you mean '" + *near + "'?";
  return hint;
}

}  // namespace byzsim
