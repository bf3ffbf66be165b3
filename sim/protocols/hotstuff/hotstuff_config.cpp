// hotstuff::Config and the small tables of hotstuff_config.hpp.
#include "sim/protocols/hotstuff/hotstuff_config.hpp"

#include <algorithm>
#include <cmath>

namespace byzsim::hotstuff {

const char* message_name(int kind) {
  switch (kind) {
    case kVote:
      return "VOTE";
    case kProposal:
      return "PROPOSAL";
    case kBlockVote:
      return "BLOCK-VOTE";
    case kNewView:
      return "NEW-VIEW";
    case kDecide:
      return "DECIDE";
    default:
      return "?";
  }
}

const char* value_name(Vote v) {
  return v == Vote::approve ? "APPROVE" : v == Vote::reject ? "REJECT" : "none";
}

std::string view_name(int view) {
  std::string name = "v";
  name += std::to_string(view);
  return name;
}

std::string block_name(int view, Vote value) {
  std::string name = view_name(view);
  name += ' ';
  name += value_name(value);
  return name;
}

Config Config::from(const Scenario& scenario) {
  const ProtocolConfig& p = scenario.protocol;
  Config c;
  c.n = scenario.n();
  c.f = p.f;
  for (const ScheduleView& view : scenario.schedule.views)
    c.scheduled_leaders.push_back(view.leader);
  c.approve_quorum = p.approve_quorum;
  c.reject_quorum = p.reject_quorum;
  c.quorum = static_cast<int>(p.integer("quorum"));
  c.leader_views = std::max(1, static_cast<int>(p.integer("leader_views")));
  c.max_views = std::max(1, static_cast<int>(p.integer("max_views")));
  c.view_timeout_ns = std::max<SimTime>(1, p.integer("view_timeout"));
  c.growth = std::max(1.0, p.number("view_timeout_growth"));
  c.new_view_wait_ns = std::max<SimTime>(1, p.integer("new_view_wait"));
  c.vote_window_ns = p.round_timeout_ns;
  c.signatures = p.flag("signatures");
  c.no_lock_check = p.unsafe == "no-lock-check";
  return c;
}

SimTime Config::timeout(int terms) const {
  constexpr double kCap = 1e17;  // about three years: sums over 1000 views stay far from overflow
  const double t = static_cast<double>(view_timeout_ns) * std::pow(growth, terms);
  return t < kCap ? static_cast<SimTime>(t) : static_cast<SimTime>(kCap);
}

SimTime Config::window() const {
  return std::min(vote_window_ns, timeout(0) / 2);
}

// A planted bug removes a rule the theorem needs: its violations are results, not byzsim bugs.
bool Config::provably_safe(int b) const {
  return signatures && !no_lock_check && 2 * quorum >= n + b + 1;
}

}  // namespace byzsim::hotstuff
