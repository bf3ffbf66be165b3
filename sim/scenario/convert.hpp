// One (patched) scenario document -> a validated Scenario, with every problem collected.
// Used by the loader once per sweep point; the parts live in the convert_*.cpp files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/agents/strategy.hpp"
#include "sim/json/convert_read.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {
class ProtocolRegistry;
}

namespace byzsim::convert {

// Bounds that refuse absurd scenarios before any work starts.
inline constexpr int kMaxAgents = 1000000;
inline constexpr int kMaxRounds = 1000;
inline constexpr std::uint64_t kMaxTrials = 1000000000000;  // 1e12
inline constexpr double kMaxDurationNs = 1e18;              // about 31.7 years
// The memory one trial (and one trace) may need, unless --memory-limit says otherwise: a run
// that would exceed it is refused with the estimate before it starts, not ended by bad_alloc.
inline constexpr std::uint64_t kDefaultMemoryBudget = std::uint64_t{4} << 30;  // 4 GiB

// What a conversion reads besides the document.
struct Context {
  std::string_view default_name;      // names the scenario when the document has no "name"
  const ProtocolRegistry& protocols;  // the protocols "type" may name
  const StrategyTable& strategies;    // the strategies agent groups and corruption may name
  std::uint64_t memory_budget = kDefaultMemoryBudget;  // bytes one trial may need
};

// The whole document (an object; "sweep" already taken out by the loader). The result is
// meaningful only when no problem was added.
Scenario convert_scenario(const Json& document, const Context& context, Problems& problems);

// Sweep points after the first: `base` is an earlier point's scenario, converted without a
// problem from a document that differs from `document` only inside the top-level sections
// named in `sections`. Only those sections, and the ones that depend on them (agents ->
// protocol and network, which need n; agents, protocol or corruption -> the strategy check),
// are converted again from `document`, which needs to hold `sections` and those dependent
// sections (the caller lists them in `sections` too). Gives what
// convert_scenario(whole document) gives, problems included, at a fraction of the cost.
Scenario convert_sections(const Json& document, const Scenario& base,
                          const std::vector<std::string>& sections, const Context& context,
                          Problems& problems);
// The same, reading the sections into `base` itself rather than a copy of it.
Scenario convert_sections_into(const Json& document, Scenario&& base,
                               const std::vector<std::string>& sections, const Context& context,
                               Problems& problems);

// --- parts, in the order convert_scenario calls them ---

struct AgentsResult {
  std::vector<AgentGroup> groups;
  std::optional<int> n;  // set when every count is valid and 1 <= n <= kMaxAgents
};
AgentsResult convert_agents(const StrategyTable& table, const Field& f, Problems& problems);

// `n` is unknown when the agents are invalid; then checks that need it are skipped. The
// protocol's own keys are read as its spec in `protocols` describes them.
ProtocolConfig convert_protocol(const Field& f, std::optional<int> n, std::uint64_t memory_budget,
                                const ProtocolRegistry& protocols, Problems& problems);
Corruption convert_corruption(const StrategyTable& table, const Field& f, Problems& problems);
// latency, drop, partitions, gst, links (convert_network.cpp); agent indices need `n`.
// The "estimator" object (convert_estimator.cpp), and the check that importance sampling has
// something to tilt in the converted scenario (problems at /estimator/type).
Estimator convert_estimator(const Field& f, Problems& problems);
void check_estimator(const Scenario& s, Problems& problems);

NetworkConfig convert_network(const Field& f, std::optional<int> n, Problems& problems);
// The "schedule" (convert_schedule.cpp): twins, views and mutations, checked against the
// agents (twins and mutating senders must be non-honest agents that run the protocol) and the
// protocol (it must be schedulable; phases from its table). Read after the agents and protocol.
Schedule convert_schedule(const Field& f, const Scenario& s, const Context& context,
                          Problems& problems);
// An element of an array as a Field, so the readers can report it at its pointer.
Field element(const Json& array, const std::string& pointer, std::size_t i, std::string name);
// equivocate and late need a protocol with agent-to-agent messages (ProtocolSpec::peer_messages),
// and a spec may refuse more: reported at the strategy of each group (and corruption).
void check_strategies_for_protocol(const Scenario& s, const Context& context, Problems& problems);

// --- shared by agents and corruption (convert_agents.cpp) ---

// "accepted for malicious agents: oppose-truth, always-approve, ..."
std::string strategy_hint(const StrategyTable& table, Role role);

// The strategy named by `f` for `role` (the table's default when absent); reports unknown names
// with a suggestion and strategies of another role (null then).
const StrategySpec* read_strategy(const StrategyTable& table, const Field& f, Role role,
                                  Problems& problems);

// Reads "vote", "at", "factor", "delay" and the probability key `p_key` ("p" for agents,
// "strategy_p" for corruption) as the table row of `strategy` describes them, and reports those
// it does not take.
void read_strategy_parameters(const StrategyTable& table, const Json& object,
                              std::string_view pointer, const StrategySpec& strategy,
                              std::string_view p_key, AgentGroup& group, Problems& problems);

// --- durations and distributions (convert_distribution.cpp) ---

// A number of seconds or a string with a unit; >= 0, or > 0 when `positive`.
std::optional<double> read_duration_ns(const Field& f, Problems& problems, bool positive);
// A positive duration rounded to whole nanoseconds (timeouts and limits).
std::optional<SimTime> read_sim_time(const Field& f, Problems& problems);
// A duration (constant) or {"dist": ..., parameters}.
std::optional<Distribution> read_distribution(const Field& f, Problems& problems);

}  // namespace byzsim::convert
