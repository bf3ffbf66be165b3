#include "sim/search/random_faults.hpp"

#include <algorithm>

#include "sim/core/rng.hpp"

namespace byzsim::search {

namespace {

// Scenario i draws from Rng::for_trial(seed, kFaultStream, i), apart from the trials' streams.
constexpr std::uint64_t kFaultStream = 0x62797a7a66757a7aULL;  // "byzzfuzz"

int below(Rng& rng, int bound) {
  return static_cast<int>(rng.below(static_cast<std::uint64_t>(bound)));
}

}  // namespace

RandomFaults::RandomFaults(int n, std::vector<int> mutators, std::vector<std::string_view> phases,
                           FaultBounds bounds, std::uint64_t seed, std::uint64_t scenarios)
    : n_(n),
      mutators_(std::move(mutators)),
      phases_(std::move(phases)),
      bounds_(bounds),
      seed_(seed),
      scenarios_(scenarios) {}

void RandomFaults::schedule(std::uint64_t index, Schedule& out) const {
  Rng rng = Rng::for_trial(seed_, kFaultStream, index);
  out.twins.clear();
  out.mutations.clear();
  out.views.clear();
  const int views = std::max(bounds_.views, 1);
  // Network faults first, then process faults, each draw in a fixed order of fields.
  for (int k = 0; k < bounds_.network_faults; ++k) {
    const int view = below(rng, views);
    if (out.views.size() <= static_cast<std::size_t>(view))
      out.views.resize(static_cast<std::size_t>(view) + 1);
    auto& groups = out.views[static_cast<std::size_t>(view)].groups;
    groups.assign(static_cast<std::size_t>(std::max(bounds_.max_groups, 1)), {});
    for (int agent = 0; agent < n_; ++agent)
      groups[static_cast<std::size_t>(below(rng, bounds_.max_groups))].push_back(agent);
    std::erase_if(groups, [](const std::vector<int>& g) { return g.empty(); });
    if (groups.size() == 1) groups.clear();  // everyone together: no cut
  }
  if (mutators_.empty() || phases_.empty() || n_ < 2) return;
  for (int k = 0; k < bounds_.process_faults; ++k) {
    const int round = below(rng, views);
    const int from =
        mutators_[static_cast<std::size_t>(below(rng, static_cast<int>(mutators_.size())))];
    // A non-empty subset of the other agents, each in it with probability 1/2.
    std::vector<int> to;
    while (to.empty())
      for (int agent = 0; agent < n_; ++agent)
        if (agent != from && below(rng, 2) == 1) to.push_back(agent);
    for (const int recipient : to)
      for (const std::string_view phase : phases_) {
        ScheduleMutation m{round, from, recipient, std::string(phase)};
        if (std::find(out.mutations.begin(), out.mutations.end(), m) == out.mutations.end())
          out.mutations.push_back(std::move(m));
      }
  }
}

}  // namespace byzsim::search
