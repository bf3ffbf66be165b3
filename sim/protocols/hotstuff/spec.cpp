// hotstuff's keys as data (docs/hotstuff.md): the QC quorum defaults to ceil((n + f + 1) / 2),
// which is 2f+1 when n = 3f+1; each leader holds 4 consecutive views (a three-chain and the QC
// that commits it); leader_views x (n + 2) views, so that every leader gets a term and a
// straggler reaches a committed one; view timeout twice the vote window, growing by a factor on
// each timeout. rejudge is refused (one signed review vote per agent).
#include "sim/protocols/hotstuff/spec.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "sim/protocols/hotstuff/hotstuff.hpp"
#include "sim/protocols/hotstuff/hotstuff_columns.hpp"
#include "sim/protocols/hotstuff/hotstuff_config.hpp"

namespace byzsim {

namespace {

constexpr int kMaxViews = 1000;  // views travel in Event::round (16 bits)
constexpr int kDefaultLeaderViews = 4;

ParamValue default_views(const ProtocolConfig&, int n) {
  return std::int64_t{std::min(kDefaultLeaderViews * (n + 2), kMaxViews)};
}

std::string views_hint(const ProtocolConfig&) {
  return "accepted: an integer from 1 to " + std::to_string(kMaxViews) +
         " (the default is 4 (n + 2), at most " + std::to_string(kMaxViews) + ")";
}

ParamValue default_leader_views(const ProtocolConfig&, int) {
  return std::int64_t{kDefaultLeaderViews};
}

std::string leader_views_hint(const ProtocolConfig&) {
  return "accepted: an integer from 1 (a new leader every view) to 100 (the default is 4, the "
         "fewest that let one honest leader commit)";
}

ParamValue default_view_timeout(const ProtocolConfig& common, int) {
  const SimTime t = common.round_timeout_ns;
  return std::int64_t{t > kTimeNever / 2 ? kTimeNever / 2 : 2 * t};
}

// Absent: a leader without a fresh QC waits for a quorum of NEW-VIEWs as long as its view lasts.
ParamValue default_new_view_wait(const ProtocolConfig&, int) {
  return std::int64_t{kTimeNever};
}

std::string new_view_wait_hint(const ProtocolConfig&) {
  return "accepted: a positive duration such as \"20ms\" (absent: wait for the quorum of "
         "NEW-VIEWs)";
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

constexpr std::array<ParamSpec, 7> kParams{{
    {"max_views", ParamKind::integer, 1, kMaxViews, default_views, views_hint, "max_rounds"},
    {"leader_views", ParamKind::integer, 1, 100, default_leader_views, leader_views_hint},
    {"view_timeout", ParamKind::duration, 0, 0, default_view_timeout},
    {"view_timeout_growth", ParamKind::number, 1, 1000, default_growth, growth_hint},
    {"new_view_wait", ParamKind::duration, 0, 0, default_new_view_wait, new_view_wait_hint},
    {"quorum", ParamKind::quorum, 0, 0, default_quorum},
    {"signatures", ParamKind::boolean, 0, 0, default_signatures},
}};

bool rejudges(const ProtocolConfig& common) {
  return common.rejudge;
}

// Planted bugs for testing `byzsim check` (docs/hotstuff.md, "Planted bug"): "no-lock-check"
// votes without the safe-node rule.
constexpr std::array<std::string_view, 1> kUnsafeRules{"no-lock-check"};

constexpr std::array<RefusedSetting, 1> kRefused{{
    {"rejudge", rejudges,
     "accepted: false (in hotstuff an agent signs one review vote per trial and carries it "
     "through views)"},
}};

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<HotStuff>(env);
}

// Every view ends by its timeout at the latest, which grows per leader term; allow as long again,
// plus the network's partitions and GST, for stragglers. Saturates instead of overflowing.
SimTime time_limit_ns(const Scenario& scenario) {
  const hotstuff::Config config = hotstuff::Config::from(scenario);
  constexpr SimTime kCap = kTimeNever / 4;
  SimTime total = kHour;
  auto add = [&](SimTime t) { total = t > kCap - total ? kCap : total + t; };
  for (int view = 0; view < config.max_views && total < kCap; ++view) {
    add(config.timeout(config.term(view)));
    add(config.timeout(config.term(view)));
  }
  for (const Partition& p : scenario.network.partitions)
    if (p.until_ns != kTimeNever) add(p.until_ns);
  if (scenario.network.gst.enabled)
    add(scenario.network.gst.at_ns + scenario.network.gst.max_delay_ns);
  return total;
}

// Per view at most: n thinks, timers and NEW-VIEWs, 2n proposals and 2n block votes (an
// equivocating leader and voters), n DECIDEs and votes, and offers to scripted agents: under
// 16n events; twice that is never reached.
std::uint64_t event_limit(const Scenario& scenario) {
  const auto n = static_cast<std::uint64_t>(std::max(1, scenario.n()));
  const auto views = static_cast<std::uint64_t>(hotstuff::Config::from(scenario).max_views);
  return 2 * views * 16 * n + 64 * n + 1024;
}

double trial_cost_units(const Scenario& scenario) {
  return 10.0 * std::max(1, scenario.n());
}

// Peak memory of one trial: per view touched, 8 bit rows of n bits (block votes sent and
// received, review votes, NEW-VIEWs) and the NEW-VIEW records of the replicas that time out, so
// about 8 n bytes per view. Measured peaks (one trial, Release, no consensus): 8 MB at n = 1000
// and 33 MB at n = 20,000 after 189 views; 8 n max_views + 32 MiB bounds them from above.
std::uint64_t trial_memory_bytes(int n, int max_views) {
  const auto m = static_cast<std::uint64_t>(n);
  return 8 * m * static_cast<std::uint64_t>(max_views) + (std::uint64_t{32} << 20);
}

SizeRefusal refuse_size(const ProtocolConfig& config, int n, std::uint64_t memory_budget) {
  const int views = static_cast<int>(config.integer("max_views"));
  const std::uint64_t need = trial_memory_bytes(n, views);
  if (need <= memory_budget) return {};
  const std::uint64_t fixed = std::uint64_t{32} << 20;
  const std::uint64_t largest =
      memory_budget > fixed ? (memory_budget - fixed) / (8 * static_cast<std::uint64_t>(views)) : 0;
  return {"",
          "hotstuff with n = " + std::to_string(n) + " and " + std::to_string(views) +
              " views needs about " + gib_text(need) +
              " per trial (8 n max_views bytes: per-view vote bitsets), more than the memory "
              "limit " +
              gib_text(memory_budget),
          "accepted: n up to " + std::to_string(largest) +
              " with these views under this limit, fewer max_views, or a higher --memory-limit "
              "(docs/errors.md, \"Limits\")"};
}

int rounds_limit(const ProtocolConfig& config) {
  return static_cast<int>(config.integer("max_views"));
}

}  // namespace

const ProtocolSpec& hotstuff_spec() {
  static const ProtocolSpec spec{
      .name = "hotstuff",
      .params = kParams,
      .refuses = kRefused,
      .make = make,
      .time_limit_ns = time_limit_ns,
      .event_limit = event_limit,
      .trial_cost_units = trial_cost_units,
      .peer_messages = true,
      .phases = hotstuff::kPhases,
      .benched = true,
      .needs_three_f_plus_one = true,
      .plannable = true,  // simulated: it has no exact rule
      .schedulable = true,
      .unsafe_rules = kUnsafeRules,
      .rounds_column = "max_views",
      .rounds_limit = rounds_limit,
      .result_columns = hotstuff::result_columns,
      .refuse_size = refuse_size,
  };
  return spec;
}

}  // namespace byzsim
