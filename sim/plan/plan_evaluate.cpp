// Evaluating a plan: one scenario per (protocol, rounds, n, combination of ranged counts),
// loaded by the scenario loader (so defaults and checks are the scenario format's), then the
// quorums set per design and every variant computed exactly; a design's numbers are the worst case.
#include "sim/plan/plan_evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <set>
#include <utility>

#include "analysis/exact/exact.hpp"
#include "sim/json/origin.hpp"
#include "sim/plan/plan_importance.hpp"
#include "sim/plan/stopping_rule.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/report/row.hpp"
#include "sim/run/trial_runner.hpp"
#include "sim/scenario/loader.hpp"

namespace byzsim {

namespace {

// Where a pointer of a generated scenario is in the plan file.
std::string plan_pointer(const std::string& scenario_pointer) {
  if (scenario_pointer.rfind("/costs", 0) == 0) return scenario_pointer;
  if (scenario_pointer.rfind("/protocol/round_timeout", 0) == 0) return "/candidates/round_timeout";
  if (scenario_pointer.rfind("/protocol", 0) == 0) return "/candidates";
  if (scenario_pointer.empty()) return "/population";
  return "/population" + scenario_pointer;
}

Diagnostic placed(const PlanSpec& plan, const std::string& scenario_pointer, std::string message,
                  std::string hint) {
  return diagnostic_in_file(SourceText{plan.text, plan.file}, plan_pointer(scenario_pointer),
                            convert::Anchor::value, std::move(message), std::move(hint));
}

// Every combination of the ranged groups' counts, the rest filling n; empty when one does not fit.
std::vector<std::vector<int>> count_combinations(const PlanSpec& plan, int n) {
  std::vector<std::vector<int>> combos{{}};
  for (const PlanGroup& g : plan.groups) {
    std::vector<std::vector<int>> next;
    for (const auto& combo : combos)
      for (const int c : g.rest ? std::vector<int>{-1} : g.counts) {
        next.push_back(combo);
        next.back().push_back(c);
      }
    combos = std::move(next);
  }
  for (auto& combo : combos) {
    int fixed = 0;
    for (const int c : combo) fixed += std::max(c, 0);
    if (fixed > n) return {};
    for (int& c : combo)
      if (c < 0) c = n - fixed;
  }
  return combos;
}

std::string scenario_text(const PlanSpec& plan, const std::string& protocol, int rounds,
                          const std::vector<int>& counts) {
  nlohmann::ordered_json doc = plan.population;
  doc["name"] = plan.name;
  for (std::size_t i = 0; i < counts.size(); ++i) doc["agents"][i]["count"] = counts[i];
  doc["protocol"] = plan.protocol_extra;
  doc["protocol"]["type"] = protocol;
  doc["protocol"]["max_rounds"] = rounds;
  return doc.dump();
}

int percent_of(double percent, int n) {
  return static_cast<int>(std::ceil(percent * n / 100.0 - 1e-9));
}

// The quorum counts a choice gives at n (within 1..n), for `seed` the default one.
std::vector<int> quorum_values(const QuorumChoice& choice, int n, int seed_value) {
  std::set<int> values;
  if (choice.kind == QuorumChoice::Kind::seed) values.insert(seed_value);
  if (choice.kind == QuorumChoice::Kind::all)
    for (int q = 1; q <= n; ++q) values.insert(q);
  for (const auto& v : choice.values) {
    const int q = v.percent ? percent_of(v.amount, n) : static_cast<int>(v.amount);
    if (q >= 1 && q <= n) values.insert(q);
  }
  return {values.begin(), values.end()};
}

bool meets(double value, double target) {
  return value <= target + 1e-12;  // exact rates carry double rounding only
}

// One variant's outcome, computed exactly or simulated; the common shape of both.
struct VariantOutcome {
  double p[kOutcomeCount] = {}, lo[kOutcomeCount] = {}, hi[kOutcomeCount] = {};
  std::optional<double> general[kGeneralColumnCount];  // the columns marked `plan`
  std::uint64_t trials = 0;                            // 0: exact
  bool undecided = false;
  bool importance = false;  // simulated by importance sampling (plan_importance.hpp)
};

// Simulates blocks of trials until p_wrong and p_no_consensus are each judged against their
// targets (stopping_rule.hpp), or the trial limit is reached. Trials 0, 1, ... of point 0: the
// same scenario always gives the same row.
VariantOutcome simulate(const Scenario& s, const PlanTargets& targets, const StoppingRule& rule) {
  if (plain_cannot_separate(targets, rule))
    if (const auto rare = simulate_importance(s, targets, rule)) {
      VariantOutcome out;
      for (int k = 0; k < kOutcomeCount; ++k)
        out.p[k] = rare->rates[k].p, out.lo[k] = rare->rates[k].lo, out.hi[k] = rare->rates[k].hi;
      out.trials = rare->trials;
      out.undecided = rare->undecided;
      out.importance = true;  // its means would be of tilted trials: left unknown
      return out;
    }
  TrialRunner runner;
  runner.prepare(s, 0);
  Tally tally;
  bool decided = false;
  while (!decided && tally.trials < rule.max_trials) {
    const std::uint64_t end = std::min(rule.max_trials, tally.trials + rule.block_trials);
    while (tally.trials < end) tally.add(runner.run(tally.trials));
    decided = judge_rate(tally.counts[1], tally.trials, targets.max_p_wrong, rule.z) !=
                  Verdict::undecided &&
              judge_rate(tally.counts[2], tally.trials, targets.max_p_no_consensus, rule.z) !=
                  Verdict::undecided;
  }
  VariantOutcome out;
  out.trials = tally.trials;
  out.undecided = !decided;
  for (int k = 0; k < kOutcomeCount; ++k) {
    const Interval i = wilson95(tally.counts[k], tally.trials);
    out.p[k] = i.p, out.lo[k] = i.lo, out.hi[k] = i.hi;
  }
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
    if (kGeneralColumns[c].plan) out.general[c] = tally.general(c);
  return out;
}

// The most cost units simulating one variant can take: every trial the stopping rule allows.
double worst_case_sim_units(const Scenario& s) {
  return static_cast<double>(StoppingRule{}.max_trials) * spec_of(s.protocol).trial_cost_units(s);
}

std::optional<VariantOutcome> exact_outcome(const Scenario& s, ExactRule rule,
                                            std::string& reason) {
  const ExactReport report = compute_exact(s, rule);
  if (!report.outcome) {
    reason = report.unsupported_reason;
    return std::nullopt;
  }
  const ExactOutcome& e = *report.outcome;
  VariantOutcome out;
  const double p[kOutcomeCount] = {e.p_correct, e.p_wrong, e.p_no_consensus, e.p_disagreement};
  for (int k = 0; k < kOutcomeCount; ++k) out.p[k] = out.lo[k] = out.hi[k] = p[k];
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
    if (kGeneralColumns[c].plan) out.general[c] = exact_general(e, s, c);
  return out;
}

}  // namespace

std::optional<PlanDesign> evaluate_design(const PlanSpec& plan,
                                          const std::vector<Scenario>& variants,
                                          std::optional<int> approve_quorum,
                                          std::optional<int> reject_quorum, std::string& reason,
                                          SimBudget* budget) {
  PlanDesign d;
  const Scenario& first = variants.front();
  d.protocol = std::string(first.protocol.name());
  d.exact_rule = spec_of(first.protocol).exact;
  d.n = first.n();
  d.f = first.protocol.f;
  d.max_rounds = first.protocol.max_rounds;
  d.honest = d.n;
  d.p_correct = 1;
  d.approve_quorum = approve_quorum;
  d.reject_quorum = reject_quorum;
  bool known[kGeneralColumnCount];
  std::fill(std::begin(known), std::end(known), true);
  for (const Scenario& variant : variants) {
    Scenario s = variant;
    if (approve_quorum) s.protocol.approve_quorum = *approve_quorum;
    if (reject_quorum) s.protocol.reject_quorum = *reject_quorum;
    std::optional<VariantOutcome> o;
    // Exact where the protocol (it has an exact rule) and the population allow it; otherwise
    // (pbft, or a population the exact model refuses, such as collude or crashes after time 0)
    // simulated until the stopping rule separates the rates from the targets.
    if (d.exact_rule) o = exact_outcome(s, *d.exact_rule, reason);
    if (!o && budget != nullptr) {
      const double worst = worst_case_sim_units(s);
      if (worst > budget->units_left) {
        budget->exceeded = true;
        return std::nullopt;
      }
      budget->units_left -= worst;
    }
    if (!o) o = simulate(s, plan.targets, StoppingRule{});
    if (!o) return std::nullopt;
    const VariantOutcome& e = *o;
    d.honest = std::min(d.honest, s.count_of(Role::honest));
    d.malicious = std::max(d.malicious, s.count_of(Role::malicious));
    d.faulty = std::max(d.faulty, s.count_of(Role::faulty));
    // Worst case per rate: the variant with the highest error rate (lowest p_correct) gives
    // the rate and its interval.
    for (int k = 0; k < kOutcomeCount; ++k) {
      const bool first_variant = &variant == &variants.front();
      double* rate[kOutcomeCount] = {&d.p_correct, &d.p_wrong, &d.p_no_consensus,
                                     &d.p_disagreement};
      const bool worse = k == 0 ? e.p[k] < *rate[k] : e.p[k] > *rate[k];
      if (first_variant || worse) *rate[k] = e.p[k], d.lo[k] = e.lo[k], d.hi[k] = e.hi[k];
    }
    if (e.trials > 0) {
      if (d.method != "importance") d.method = e.importance ? "importance" : "sim";
      d.trials = std::max(d.trials, e.trials);
      d.undecided = d.undecided || e.undecided;
    }
    // The worst case of each plan column; a variant without a value makes it unknown, unless
    // the column is over decided trials and the variant decides in none.
    const bool decides = e.p[0] + e.p[1] > 0;
    for (std::size_t c = 0; c < kGeneralColumnCount; ++c) {
      if (!kGeneralColumns[c].plan) continue;
      if (e.general[c])
        d.general[c] = std::max(d.general[c].value_or(0.0), *e.general[c]);
      else if (decides || kGeneralColumns[c].over == ColumnOver::trials)
        known[c] = false;
    }
    const std::optional<double> latency = e.general[general_column("mean_latency_s")];
    const double cost =
        plan.costs_given ? expected_cost(s, e.p[1], e.p[2], latency.value_or(0.0)) : d.n;
    d.cost = std::max(d.cost, cost);
  }
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
    if (!known[c]) d.general[c].reset();
  d.feasible = !d.undecided && meets(d.p_wrong, plan.targets.max_p_wrong) &&
               meets(d.p_no_consensus, plan.targets.max_p_no_consensus) &&
               (!plan.targets.max_latency_s ||
                (d.mean_latency_s() && meets(*d.mean_latency_s(), *plan.targets.max_latency_s)));
  return d;
}

RejectBand reject_band(const PlanSpec& plan, const std::vector<Scenario>& variants,
                       int approve_quorum, std::size_t& evaluations, SimBudget* budget) {
  const int n = variants.front().n();
  std::string reason;
  auto design = [&](int reject) {
    evaluations += variants.size();
    return evaluate_design(plan, variants, approve_quorum, reject, reason, budget);
  };
  auto wrong_ok = [&](int reject) {
    const auto d = design(reject);
    return d && meets(d->p_wrong, plan.targets.max_p_wrong);
  };
  auto no_consensus_ok = [&](int reject) {
    const auto d = design(reject);
    return d && meets(d->p_no_consensus, plan.targets.max_p_no_consensus);
  };
  RejectBand band{n + 1, 0};
  if (variants.front().protocol.max_rounds > 1) {
    for (int r = n; r >= 1; --r)
      if (wrong_ok(r)) band.lowest = r;
    for (int r = 1; r <= n; ++r)
      if (no_consensus_ok(r)) band.highest = r;
    return band;
  }
  // The first quorum in [lo, hi] where `ok` turns true (ok false before, true after), hi + 1 if
  // never.
  auto first_true = [](int lo, int hi, const auto& ok) {
    ++hi;
    while (lo < hi) {
      const int mid = lo + (hi - lo) / 2;
      if (ok(mid))
        hi = mid;
      else
        lo = mid + 1;
    }
    return lo;
  };
  band.lowest = first_true(1, n, wrong_ok);
  band.highest = first_true(1, n, [&](int r) { return !no_consensus_ok(r); }) - 1;
  return band;
}

namespace {

std::string hours_text(double core_hours) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", core_hours);
  return text;
}

// A simulation the budget cannot cover, met while evaluating: the exact model refused this
// population (the up-front estimate counts only protocols without an exact rule).
bool refuse_beyond_budget(const PlanSpec& plan, const Scenario& at, PlanEvaluation& out) {
  out.diagnostics.push_back(diagnostic_in_file(
      SourceText{plan.text, plan.file}, "/candidates/n", convert::Anchor::value,
      "the " + std::string(at.protocol.name()) + " designs at n = " + std::to_string(at.n()) +
          " must be simulated (the exact model refuses this population), and their worst case "
          "(" +
          std::to_string(StoppingRule{}.max_trials) +
          " trials per variant) would pass the simulation budget of " +
          hours_text(plan.max_sim_core_hours) + " core-hours",
      "accepted: fewer or smaller n values, fewer quorums, or a higher --max-sim-hours "
      "(docs/plan.md, \"Simulated designs\")"));
  return false;
}

// The designs of one (protocol, rounds, n): quorum pairs searched where the protocol's exact
// rule is the quorums (coordinator-vote), else its one design (majority, or simulated: pbft).
bool add_designs(const PlanSpec& plan, const std::vector<Scenario>& variants, PlanEvaluation& out,
                 SimBudget& budget) {
  const Scenario& base = variants.front();
  const int n = base.n();
  std::vector<std::pair<std::optional<int>, std::optional<int>>> pairs;
  const int seed_approve = base.protocol.approve_quorum, seed_reject = base.protocol.reject_quorum;
  if (spec_of(base.protocol).exact != ExactRule::quorums) {
    pairs.emplace_back(std::nullopt, std::nullopt);
  } else {
    std::set<std::pair<int, int>> chosen{{seed_approve, seed_reject}};  // the seed's rule always
    for (const int a : quorum_values(plan.approve, n, seed_approve)) {
      if (plan.reject.kind == QuorumChoice::Kind::all) {
        // The cheapest quorum of the band needs its costs: the band is scanned (it is narrow
        // where the targets are tight); with no band, the p_wrong boundary stands for this a.
        const RejectBand band = reject_band(plan, variants, a, out.exact_evaluations, &budget);
        if (budget.exceeded) return refuse_beyond_budget(plan, variants.front(), out);
        if (band.lowest > band.highest) chosen.insert({a, std::min(band.lowest, n)});
        for (int r = band.lowest; r <= band.highest; ++r) chosen.insert({a, r});
        continue;
      }
      for (const int r : quorum_values(plan.reject, n, seed_reject)) chosen.insert({a, r});
    }
    for (const auto& [a, r] : chosen) pairs.emplace_back(a, r);
  }
  for (const auto& [a, r] : pairs) {
    std::string reason;
    out.exact_evaluations += variants.size();
    auto d = evaluate_design(plan, variants, a, r, reason, &budget);
    if (budget.exceeded) return refuse_beyond_budget(plan, variants.front(), out);
    if (!d) {
      std::string pointer, what = reason;
      const std::size_t colon = reason.find(": ");
      if (!reason.empty() && reason[0] == '/' && colon != std::string::npos) {
        pointer = reason.substr(0, colon);
        what = reason.substr(colon + 2);
      }
      out.diagnostics.push_back(placed(plan, pointer,
                                       "the exact model cannot evaluate this population: " + what,
                                       "accepted: the settings analysis/exact/README.md lists"));
      return false;
    }
    if (!a)
      d->rule = std::string(base.protocol.name());  // majority, or a simulated protocol
    else
      d->rule = (*a == seed_approve && *r == seed_reject) ? "seed" : "quorum";
    if (plan.costs_given && !d->mean_latency_s() && base.costs.per_minute > 0 &&
        d->p_correct + d->p_wrong > 0) {
      out.diagnostics.push_back(
          placed(plan, "/costs/per_minute",
                 "the exact model gives no mean decision time for this population, so the "
                 "per-minute cost is unknown",
                 "accepted: per_minute 0, or constant think times and latency"));
      return false;
    }
    // A simulated mean decision time is an estimate the stopping rule does not control (it
    // separates the rates from their targets, not the latency), so it cannot decide a target.
    if (plan.targets.max_latency_s && d->method != "exact") {
      out.diagnostics.push_back(diagnostic_in_file(
          SourceText{plan.text, plan.file}, "/targets/max_latency", convert::Anchor::value,
          "a latency target needs the exact mean decision time, and the " + d->protocol +
              " designs of this population are simulated (think times or latencies the exact "
              "model cannot bound, a population it refuses, or a simulated protocol)",
          "accepted: no max_latency, or constant think times and latency under "
          "coordinator-vote or majority"));
      return false;
    }
    if (plan.targets.max_latency_s && !d->mean_latency_s() && d->p_correct + d->p_wrong > 0) {
      out.diagnostics.push_back(diagnostic_in_file(
          SourceText{plan.text, plan.file}, "/targets/max_latency", convert::Anchor::value,
          "the exact model gives no mean decision time for this population",
          "accepted: no max_latency, or constant think times and latency"));
      return false;
    }
    out.designs.push_back(std::move(*d));
  }
  return true;
}

}  // namespace

