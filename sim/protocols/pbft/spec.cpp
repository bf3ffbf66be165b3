// pbft's keys as data (docs/pbft.md): quorums default to ceil((n + f + 1) / 2), which is 2f+1
// when n = 3f+1; f + 2 views (or max_rounds, its coordinator spelling); view timeout twice the
// vote window, growing by a factor per view. rejudge is refused: an agent signs one vote.
#include "sim/protocols/pbft/spec.hpp"
#include "sim/protocols/pbft/pbft_columns.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "sim/protocols/pbft/pbft.hpp"
#include "sim/protocols/pbft/pbft_config.hpp"

namespace byzsim {

namespace {

constexpr int kMaxViews = 1000;

ParamValue default_views(const ProtocolConfig& common, int) {
  return std::int64_t{std::min(common.f + 2, kMaxViews)};
}

std::string views_hint(const ProtocolConfig& common) {
  return "accepted: an integer from 1 to " + std::to_string(kMaxViews) +
         " (the default is f + 2 = " + std::to_string(common.f + 2) + ")";
}

ParamValue default_view_timeout(const ProtocolConfig& common, int) {
  const SimTime t = common.round_timeout_ns;
  return std::int64_t{t > kTimeNever / 2 ? kTimeNever / 2 : 2 * t};
}

ParamValue default_growth(const ProtocolConfig&, int) {
  return 2.0;
}

std::string growth_hint(const ProtocolConfig&) {
  return "accepted: a factor from 1 (constant timeouts) to 1000 (the default is 2)";
}

// ceil((n + f + 1) / 2): any two such quorums share an honest agent when b <= f.
ParamValue default_quorum(const ProtocolConfig& common, int n) {
  return std::int64_t{std::min((n + common.f + 2) / 2, n)};
}

ParamValue default_signatures(const ProtocolConfig&, int) {
  return true;
}

constexpr std::array<ParamSpec, 6> kParams{{
    {"max_views", ParamKind::integer, 1, kMaxViews, default_views, views_hint, "max_rounds"},
    {"view_timeout", ParamKind::duration, 0, 0, default_view_timeout},
    {"view_timeout_growth", ParamKind::number, 1, 1000, default_growth, growth_hint},
    {"prepare_quorum", ParamKind::quorum, 0, 0, default_quorum},
    {"commit_quorum", ParamKind::quorum, 0, 0, default_quorum},
    {"signatures", ParamKind::boolean, 0, 0, default_signatures},
}};

bool rejudges(const ProtocolConfig& common) {
  return common.rejudge;
}

constexpr std::array<RefusedSetting, 1> kRefused{{
    {"rejudge", rejudges,
     "accepted: false (in pbft an agent signs one vote per trial and carries it through view "
     "changes)"},
}};

// Planted bugs for testing `byzsim check` (docs/pbft.md, "Planted bug"): never in shipped
// examples. "ignore-prepared": the new leader ignores the VIEW-CHANGEs' prepared certificates.
constexpr std::array<std::string_view, 1> kUnsafeRules{"ignore-prepared"};

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<Pbft>(env);
}

// Every view ends by its timeout; allow as long again, plus the network's partitions and GST,
// for stragglers. Saturates instead of overflowing.
SimTime time_limit_ns(const Scenario& scenario) {
  const pbft::Config config = pbft::Config::from(scenario);
  constexpr SimTime kCap = kTimeNever / 4;
  SimTime total = kHour;
  auto add = [&](SimTime t) { total = t > kCap - total ? kCap : total + t; };
  for (int view = 0; view < config.max_views && total < kCap; ++view) {
    add(config.timeout(view));
    add(config.timeout(view));
  }
  for (const Partition& p : scenario.network.partitions)
    if (p.until_ns != kTimeNever) add(p.until_ns);
  if (scenario.network.gst.enabled)
    add(scenario.network.gst.at_ns + scenario.network.gst.max_delay_ns);
  return total;
}

// Per view at most: n thinks, votes, proposals and timers; n^2 each of PREPARE, COMMIT,
// VIEW-CHANGE and DECIDE, and 2n^2 from equivocators; twice that is never reached. Under a
// schedule, n counts instances (twins run the protocol too).
std::uint64_t event_limit(const Scenario& scenario) {
  const auto n = static_cast<std::uint64_t>(scenario.n()) + scenario.schedule.twins.size();
  const auto views = static_cast<std::uint64_t>(pbft::Config::from(scenario).max_views);
  return 2 * views * (6 * n * n + 6 * n) + 64;
}

double trial_cost_units(const Scenario& scenario) {
  const double n = std::max(1, scenario.n());
  return n * n;
}

// Peak memory of one trial: the messages in flight dominate (every agent's PREPARE and COMMIT
// broadcasts overlap: about 2n^2 queued events of 24 bytes in the radix heap's buckets, plus
// the per-view books). Measured peaks (one trial, Release): about 93 MB at n = 1000, 300 MiB at
// n = 2000; 80 n^2 + 32 MiB bounds them from above.
std::uint64_t trial_memory_bytes(int n) {
  const auto m = static_cast<std::uint64_t>(n);
  return 80 * m * m + (std::uint64_t{32} << 20);
}

SizeRefusal refuse_size(const ProtocolConfig&, int n, std::uint64_t memory_budget) {
  const std::uint64_t need = trial_memory_bytes(n);
  if (need <= memory_budget) return {};
  int largest = static_cast<int>(std::sqrt(static_cast<double>(memory_budget) / 64));
  while (largest > 1 && trial_memory_bytes(largest) > memory_budget) --largest;
  return {"",
          "pbft with n = " + std::to_string(n) + " needs about " + gib_text(need) +
              " per trial (80 n^2 bytes: the messages in flight), more than the memory limit " +
              gib_text(memory_budget),
          "accepted: n up to " + std::to_string(largest) +
              " under this limit, or a higher --memory-limit (docs/errors.md, \"Limits\")"};
}

int rounds_limit(const ProtocolConfig& config) {
  return static_cast<int>(config.integer("max_views"));
}

}  // namespace

const ProtocolSpec& pbft_spec() {
  static const ProtocolSpec spec{
      .name = "pbft",
      .params = kParams,
      .refuses = kRefused,
      .make = make,
      .time_limit_ns = time_limit_ns,
      .event_limit = event_limit,
      .trial_cost_units = trial_cost_units,
      .peer_messages = true,
      .phases = pbft::kPhases,
      .benched = true,
      .needs_three_f_plus_one = true,
      .plannable = true,  // simulated: it has no exact rule
      .schedulable = true,
      .unsafe_rules = kUnsafeRules,
      .rounds_column = "max_views",
      .rounds_limit = rounds_limit,
      .result_columns = pbft::result_columns,
      .refuse_size = refuse_size,
  };
  return spec;
}

}  // namespace byzsim
