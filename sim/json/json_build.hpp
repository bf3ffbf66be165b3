// Parsing JSON text into an ordered document in time linear in its size. nlohmann's own parser
// inserts each key of an ordered object by a linear search of the keys before it, so an object
// of k keys costs k^2 / 2 string comparisons (40,000 keys: seconds; 200,000: minutes). Used by
// every reader of user JSON: scenario and plan files, --set and --vary values, sidecars.
#pragma once

#include <optional>
#include <string_view>

#include "sim/json/json_pointer.hpp"

namespace byzsim {

// The document, as Json::parse(text) gives it: keys in file order, and a repeated key keeps
// its first place with its last value. Throws what Json::parse throws (parse_error, with the
// same byte positions, and out_of_range for numbers beyond a double).
Json parse_ordered_json(std::string_view text);

// The same, or nullopt when `text` is not one JSON value.
std::optional<Json> try_parse_ordered_json(std::string_view text);

}  // namespace byzsim
