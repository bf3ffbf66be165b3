// JSON pointers (RFC 6901) for --set, --vary and sweep keys: parse, escape, check and assign.
// Used by the loader and the converters; stricter than nlohmann's (parents are never created).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace byzsim {

// The loader keeps documents in file order so that sweep keys and messages follow the file.
using Json = nlohmann::ordered_json;

struct PointerParse {
  std::vector<std::string> tokens;  // unescaped reference tokens
  std::string error;                // set when the text is not a pointer
  bool ok() const { return error.empty(); }
};

// "/agents/1/count" -> {"agents", "1", "count"}; "" and text without a leading '/' are refused
// (replacing the whole scenario is not what --set is for).
PointerParse parse_pointer(std::string_view pointer);

std::string escape_token(std::string_view token);  // "~" -> "~0", "/" -> "~1"
std::string make_pointer(const std::vector<std::string>& tokens);
std::string child_pointer(std::string_view parent, std::string_view token);

// Whether `prefix` names `tokens` or one of its ancestors.
bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& tokens);

// Checks that `tokens` may be assigned in `document`: the parent exists and is an object or
// array, an array index is in range, and only the last token may be a new object key.
// Returns "" when it may, else what is wrong.
std::string check_assignable(const Json& document, const std::vector<std::string>& tokens);

// Assigns `value` at `tokens` after check_assignable; returns its answer.
std::string assign(Json& document, const std::vector<std::string>& tokens, Json value);

}  // namespace byzsim
