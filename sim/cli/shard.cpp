// parse_shard: "K/N" with 1 <= K <= N <= kMaxShards, both plain digits.
#include "sim/cli/shard.hpp"

#include <charconv>

#include "sim/cli/cli_common.hpp"

namespace byzsim::cli {

namespace {

bool read_part(std::string_view text, int& value) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Shard parse_shard(const std::string& text) {
  Shard shard;
  const std::size_t slash = text.find('/');
  const std::string_view all(text);
  if (slash == std::string::npos || !read_part(all.substr(0, slash), shard.index) ||
      !read_part(all.substr(slash + 1), shard.count) || shard.count < 1 || shard.index < 1 ||
      shard.index > shard.count || shard.count > kMaxShards)
    throw UsageError{"--shard: '" + text + "' is not K/N with 1 <= K <= N <= " +
                     std::to_string(kMaxShards) + " (e.g. --shard 2/8)"};
  return shard;
}

}  // namespace byzsim::cli
