// pbft::Config and the small tables of pbft_config.hpp.
#include "sim/protocols/pbft/pbft_config.hpp"

#include <algorithm>
#include <cmath>

namespace byzsim::pbft {

const char* message_name(int kind) {
  switch (kind) {
    case kVote:
      return "VOTE";
    case kPrePrepare:
      return "PRE-PREPARE";
    case kPrepare:
      return "PREPARE";
    case kCommit:
      return "COMMIT";
    case kViewChange:
      return "VIEW-CHANGE";
    case kDecide:
      return "DECIDE";
    default:
      return "?";
  }
}

const char* value_name(Vote v) {
  return v == Vote::approve ? "APPROVE" : v == Vote::reject ? "REJECT" : "none";
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
  c.prepare_quorum = static_cast<int>(p.integer("prepare_quorum"));
  c.commit_quorum = static_cast<int>(p.integer("commit_quorum"));
  c.max_views = std::max(1, static_cast<int>(p.integer("max_views")));
  c.view_timeout_ns = std::max<SimTime>(1, p.integer("view_timeout"));
  c.growth = std::max(1.0, p.number("view_timeout_growth"));
  c.vote_window_ns = p.round_timeout_ns;
  c.signatures = p.flag("signatures");
  return c;
}

SimTime Config::timeout(int view) const {
  constexpr double kCap = 1e17;  // about three years: sums over 1000 views stay far from overflow
  const double t = static_cast<double>(view_timeout_ns) * std::pow(growth, view);
  return t < kCap ? static_cast<SimTime>(t) : static_cast<SimTime>(kCap);
}

SimTime Config::window(int view) const {
  return std::min(vote_window_ns, timeout(view) / 2);
}

bool Config::provably_safe(int b) const {
  return signatures && 2 * prepare_quorum >= n + b + 1 && 2 * commit_quorum >= n + b + 1;
}

}  // namespace byzsim::pbft
