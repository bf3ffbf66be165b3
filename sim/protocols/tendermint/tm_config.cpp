// tendermint::Config and the small tables of tm_config.hpp.
#include "sim/protocols/tendermint/tm_config.hpp"

#include <algorithm>

namespace byzsim::tendermint {

const char* message_name(int kind) {
  switch (kind) {
    case kVote:
      return "VOTE";
    case kProposal:
      return "PROPOSAL";
    case kPrevote:
      return "PREVOTE";
    case kPrecommit:
      return "PRECOMMIT";
    case kDecide:
      return "DECIDE";
    default:
      return "?";
  }
}

const char* value_name(Vote v) {
  return v == Vote::approve ? "APPROVE" : v == Vote::reject ? "REJECT" : "nil";
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
  c.max_rounds = std::max(1, static_cast<int>(p.integer("round_limit")));
  c.round_timeout_ns = std::max<SimTime>(1, p.round_timeout_ns);
  c.propose_ns = std::max<SimTime>(1, p.integer("timeout_propose"));
  c.prevote_ns = std::max<SimTime>(1, p.integer("timeout_prevote"));
  c.precommit_ns = std::max<SimTime>(1, p.integer("timeout_precommit"));
  c.delta_ns = std::max<SimTime>(0, p.integer("timeout_delta"));
  c.signatures = p.flag("signatures");
  c.prevote_while_locked = p.unsafe == kPrevoteWhileLocked;
  return c;
}

SimTime Config::timeout(SimTime base, int round) const {
  constexpr SimTime kCap = SimTime{1} << 56;  // about two years: sums stay far from overflow
  const SimTime step = delta_ns > 0 && round > kCap / delta_ns ? kCap : delta_ns * round;
  return std::min(kCap, std::min(kCap, base) + std::min(kCap, step));
}

SimTime Config::window(int round) const {
  return std::min(round_timeout_ns, timeout(propose_ns, round) / 2);
}

SimTime Config::deadline(int round) const {
  return 2 *
         (timeout(propose_ns, round) + timeout(prevote_ns, round) + timeout(precommit_ns, round));
}

bool Config::provably_safe(int b) const {
  return signatures && !prevote_while_locked && 2 * quorum >= n + b + 1;
}

}  // namespace byzsim::tendermint
