// JSON pointer parsing and strict assignment (no parent creation, no array append).
#include "sim/json/json_pointer.hpp"

#include <optional>

namespace byzsim {

namespace {

// A decimal array index without leading zeros, or nullopt.
std::optional<std::size_t> array_index(const std::string& token) {
  if (token.empty() || token.size() > 9) return std::nullopt;
  if (token.size() > 1 && token[0] == '0') return std::nullopt;
  std::size_t index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return index;
}

std::string describe_kind(const Json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  return "a number";
}

// Follows one token from `node`; returns nullptr with `error` set when it cannot.
const Json* step(const Json& node, const std::vector<std::string>& tokens, std::size_t i,
                 std::string& error) {
  const std::string& token = tokens[i];
  const std::string here = make_pointer({tokens.begin(), tokens.begin() + static_cast<long>(i)});
  const std::string where = here.empty() ? "the top level" : here;
  if (node.is_object()) {
    auto it = node.find(token);
    if (it == node.end()) error = where + " has no key '" + token + "'";
    return it == node.end() ? nullptr : &*it;
  }
  if (node.is_array()) {
    auto index = array_index(token);
    if (!index) {
      error = "'" + token + "' is not an array index (" + where + " is an array)";
    } else if (*index >= node.size()) {
      error = "index " + token + " is out of range (" + where + " has " +
              std::to_string(node.size()) + (node.size() == 1 ? " element)" : " elements)");
    } else {
      return &node[*index];
    }
    return nullptr;
  }
  error = where + " is " + describe_kind(node) + ", which has no member '" + token + "'";
  return nullptr;
}

}  // namespace

PointerParse parse_pointer(std::string_view pointer) {
  PointerParse out;
  if (pointer.empty()) {
    out.error = "the empty pointer would replace the whole scenario";
    return out;
  }
  if (pointer.front() != '/') {
    out.error = "a JSON pointer starts with '/'";
    return out;
  }
  std::string token;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      out.tokens.push_back(token);
      token.clear();
    } else if (pointer[i] == '~') {
      const char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
      if (next != '0' && next != '1') {
        out.error = "'~' must be followed by 0 (for '~') or 1 (for '/')";
        return out;
      }
      token += next == '0' ? '~' : '/';
      ++i;
    } else {
      token += pointer[i];
    }
  }
  return out;
}

std::string escape_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string make_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& token : tokens) {
    out += '/';
    out += escape_token(token);
  }
  return out;
}

std::string child_pointer(std::string_view parent, std::string_view token) {
  return std::string(parent) + "/" + escape_token(token);
}

bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& tokens) {
  if (prefix.size() > tokens.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (prefix[i] != tokens[i]) return false;
  return true;
}

std::string check_assignable(const Json& document, const std::vector<std::string>& tokens) {
  if (tokens.empty()) return "the empty pointer would replace the whole scenario";
  const Json* node = &document;
  std::string error;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    node = step(*node, tokens, i, error);
    if (!node) return error;
  }
  if (node->is_object()) return "";  // an existing key, or a new one (validation judges it)
  if (step(*node, tokens, tokens.size() - 1, error)) return "";
  return error;
}

std::string assign(Json& document, const std::vector<std::string>& tokens, Json value) {
  std::string error = check_assignable(document, tokens);
  if (!error.empty()) return error;
  Json* node = &document;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    node = node->is_object() ? &(*node)[tokens[i]] : &(*node)[*array_index(tokens[i])];
  }
  const std::string& last = tokens.back();
  if (node->is_object()) {
    (*node)[last] = std::move(value);
  } else {
    (*node)[*array_index(last)] = std::move(value);
  }
  return "";
}

}  // namespace byzsim
