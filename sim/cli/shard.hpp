// --shard K/N: which sweep points this process runs. Point p of every scenario belongs to
// shard (p mod N) + 1, so shard 1 holds every scenario's point 0 (merge uses that to
// recover the scenario order) and the points spread evenly.
#pragma once

#include <string>

namespace byzsim::cli {

// More shards than sweep points (at most 10^6) leave shards empty; this bounds the typo.
inline constexpr int kMaxShards = 1000000;

struct Shard {
  int index = 1;  // K, 1-based
  int count = 1;  // N
  bool owns(int point) const { return point % count == index - 1; }
};

Shard parse_shard(const std::string& text);  // throws UsageError

}  // namespace byzsim::cli
