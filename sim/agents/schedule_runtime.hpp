// A scenario's Schedule (twins, per-view leaders and partitions, mutations) resolved for the
// send path: which agent an instance is, which instance is an agent's twin, whether a view's
// partition separates two instances, and which messages a mutation flips. Built once per
// point; all queries are O(1) except mutations (a short list, scanned only when non-empty).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/model/scenario.hpp"

namespace byzsim {

class ScheduleRuntime {
 public:
  // Once per point; `phases` is the protocol's phase table (mutations name phases).
  void configure(const Schedule& schedule, int n, std::span<const std::string_view> phases);

  bool active() const { return active_; }
  int agents() const { return n_; }
  // Agents plus twins: instance i < n is agent i, instance n + k is twins[k]'s twin.
  int instances() const { return n_ + static_cast<int>(twin_of_.size()); }
  int identity(int instance) const {
    return instance < n_ ? instance : twin_of_[static_cast<std::size_t>(instance - n_)];
  }
  // The twin instance of `agent`, or -1.
  int twin(int agent) const {
    return agent >= 0 && agent < n_ ? twin_instance_[static_cast<std::size_t>(agent)] : -1;
  }
  // Whether the partition of view `round` keeps instance `a`'s messages from instance `b`.
  bool cut(int round, int a, int b) const {
    if (a == b || round < 0 || static_cast<std::size_t>(round) >= views_) return false;
    const std::size_t row = static_cast<std::size_t>(round) * static_cast<std::size_t>(instances());
    return group_[row + static_cast<std::size_t>(a)] != group_[row + static_cast<std::size_t>(b)];
  }
  // Whether a mutation flips the value of `from`'s message of `phase` in `round` to `to`.
  bool mutates(int round, int from, int to, int phase) const;
  SimTime cut_delay() const { return cut_delay_; }

 private:
  struct Mutation {
    int round, from, to, phase;
  };
  bool active_ = false;
  int n_ = 0;
  std::vector<int> twin_of_;         // per twin: its agent
  std::vector<int> twin_instance_;   // per agent: its twin's instance or -1
  std::size_t views_ = 0;            // views with a partition row
  std::vector<std::uint8_t> group_;  // views_ x instances: the group of each instance
  std::vector<Mutation> mutations_;
  SimTime cut_delay_ = 0;
};

}  // namespace byzsim
