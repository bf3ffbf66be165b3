// What the exact model covers: protocol, strategies, crash times and vote timing, with a reason
// naming the group or setting when it does not. Used by compute_exact before any arithmetic.
#pragma once

#include <string>
#include <vector>

#include "sim/model/scenario.hpp"

namespace byzsim::exact {

// Margin for the simulator's integer-nanosecond draws (three durations per vote, each rounded).
inline constexpr double kTimingMarginNs = 4.0;

// What timing does to an agent's vote (once it has the proposal and a vote to cast). The
// exact model needs each to be sure: a vote arrives before round_timeout or surely after it,
// and a late vote is surely sent (before the round closes) or surely not.
struct VoteTiming {
  bool counted = true;  // arrives before the round's timeout
  bool sent = true;     // is sent at all
};

struct Timings {
  std::vector<VoteTiming> own;        // per agents[i]
  std::vector<VoteTiming> corrupted;  // per agents[i]: its members once corrupted
};

struct SupportCheck {
  std::string reason;  // empty when the scenario is supported
  Timings timings;
};

// True when corruption can touch at least one agent.
bool corruption_active(const Scenario& scenario);

SupportCheck check_support(const Scenario& scenario);

}  // namespace byzsim::exact
