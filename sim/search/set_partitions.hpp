// The partitions of m instances into at most P groups, up to renaming of the groups (set
// partitions), which is all a view's partition can do: only whether two instances share a group
// matters. Enumerated as restricted growth strings (instance 0 is in group 0; each next instance
// joins a group already used or opens the next one), in lexicographic order. Used by the Twins
// space of `byzsim check --twins` (twins_space.hpp).
#pragma once

#include <cstdint>
#include <vector>

namespace byzsim::search {

// S(m, 1) + ... + S(m, P) (Stirling numbers of the second kind); saturates at UINT64_MAX.
std::uint64_t set_partition_count(int m, int max_groups);

// Every partition, each as the group of every instance (m entries, groups numbered in order of
// first appearance); empty for m < 1 or max_groups < 1.
std::vector<std::vector<std::uint8_t>> set_partitions(int m, int max_groups);

}  // namespace byzsim::search
