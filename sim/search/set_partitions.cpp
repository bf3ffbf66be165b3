#include "sim/search/set_partitions.hpp"

#include <algorithm>
#include <limits>

namespace byzsim::search {

namespace {

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

std::uint64_t saturating_multiply(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
    return std::numeric_limits<std::uint64_t>::max();
  return a * b;
}

}  // namespace

std::uint64_t set_partition_count(int m, int max_groups) {
  if (m < 1 || max_groups < 1) return 0;
  // S(i, k) = k S(i-1, k) + S(i-1, k-1), row by row.
  std::vector<std::uint64_t> row(static_cast<std::size_t>(max_groups) + 1, 0);
  row[0] = 1;  // S(0, 0)
  for (int i = 1; i <= m; ++i)
    for (int k = std::min(i, max_groups); k >= 0; --k) {
      const auto at = static_cast<std::size_t>(k);
      row[at] = k == 0 ? 0
                       : saturating_add(saturating_multiply(static_cast<std::uint64_t>(k), row[at]),
                                        row[at - 1]);
    }
  std::uint64_t total = 0;
  for (int k = 1; k <= max_groups; ++k)
    total = saturating_add(total, row[static_cast<std::size_t>(k)]);
  return total;
}

std::vector<std::vector<std::uint8_t>> set_partitions(int m, int max_groups) {
  std::vector<std::vector<std::uint8_t>> all;
  if (m < 1 || max_groups < 1) return all;
  std::vector<std::uint8_t> groups(static_cast<std::size_t>(m), 0);
  // used[i]: the groups opened by instances 0..i (1 + the largest group among them).
  std::vector<int> used(static_cast<std::size_t>(m), 1);
  while (true) {
    all.push_back(groups);
    // The next restricted growth string: the last instance that can move to a higher group
    // does, and every instance after it goes back to group 0.
    int i = m - 1;
    while (i > 0) {
      const auto at = static_cast<std::size_t>(i);
      const int limit = std::min(used[at - 1] + 1, max_groups);
      if (groups[at] + 1 < limit) break;
      --i;
    }
    if (i == 0) return all;
    auto at = static_cast<std::size_t>(i);
    ++groups[at];
    used[at] = std::max(used[at - 1], groups[at] + 1);
    for (++at; at < groups.size(); ++at) {
      groups[at] = 0;
      used[at] = used[at - 1];
    }
  }
}

}  // namespace byzsim::search
