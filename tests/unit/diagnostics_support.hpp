// Test helpers for loader diagnostics: all messages of a result as one text (for INFO), and
// the diagnostic at a pointer whose message contains some words.
#pragma once

#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

namespace byzsim::testing {

inline std::string all_messages(const LoadResult& result) {
  std::string text;
  for (const auto& d : result.diagnostics) text += d.to_string() + "\n";
  return text;
}

// The diagnostic at `pointer` whose message contains `words`; fails the test when none.
inline Diagnostic find(const LoadResult& result, const std::string& pointer,
                       const std::string& words) {
  INFO(all_messages(result));
  auto it = std::find_if(result.diagnostics.begin(), result.diagnostics.end(), [&](const auto& d) {
    return d.pointer == pointer && d.message.find(words) != std::string::npos;
  });
  REQUIRE(it != result.diagnostics.end());
  return *it;
}

}  // namespace byzsim::testing