namespace {

// The most designs the candidates can produce: per protocol, rounds and n, one (majority,
// simulated protocols) or every (approve, reject) pair it may keep (a searched reject quorum
// may keep its whole band: all of 1..n when every design is feasible).
double worst_case_designs(const PlanSpec& plan) {
  double total = 0;
  for (const std::string& protocol : plan.protocols) {
    const ProtocolSpec* spec = ProtocolRegistry::builtin().find(protocol);
    const bool searched = spec && spec->exact == ExactRule::quorums;
    for (std::size_t r = 0; r < plan.rounds.size(); ++r)
      for (const int n : plan.n_values) {
        if (!searched) {
          total += 1;
          continue;
        }
        const auto count = [&](const QuorumChoice& c) {
          return c.kind == QuorumChoice::Kind::all ? n : static_cast<int>(c.values.size()) + 1;
        };
        total += static_cast<double>(count(plan.approve)) * count(plan.reject);
      }
  }
  return total;
}

// The variants of one (protocol, rounds, n): one scenario per combination of the ranged counts,
// loaded as scenario files are; empty when the fixed groups alone exceed n; nullopt (with the
// loader's diagnostics in `out`) when one does not load.
std::optional<std::vector<Scenario>> load_variants(const PlanSpec& plan,
                                                   const std::string& protocol, int rounds, int n,
                                                   Diagnostics& out) {
  std::vector<Scenario> variants;
  for (const auto& counts : count_combinations(plan, n)) {
    const LoadResult loaded =
        load_scenario_text(scenario_text(plan, protocol, rounds, counts), plan.file);
    for (const Diagnostic& d : loaded.diagnostics)
      out.push_back(placed(plan, d.pointer, d.message, d.hint));
    if (!loaded.ok()) return std::nullopt;
    variants.push_back(loaded.scenario->points.front().scenario);
  }
  return variants;
}

// The up-front half of the simulation budget (plan_evaluate.hpp): the worst case of the
// protocols without an exact rule, summed in n order, against the budget. False, with the
// diagnostic, when it passes it.
bool simulation_fits(const PlanSpec& plan, double budget_units, PlanEvaluation& out) {
  double total = 0;
  int largest_n = 0;  // the largest candidate n up to which every design fits
  std::string simulated;
  for (const int n : plan.n_values) {
    for (const std::string& protocol : plan.protocols) {
      const ProtocolSpec* spec = ProtocolRegistry::builtin().find(protocol);
      if (spec == nullptr || spec->exact) continue;
      if (simulated.find(protocol) == std::string::npos)
        simulated += (simulated.empty() ? "" : ", ") + protocol;
      for (const int rounds : plan.rounds) {
        Diagnostics ignored;  // the evaluation reports a variant that does not load
        const auto variants = load_variants(plan, protocol, rounds, n, ignored);
        if (!variants) return true;
        for (const Scenario& s : *variants) total += worst_case_sim_units(s);
      }
    }
    if (total <= budget_units) largest_n = n;
  }
  if (total <= budget_units) return true;
  const double hours = total / kSimCostUnitsPerCoreSecond / 3600;
  out.diagnostics.push_back(diagnostic_in_file(
      SourceText{plan.text, plan.file}, "/candidates/n", convert::Anchor::value,
      "the simulated designs (" + simulated + ") may need up to " + hours_text(hours) +
          " core-hours of simulation (" + std::to_string(StoppingRule{}.max_trials) +
          " trials per design when the sequential test cannot decide sooner), more than the "
          "budget of " +
          hours_text(plan.max_sim_core_hours) + " core-hours",
      largest_n > 0 ? "accepted: candidate n up to " + std::to_string(largest_n) +
                          " under this budget, or a higher --max-sim-hours (docs/plan.md, "
                          "\"Simulated designs\")"
                    : "accepted: a higher --max-sim-hours (the smallest n alone passes this "
                      "budget; docs/plan.md, \"Simulated designs\")"));
  return false;
}

}  // namespace

