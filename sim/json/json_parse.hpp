// Parsing scenario text into a document, with a diagnostic (line:column of the offending token
// and nlohmann's reason) when it is not JSON. Used by the loader.
#pragma once

#include <optional>

#include "sim/json/diagnostic.hpp"
#include "sim/json/json_pointer.hpp"
#include "sim/json/origin.hpp"

namespace byzsim {

// Deeper documents are refused before parsing (copies of nlohmann values recurse).
inline constexpr int kMaxJsonNesting = 64;

// The document, or nullopt with one diagnostic added.
std::optional<Json> parse_json_document(const SourceText& source, Diagnostics& diagnostics);

}  // namespace byzsim
