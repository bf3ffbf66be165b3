// "Did you mean ...?" for misspelt names: the nearest accepted name by edit distance.
// Used by the scenario converters for unknown keys, strategies, protocols, units and dists.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace byzsim {

// Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
// neighbours each cost 1), ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The accepted name closest to `given`, when it is close enough to be a likely typo.
std::optional<std::string> nearest_name(std::string_view given,
                                        std::span<const std::string_view> accepted);

// "a, b, c"
std::string join_names(std::span<const std::string_view> names);

// "accepted: a, b, c; did you mean 'b'?" (the suggestion only when one is close).
std::string accepted_hint(std::string_view given, std::span<const std::string_view> accepted);

}  // namespace byzsim