PlanEvaluation evaluate_plan(const PlanSpec& plan) {
  PlanEvaluation out;
  if (const double worst = worst_case_designs(plan); worst > kMaxPlanDesigns) {
    char estimate[32];
    std::snprintf(estimate, sizeof estimate, "%.3g", worst);
    out.diagnostics.push_back(diagnostic_in_file(
        SourceText{plan.text, plan.file}, "/candidates", convert::Anchor::value,
        std::string("these candidates can produce up to ") + estimate +
            " designs (each n times the approve and reject quorums kept; a searched quorum "
            "keeps up to n), more than the limit of 250,000",
        "accepted: fewer n values, or quorums listed or as percentages (\"67%\") instead of "
        "\"all\" at large n"));
    return out;
  }
  const double budget_units = plan.max_sim_core_hours * 3600 * kSimCostUnitsPerCoreSecond;
  if (!simulation_fits(plan, budget_units, out)) return out;
  SimBudget budget{budget_units};
  for (const std::string& protocol : plan.protocols)
    for (const int rounds : plan.rounds)
      for (const int n : plan.n_values) {
        const auto variants = load_variants(plan, protocol, rounds, n, out.diagnostics);
        if (!variants) return out;
        if (variants->empty()) continue;  // the fixed groups alone exceed n
        if (!add_designs(plan, *variants, out, budget)) return out;
      }
  if (out.designs.empty())
    out.diagnostics.push_back(diagnostic_in_file(
        SourceText{plan.text, plan.file}, "/candidates/n", convert::Anchor::value,
        "no design to evaluate: the groups with a fixed count alone need more agents than "
        "every candidate n",
        "accepted: n values at least the sum of the fixed counts (or smaller fixed counts)"));
  return out;
}

}  // namespace byzsim
