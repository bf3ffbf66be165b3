// parse_shard: "K/N" with 1 <= K <= N.
#include "sim/cli/shard.hpp"

#include <cstdio>

#include "sim/cli/cli_common.hpp"

namespace byzsim::cli {

Shard parse_shard(const std::string& text) {
  Shard shard;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d/%d%c", &shard.index, &shard.count, &extra) != 2 ||
      shard.count < 1 || shard.index < 1 || shard.index > shard.count)
    throw UsageError{"--shard: '" + text + "' is not K/N with 1 <= K <= N (e.g. --shard 2/8)"};
  return shard;
}

}  // namespace byzsim::cli
