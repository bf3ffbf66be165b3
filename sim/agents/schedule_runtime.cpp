// ScheduleRuntime: a Schedule's tables for the send path.
#include "sim/agents/schedule_runtime.hpp"

#include <algorithm>

namespace byzsim {

void ScheduleRuntime::configure(const Schedule& schedule, int n,
                                std::span<const std::string_view> phases) {
  active_ = schedule.given();
  n_ = n;
  twin_of_ = schedule.twins;
  twin_instance_.assign(static_cast<std::size_t>(n), -1);
  for (std::size_t k = 0; k < twin_of_.size(); ++k)
    twin_instance_[static_cast<std::size_t>(twin_of_[k])] = n + static_cast<int>(k);
  // Views without groups are whole: only views up to the last partitioned one get a row, and
  // in every row the unnamed instances share one more group (the number of named groups).
  views_ = 0;
  for (std::size_t v = 0; v < schedule.views.size(); ++v)
    if (!schedule.views[v].groups.empty()) views_ = v + 1;
  const auto width = static_cast<std::size_t>(instances());
  group_.assign(views_ * width, 0);
  for (std::size_t v = 0; v < views_; ++v) {
    const auto& groups = schedule.views[v].groups;
    std::fill_n(group_.begin() + static_cast<std::ptrdiff_t>(v * width), width,
                static_cast<std::uint8_t>(std::min<std::size_t>(groups.size(), 255)));
    for (std::size_t g = 0; g < groups.size(); ++g)
      for (int instance : groups[g])
        group_[v * width + static_cast<std::size_t>(instance)] =
            static_cast<std::uint8_t>(std::min<std::size_t>(g, 254));
  }
  cut_delay_ = schedule.cut_delay;
  mutations_.clear();
  for (const ScheduleMutation& m : schedule.mutations) {
    const auto at = std::find(phases.begin(), phases.end(), m.phase);
    if (at == phases.end()) continue;  // the loader refuses unknown phases
    mutations_.push_back({m.round, m.from, m.to, static_cast<int>(at - phases.begin())});
  }
}

bool ScheduleRuntime::mutates(int round, int from, int to, int phase) const {
  for (const Mutation& m : mutations_)
    if (m.round == round && m.from == from && m.to == to && m.phase == phase) return true;
  return false;
}

}  // namespace byzsim
