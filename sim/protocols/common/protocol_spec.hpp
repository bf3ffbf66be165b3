// ProtocolSpec: all byzsim knows of one protocol (keys, factory, limits, strategies, exact, plan,
// check, row design), one per folder sim/protocols/<name>/spec.cpp; read by registry, loader,
// run, report and the commands exact, plan and check (none of which names a protocol).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/core/column_value.hpp"
#include "sim/core/time.hpp"
#include "sim/model/exact_rule.hpp"
#include "sim/model/scenario.hpp"
#include "sim/protocols/common/protocol.hpp"

namespace byzsim {

namespace generals {
class GeneralsAlgorithm;  // generals_common/generals_run.hpp
}

// How the loader reads a protocol's own key (all readers give the loader's usual messages).
enum class ParamKind : std::uint8_t {
  integer,   // stored int64, within [min, max]
  number,    // stored double, within [min, max]
  duration,  // a positive duration, stored int64 nanoseconds
  boolean,   // stored bool
  quorum,    // an integer count 1..n or a percentage of n ("70%", rounded up), stored int64
};

// One scenario key of a protocol beyond the common ones (type, f, approve_quorum,
// reject_quorum, max_rounds, round_timeout, rejudge, which the loader reads for every protocol).
struct ParamSpec {
  std::string_view key;
  ParamKind kind = ParamKind::integer;
  double min = 0;  // integer and number bounds, inclusive; other kinds ignore them
  double max = 0;
  // The value when the key is absent, from the resolved common settings and n.
  ParamValue (*fallback)(const ProtocolConfig& common, int n) = nullptr;
  // "accepted: ..." for a bad value; null: the loader's generated hint for the kind.
  std::string (*hint)(const ProtocolConfig& common) = nullptr;
  // A common key this one is also spelled as (pbft reads max_rounds as max_views): when given,
  // its value is the default; giving both is an error.
  std::string_view alias = {};
};

// A common setting a protocol refuses: "'KEY' does not apply to NAME" when `refused` holds.
struct RefusedSetting {
  std::string_view key;
  bool (*refused)(const ProtocolConfig& common) = nullptr;
  std::string_view hint;  // "accepted: ..."
};

// A size a protocol refuses for n agents (om/sm: a message count that explodes; pbft: memory
// beyond the budget): the /protocol key it is reported at (empty: /agents, the size itself),
// what is wrong, "accepted: ..."; an empty message refuses nothing.
struct SizeRefusal {
  std::string_view key;
  std::string message;
  std::string hint;
};

// A byte count as a SizeRefusal's messages write it: "1.5 GiB" (three significant digits).
std::string gib_text(std::uint64_t bytes);

struct ProtocolSpec {
  std::string_view name;                   // protocol.type, the CSV's protocol column
  std::span<const ParamSpec> params = {};  // its own keys, in the order they are read and stored
  std::span<const RefusedSetting> refuses = {};  // common settings it cannot honour
  // A fresh protocol object; the trial runner reuses it across points of the same spec.
  std::unique_ptr<Protocol> (*make)(TrialEnv& env) = nullptr;
  // The per-trial limits when the scenario's `limits` leaves them 0: bounds no correct run
  // reaches, so that hitting one means no consensus, never a hang.
  SimTime (*time_limit_ns)(const Scenario& scenario) = nullptr;
  std::uint64_t (*event_limit)(const Scenario& scenario) = nullptr;
  // Relative cost of one trial, for progress estimates only (never changes output).
  double (*trial_cost_units)(const Scenario& scenario) = nullptr;
  // Agents message each other (not only a trusted coordinator): strategies that act on
  // agent-to-agent messages (equivocate, late) need it.
  bool peer_messages = false;
  // Its phase table: the names of its message kinds, in the order of MessageHeader::phase, for
  // strategy options ("phases": ["commit"]) and traces (docs/adversary.md).
  std::span<const std::string_view> phases = {};
  // Which strategies (contract names) it accepts beyond that rule; null: all of them.
  bool (*accepts)(std::string_view strategy) = nullptr;
  // `byzsim bench` measures its messages/s at several n beside pbft's (the protocols users
  // compare for cost: bench_protocol_scenario gives it f oppose-truth agents and its defaults).
  bool benched = false;
  // Its guarantee rests on n >= 3f + 1 (the loader warns below it).
  bool needs_three_f_plus_one = false;
  // The rule its rounds follow in `byzsim exact`'s model: the callers of compute_exact pass it
  // in (analysis/exact sees no spec); `exact` refuses a protocol without one, naming those
  // with one, and `plan` simulates it. Empty: not modelled.
  std::optional<ExactRule> exact = std::nullopt;
  // `byzsim plan` evaluates its designs: exactly when `exact` is set (a plan lists those by
  // default; with ExactRule::quorums it searches the quorums), else by simulation.
  bool plannable = false;
  // `byzsim check` searches it exhaustively: the Byzantine Generals algorithm whose traitors'
  // choices it enumerates (generals_common/exhaustive.hpp). Null: check refuses it. The check
  // is the Generals' IC1/IC2 search, so the hook names their algorithm type; another family
  // with an exhaustive search of its own would get a hook of its own.
  std::unique_ptr<generals::GeneralsAlgorithm> (*check_algorithm)() = nullptr;
  // It honours a "schedule" (Scenario::schedule: twins, a leader and a partition per view,
  // mutations), so `byzsim check --twins` and `--random` search it (docs/check.md); a planted
  // bug's name for its "unsafe" key is among `unsafe_rules` (each removes one safety rule, for
  // proving that the search finds what it should; never in shipped examples).
  bool schedulable = false;
  std::span<const std::string_view> unsafe_rules = {};
  // The design columns of its rows: quorums (empty when its rule has none, as majority), and
  // its round limit printed under `rounds_column` ("max_rounds", or pbft's "max_views").
  bool quorums_in_row = true;
  std::string_view rounds_column = "max_rounds";
  int (*rounds_limit)(const ProtocolConfig& config) = nullptr;
  // Its own result columns, after the generic ones (e.g. pbft's checker and per-kind message
  // counts): names, kinds, one-line descriptions (the sidecar's) and how they print from the
  // tally; the protocol measures them per trial into TrialResult::counters. Null: none.
  std::span<const ResultColumn> (*result_columns)() = nullptr;
  // A correctness property of its own broken in this trial, beyond the contract's outcomes
  // (om/sm: IC2, a loyal commander's order not obeyed by a loyal lieutenant); `trace --find
  // ic-violation` looks for it or a disagreement (IC1). Null: none.
  bool (*trial_violation)(const TrialResult& result) = nullptr;
  // Sizes it cannot run, or whose trial would need more than `memory_budget` bytes (the loader
  // reports them at /protocol/KEY or /agents); null: any size.
  SizeRefusal (*refuse_size)(const ProtocolConfig& config, int n,
                             std::uint64_t memory_budget) = nullptr;
};

// Makes `config` run `spec` (the model keeps the name beside the pointer for messages and rows).
inline void use_protocol(ProtocolConfig& config, const ProtocolSpec& spec) {
  config.spec = &spec;
  config.type_name = spec.name;
}

// Sets every parameter of the config's spec to its default for n (tests building scenarios in
// code call it; the loader does the same for absent keys).
void fill_protocol_defaults(ProtocolConfig& config, const ProtocolSpec& spec, int n);

}  // namespace byzsim
