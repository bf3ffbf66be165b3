// tendermint's keys as data (docs/tendermint.md): the PREVOTE / PRECOMMIT quorum defaults to
// ceil((n + f + 1) / 2), which is 2f+1 when n = 3f+1; f + 2 rounds (or max_rounds, the common
// spelling); timeoutPropose twice round_timeout (the proposer's wait for votes), timeoutPrevote
// and timeoutPrecommit round_timeout, each growing by timeout_delta per round. rejudge is
// refused (an agent signs one vote).
#include "sim/protocols/tendermint/spec.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "sim/protocols/tendermint/tendermint.hpp"
#include "sim/protocols/tendermint/tm_columns.hpp"
#include "sim/protocols/tendermint/tm_config.hpp"

namespace byzsim {

namespace {

constexpr int kMaxRounds = 1000;

ParamValue default_rounds(const ProtocolConfig& common, int) {
  return std::int64_t{std::min(common.f + 2, kMaxRounds)};
}

std::string rounds_hint(const ProtocolConfig& common) {
  return "accepted: an integer from 1 to " + std::to_string(kMaxRounds) +
         " (the default is f + 2 = " + std::to_string(common.f + 2) + ")";
}

SimTime capped(SimTime t) {
  return std::min(t, kTimeNever / 8);
}

ParamValue default_propose(const ProtocolConfig& common, int) {
  return std::int64_t{2 * capped(common.round_timeout_ns)};
}

ParamValue default_step_timeout(const ProtocolConfig& common, int) {
  return std::int64_t{capped(common.round_timeout_ns)};
}

ParamValue default_delta(const ProtocolConfig& common, int) {
  return std::int64_t{capped(common.round_timeout_ns) / 2};
}

// ceil((n + f + 1) / 2): any two such quorums share an honest agent when b <= f.
ParamValue default_quorum(const ProtocolConfig& common, int n) {
  return std::int64_t{std::min((n + common.f + 2) / 2, n)};
}

ParamValue default_signatures(const ProtocolConfig&, int) {
  return true;
}

constexpr std::array<ParamSpec, 7> kParams{{
    {"round_limit", ParamKind::integer, 1, kMaxRounds, default_rounds, rounds_hint, "max_rounds"},
    {"timeout_propose", ParamKind::duration, 0, 0, default_propose},
    {"timeout_prevote", ParamKind::duration, 0, 0, default_step_timeout},
    {"timeout_precommit", ParamKind::duration, 0, 0, default_step_timeout},
    {"timeout_delta", ParamKind::duration, 0, 0, default_delta},
    {"quorum", ParamKind::quorum, 0, 0, default_quorum},
    {"signatures", ParamKind::boolean, 0, 0, default_signatures},
}};

bool rejudges(const ProtocolConfig& common) {
  return common.rejudge;
}

constexpr std::array<RefusedSetting, 1> kRefused{{
    {"rejudge", rejudges,
     "accepted: false (in tendermint an agent signs one vote per trial and carries it through "
     "rounds)"},
}};

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<Tendermint>(env);
}

// Every round ends by its deadline (twice its three timeouts); plus the network's partitions
// and GST, for stragglers. Saturates instead of overflowing.
SimTime time_limit_ns(const Scenario& scenario) {
  const tendermint::Config config = tendermint::Config::from(scenario);
  constexpr SimTime kCap = kTimeNever / 4;
  SimTime total = kHour;
  auto add = [&](SimTime t) { total = t > kCap - total ? kCap : total + t; };
  for (int round = 0; round < config.max_rounds && total < kCap; ++round) {
    add(config.deadline(round));  // the longest a round lasts
  }
  for (const Partition& p : scenario.network.partitions)
    if (p.until_ns != kTimeNever) add(p.until_ns);
  if (scenario.network.gst.enabled)
    add(scenario.network.gst.at_ns + scenario.network.gst.max_delay_ns);
  return total;
}

// Per round at most: 2n PROPOSALs, 2n^2 each of PREVOTE and PRECOMMIT (equivocators send two),
// 4n timers; once: n thinks, 2n^2 VOTEs and DECIDEs; twice that is never reached. Under a
// schedule n counts instances (agents and twins): every instance sends and receives.
std::uint64_t event_limit(const Scenario& scenario) {
  const auto n = static_cast<std::uint64_t>(scenario.n()) + scenario.schedule.twins.size();
  const auto rounds = static_cast<std::uint64_t>(tendermint::Config::from(scenario).max_rounds);
  return 2 * (rounds * (4 * n * n + 6 * n) + 4 * n * n + n) + 64;
}

double trial_cost_units(const Scenario& scenario) {
  const double n = std::max(1, scenario.n());
  return n * n;
}

// Peak memory of one trial: the messages in flight (every agent's VOTE, PREVOTE, PRECOMMIT and
// DECIDE broadcasts overlap: a few n^2 queued events of 24 bytes), the n^2 table of the highest
// round heard from each sender, and the per-round counts (n x round_limit x 48 bytes).
// Measured peaks (one trial, Release, default round_limit): 21 MB at n = 500, 91 MB at
// n = 1000; the estimate gives 66 MB and 146 MB, bounding them from above.
std::uint64_t trial_memory_bytes(int n, int rounds) {
  const auto m = static_cast<std::uint64_t>(n);
  return 96 * m * m + 48 * m * static_cast<std::uint64_t>(rounds) + (std::uint64_t{32} << 20);
}

SizeRefusal refuse_size(const ProtocolConfig& config, int n, std::uint64_t memory_budget) {
  const int rounds = static_cast<int>(config.integer("round_limit"));
  const std::uint64_t need = trial_memory_bytes(n, rounds);
  if (need <= memory_budget) return {};
  int largest = static_cast<int>(std::sqrt(static_cast<double>(memory_budget) / 96));
  while (largest > 1 && trial_memory_bytes(largest, rounds) > memory_budget) --largest;
  return {"",
          "tendermint with n = " + std::to_string(n) + " needs about " + gib_text(need) +
              " per trial (96 n^2 bytes: the messages in flight), more than the memory limit " +
              gib_text(memory_budget),
          "accepted: n up to " + std::to_string(largest) +
              " under this limit, or a higher --memory-limit (docs/errors.md, \"Limits\")"};
}

int rounds_limit(const ProtocolConfig& config) {
  return static_cast<int>(config.integer("round_limit"));
}

}  // namespace

const ProtocolSpec& tendermint_spec() {
  static const ProtocolSpec spec{
      .name = "tendermint",
      .params = kParams,
      .refuses = kRefused,
      .make = make,
      .time_limit_ns = time_limit_ns,
      .event_limit = event_limit,
      .trial_cost_units = trial_cost_units,
      .peer_messages = true,
      .phases = tendermint::kPhases,
      .benched = true,
      .needs_three_f_plus_one = true,
      .plannable = true,  // simulated: it has no exact rule
      .schedulable = true,
      .unsafe_rules = tendermint::kUnsafeRules,
      .rounds_column = "max_rounds",
      .rounds_limit = rounds_limit,
      .result_columns = tendermint::result_columns,
      .refuse_size = refuse_size,
  };
  return spec;
}

}  // namespace byzsim
