// Composing the answer from the ranked designs; every number in it is a design's row.
#include "sim/plan/plan_answer.hpp"

#include <algorithm>
#include <sstream>

#include "sim/protocols/registry.hpp"
#include "sim/report/row_format.hpp"

namespace byzsim {

namespace {

std::string targets_text(const PlanSpec& plan) {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : " and ") + part; };
  if (plan.targets.max_p_wrong < 1) add("p_wrong <= " + format_number(plan.targets.max_p_wrong));
  if (plan.targets.max_p_no_consensus < 1)
    add("p_no_consensus <= " + format_number(plan.targets.max_p_no_consensus));
  if (plan.targets.max_latency_s)
    add("mean latency <= " + format_number(*plan.targets.max_latency_s) + " s");
  return text.empty() ? "no target" : text;
}

std::string numbers(const PlanDesign& d, bool costs) {
  return "p_wrong " + format_number(d.p_wrong) + ", p_no_consensus " +
         format_number(d.p_no_consensus) +
         (costs ? ", expected cost " + format_number(d.cost) : "");
}

// The cheapest feasible design for which `of` holds (designs are ranked, feasible first).
template <typename Predicate>
const PlanDesign* cheapest(const std::vector<PlanDesign>& designs, Predicate of) {
  for (const PlanDesign& d : designs) {
    if (!d.feasible) return nullptr;
    if (of(d)) return &d;
  }
  return nullptr;
}

// Whether the plan evaluates a protocol whose exact rule is `rule` (the answer compares the
// quorum rule with simple majority when it has both).
bool plans_rule(const PlanSpec& plan, ExactRule rule) {
  return std::any_of(plan.protocols.begin(), plan.protocols.end(),
                     [&](const std::string& name) { return builtin_protocol(name).exact == rule; });
}

std::string n_range(const PlanSpec& plan) {
  return std::to_string(plan.n_values.front()) + ".." + std::to_string(plan.n_values.back());
}

}  // namespace

std::string describe_design(const PlanDesign& d) {
  std::string text = d.protocol;
  if (d.approve_quorum)
    text += " (approve " + std::to_string(*d.approve_quorum) + ", reject " +
            std::to_string(d.reject_quorum.value_or(0)) +
            (d.rule == "seed" ? ", the seed's rule" : "") + ")";
  text += ", n = " + std::to_string(d.n);
  if (d.max_rounds > 1) text += ", " + std::to_string(d.max_rounds) + " rounds";
  return text;
}

std::string plan_answer(const PlanSpec& plan, const std::vector<PlanDesign>& designs) {
  std::ostringstream out;
  const bool costs = plan.costs_given;
  const std::string targets = targets_text(plan);
  const PlanDesign* best =
      designs.empty() || !designs.front().feasible ? nullptr : &designs.front();
  if (best)
    out << "Cheapest design meeting " << targets << ": " << describe_design(*best) << " ("
        << numbers(*best, costs) << ").";
  else
    out << "No design with n in " << n_range(plan) << " meets " << targets << ".";
  const bool has_quorums = plans_rule(plan, ExactRule::quorums);
  const bool has_majority = plans_rule(plan, ExactRule::majority);
  const PlanDesign* seed = cheapest(designs, [](const PlanDesign& d) { return d.rule == "seed"; });
  const PlanDesign* majority =
      cheapest(designs, [](const PlanDesign& d) { return d.exact_rule == ExactRule::majority; });
  const PlanDesign* quorums =
      cheapest(designs, [](const PlanDesign& d) { return d.exact_rule == ExactRule::quorums; });
  if (has_quorums) {
    out << " The seed's rule (approve n-f, reject f+1) ";
    if (seed)
      out << "needs n = " << seed->n << " (" << numbers(*seed, costs) << ").";
    else
      out << "meets the targets at no n in " << n_range(plan) << ".";
  }
  if (has_majority) {
    out << " Simple majority ";
    if (majority)
      out << "needs n = " << majority->n << " (" << numbers(*majority, costs) << ").";
    else
      out << "meets the targets at no n in " << n_range(plan) << ".";
  }
  if (has_quorums && has_majority) {
    if (quorums && (!majority || quorums->cost < majority->cost))
      out << " Byzantine quorums are worth it here: " << describe_design(*quorums) << " costs "
          << format_number(quorums->cost)
          << (majority ? " against majority's " + format_number(majority->cost)
                       : ", and majority never qualifies")
          << ".";
    else if (majority)
      out << " Byzantine quorums are not worth it here: majority is as cheap or cheaper ("
          << format_number(majority->cost)
          << (quorums ? " against " + format_number(quorums->cost) : ", no quorum design qualifies")
          << ").";
  }
  std::size_t frontier = 0, simulated = 0, undecided = 0;
  for (const PlanDesign& d : designs) {
    frontier += d.dominated ? 0 : 1;
    simulated += d.method == "sim" ? 1 : 0;
    undecided += d.undecided ? 1 : 0;
  }
  out << " " << designs.size() << " designs evaluated (" << designs.size() - simulated
      << " exactly, " << simulated << " by simulation";
  if (undecided > 0)
    out << ", " << undecided << " of them undecided at the trial limit and counted infeasible";
  out << "), " << frontier << " on the Pareto frontier of (p_wrong, p_no_consensus, "
      << (costs ? "expected cost" : "n") << ").\n";
  return out.str();
}

}  // namespace byzsim
