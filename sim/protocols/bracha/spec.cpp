// bracha's keys as data (docs/bracha.md): max_rounds defaults to 1000, far beyond what honest
// runs need (they decide within a few rounds); n > 3f is required (refused at /protocol/f);
// rejudge is refused. No timeouts: rounds and events bound a trial.
#include "sim/protocols/bracha/spec.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "sim/protocols/bracha/bracha.hpp"
#include "sim/protocols/bracha/bracha_columns.hpp"
#include "sim/protocols/bracha/bracha_config.hpp"

namespace byzsim {

namespace {

constexpr int kMaxRoundsLimit = 1000;  // the loader's bound on the common max_rounds
constexpr int kDefaultMaxRounds = 1000;

ParamValue default_max_rounds(const ProtocolConfig&, int) {
  return std::int64_t{kDefaultMaxRounds};
}

std::string max_rounds_hint(const ProtocolConfig&) {
  return "accepted: an integer from 1 to " + std::to_string(kMaxRoundsLimit) + " (the default is " +
         std::to_string(kDefaultMaxRounds) + ")";
}

// Its own reading of the common key: the loader's default of 1 round would end most trials with
// split inputs before the coins agree.
constexpr std::array<ParamSpec, 1> kParams{{
    {"max_rounds", ParamKind::integer, 1, kMaxRoundsLimit, default_max_rounds, max_rounds_hint},
}};

bool rejudges(const ProtocolConfig& common) {
  return common.rejudge;
}

constexpr std::array<RefusedSetting, 1> kRefused{{
    {"rejudge", rejudges,
     "accepted: false (in bracha an agent's vote is its input, fixed for the trial)"},
}};

std::unique_ptr<Protocol> make(TrialEnv& env) {
  return std::make_unique<Bracha>(env);
}

// No timeouts: the rounds and the event limit bound a trial, time only guards against a bug.
SimTime time_limit_ns(const Scenario&) {
  return kTimeNever / 4;
}

std::uint64_t saturating_mul(std::uint64_t a, std::uint64_t b) {
  return b != 0 && a > ~std::uint64_t{0} / b ? ~std::uint64_t{0} : a * b;
}

// Per round at most: 3n instances, each its INITIAL to n agents and one ECHO and one READY from
// each agent to each (2n^2), twice over for scripted agents' split copies; never reached twice.
std::uint64_t event_limit(const Scenario& scenario) {
  const auto n = static_cast<std::uint64_t>(scenario.n());
  const auto rounds = static_cast<std::uint64_t>(
      std::max<std::int64_t>(1, scenario.protocol.integer("max_rounds")));
  const std::uint64_t per_round = 2 * 3 * n * (n + 2 * n * n) + 4 * n;
  return saturating_mul(2 * rounds, per_round) + 64;
}

double trial_cost_units(const Scenario& scenario) {
  const double n = std::max(1, scenario.n());
  return n * n * n;
}

// Peak memory of one trial: one step's ECHOs and READYs in flight at once (up to 2n^3 events)
// and the per-round instance tables (3n^2 per round). Measured peaks (one trial, Release, all
// latencies 0 so that whole steps are in flight together): 16 MB at n = 64, 139 MB at n = 128;
// 80 n^3 + 32 MiB bounds them from above.
std::uint64_t trial_memory_bytes(int n) {
  const auto m = static_cast<std::uint64_t>(n);
  return 80 * m * m * m + (std::uint64_t{32} << 20);
}

SizeRefusal refuse_size(const ProtocolConfig& config, int n, std::uint64_t memory_budget) {
  if (n <= 3 * config.f)
    return {"f",
            "bracha needs n > 3f: n = " + std::to_string(n) +
                " with f = " + std::to_string(config.f) +
                " (its echo, ready and decision thresholds then " + "guarantee nothing)",
            "accepted: f up to floor((n-1)/3) = " + std::to_string((n - 1) / 3) +
                ", e.g. f left to its default"};
  if (n > bracha::kMaxAgents)
    return {"", "bracha runs at most " + std::to_string(bracha::kMaxAgents) + " agents",
            "accepted: n up to " + std::to_string(bracha::kMaxAgents)};
  const std::uint64_t need = trial_memory_bytes(n);
  if (need <= memory_budget) return {};
  int largest = static_cast<int>(std::cbrt(static_cast<double>(memory_budget) / 80));
  while (largest > 1 && trial_memory_bytes(largest) > memory_budget) --largest;
  return {"",
          "bracha with n = " + std::to_string(n) + " needs about " + gib_text(need) +
              " per trial (80 n^3 bytes: the ECHOs and READYs in flight), more than the memory " +
              "limit " + gib_text(memory_budget),
          "accepted: n up to " + std::to_string(largest) +
              " under this limit, or a higher --memory-limit (docs/errors.md, \"Limits\")"};
}

int rounds_limit(const ProtocolConfig& config) {
  return static_cast<int>(config.integer("max_rounds"));
}

}  // namespace

const ProtocolSpec& bracha_spec() {
  static const ProtocolSpec spec{
      .name = "bracha",
      .params = kParams,
      .refuses = kRefused,
      .make = make,
      .time_limit_ns = time_limit_ns,
      .event_limit = event_limit,
      .trial_cost_units = trial_cost_units,
      .peer_messages = true,
      .phases = bracha::kPhases,
      .needs_three_f_plus_one = true,
      .plannable = true,  // simulated: it has no exact rule
      .quorums_in_row = false,
      .rounds_limit = rounds_limit,
      .result_columns = bracha::result_columns,
      .refuse_size = refuse_size,
  };
  return spec;
}

}  // namespace byzsim
