// What every fuzz target that writes files needs: an invariant check that aborts with the
// target's name (libFuzzer then saves the input that broke it), and one private folder under
// $TMPDIR for the files it writes, removed at exit. Each target is its own binary, so the
// folder is one per process.
#pragma once

#include <stdlib.h>  // mkdtemp

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace byzsim::fuzz {

inline void require_invariant(const char* target, bool condition, const char* what) {
  if (condition) return;
  std::cerr << target << ": broken invariant: " << what << "\n";
  std::abort();
}

namespace detail {
inline std::filesystem::path& private_dir() {
  static std::filesystem::path dir;
  return dir;
}
}  // namespace detail

// $TMPDIR/byzsim-fuzz-NAME-XXXXXX, created on the first call (later calls return it).
inline const std::filesystem::path& private_work_dir(const char* name) {
  std::filesystem::path& dir = detail::private_dir();
  if (!dir.empty()) return dir;
  std::string pattern =
      (std::filesystem::temp_directory_path() / (std::string("byzsim-fuzz-") + name + "-XXXXXX"))
          .string();
  require_invariant(name, mkdtemp(pattern.data()) != nullptr, "mkdtemp under $TMPDIR");
  dir = pattern;
  std::atexit([] { std::filesystem::remove_all(detail::private_dir()); });
  return dir;
}

}  // namespace byzsim::fuzz
