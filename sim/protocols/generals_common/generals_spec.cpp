// The shared spec of om and sm: m defaults to f, the commander to agent 0, choices to -1 (the
// traitors' strategies choose; a number replays an assignment `byzsim check` found).
#include "sim/protocols/generals_common/generals_spec.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "sim/protocols/generals_common/generals_protocol.hpp"

namespace byzsim::generals {

namespace {

constexpr double kMaxScript = 9007199254740992.0;  // 2^53, exact in a JSON number

ParamValue default_m(const ProtocolConfig& common, int) {
  return std::int64_t{common.f};
}
ParamValue default_commander(const ProtocolConfig&, int) {
  return std::int64_t{0};
}
ParamValue default_choices(const ProtocolConfig&, int) {
  return std::int64_t{-1};
}
std::string m_hint(const ProtocolConfig& common) {
  return "accepted: an integer from 0 to 64 (the default is f = " + std::to_string(common.f) + ")";
}
std::string choices_hint(const ProtocolConfig&) {
  return "accepted: -1 (the traitors' strategies choose) or a witness number printed by "
         "byzsim check";
}

constexpr std::array<ParamSpec, 3> kParams{{
    {"m", ParamKind::integer, 0, 64, default_m, m_hint},
    {"commander", ParamKind::integer, 0, 999999, default_commander},
    {"choices", ParamKind::integer, -1, kMaxScript, default_choices, choices_hint},
}};

int m_of(const ProtocolConfig& config) {
  return static_cast<int>(config.integer("m"));
}

// Its limit is the message count (memory follows it, far below any budget).
SizeRefusal refuse_size(const ProtocolConfig& config, int n, std::uint64_t) {
  const std::int64_t commander = config.integer("commander");
  if (commander >= n)
    return {"commander",
            "'commander' is " + std::to_string(commander) +
                ", not an agent (n = " + std::to_string(n) + ")",
            "accepted: an agent index from 0 to n-1 = " + std::to_string(n - 1)};
  const int m = m_of(config);
  const double messages = PathTree::message_count(n, m);
  if (messages <= kMaxMessagesPerTrial) return {};
  char estimate[64];
  std::snprintf(estimate, sizeof estimate, "%.3g", messages);
  int largest = 0;
  while (largest < m && PathTree::message_count(n, largest + 1) <= kMaxMessagesPerTrial) ++largest;
  return {"m",
          "m = " + std::to_string(m) + " with n = " + std::to_string(n) + " sends " + estimate +
              " messages per trial (sum over k = 1..m+1 of (n-1)...(n-k), about n^(m+1)), more "
              "than the limit of 1e+06",
          "accepted: m from 0 to " + std::to_string(largest) + " for n = " + std::to_string(n) +
              ", or fewer agents"};
}

SimTime time_limit_ns(const Scenario& s) {
  return saturating_scale(s.protocol.round_timeout_ns, static_cast<double>(m_of(s.protocol) + 2));
}
std::uint64_t event_limit(const Scenario&) {
  return 64;
}
double trial_cost_units(const Scenario& s) {
  return std::max(1.0, PathTree::message_count(s.n(), m_of(s.protocol)));
}
int rounds_limit(const ProtocolConfig& config) {
  return m_of(config) + 1;
}

ColumnValue ic2_violations(const Tally& t) {
  return static_cast<std::uint64_t>(t.counter_sums[kIc2Violated]);
}
ColumnValue p_ic2_violation(const Tally& t) {
  return static_cast<double>(t.counter_sums[kIc2Violated]) / static_cast<double>(t.trials);
}
constexpr std::array<ResultColumn, 2> kColumns{{
    {"ic2_violations", ic2_violations, ColumnKind::count,
     "trials in which a loyal commander's order was not obeyed by some loyal lieutenant (IC2)"},
    {"p_ic2_violation", p_ic2_violation, ColumnKind::rate, "share of the trials with IC2 broken"},
}};
std::span<const ResultColumn> result_columns() {
  return kColumns;
}

bool ic2_violated(const TrialResult& result) {
  return result.counters[kIc2Violated] > 0;
}

}  // namespace

ProtocolSpec generals_spec(std::string_view name, std::unique_ptr<Protocol> (*make)(TrialEnv&),
                           std::unique_ptr<GeneralsAlgorithm> (*check_algorithm)()) {
  return ProtocolSpec{
      .name = name,
      .params = kParams,
      .make = make,
      .time_limit_ns = time_limit_ns,
      .event_limit = event_limit,
      .trial_cost_units = trial_cost_units,
      .peer_messages = true,
      .phases = kPhases,
      .check_algorithm = check_algorithm,
      .quorums_in_row = false,
      .rounds_limit = rounds_limit,
      .result_columns = result_columns,
      .trial_violation = ic2_violated,
      .refuse_size = refuse_size,
  };
}

}  // namespace byzsim::generals
