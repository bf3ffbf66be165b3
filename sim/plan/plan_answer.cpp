// Composing the answer from the ranked designs; every number in it is a design's row.
#include "sim/plan/plan_answer.hpp"

#include <functional>
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

// "has expected cost 22.2 against 11.2 for simple majority" or, without costs (the cost is then
// n), "is larger than simple majority at n = 4": `a` compared with `b`, named `b_name`.
std::string compared(const PlanDesign& a, const PlanDesign& b, const std::string& b_name,
                     bool costs) {
  if (costs)
    return "has expected cost " + format_number(a.cost) + " against " + format_number(b.cost) +
           " for " + b_name;
  return std::string(a.n > b.n   ? "is larger than "
                     : a.n < b.n ? "is smaller than "
                                 : "is as large as ") +
         b_name + " at n = " + std::to_string(b.n);
}

std::string rounds_text(const PlanDesign& d) {
  return d.max_rounds > 1 ? " with " + std::to_string(d.max_rounds) + " rounds" : "";
}

using DesignTest = std::function<bool(const PlanDesign&)>;

// The cheapest feasible design for which `of` holds (designs are ranked, feasible first).
const PlanDesign* cheapest(const std::vector<PlanDesign>& designs, const DesignTest& of) {
  for (const PlanDesign& d : designs) {
    if (!d.feasible) return nullptr;
    if (of(d)) return &d;
  }
  return nullptr;
}

// The feasible design with the smallest n for which `of` holds, the cheapest at that n: a rule's
// cheapest n need not be its smallest (a larger n can err less and so cost less).
const PlanDesign* smallest(const std::vector<PlanDesign>& designs, const DesignTest& of) {
  const PlanDesign* found = nullptr;
  for (const PlanDesign& d : designs) {
    if (!d.feasible) break;
    if (of(d) && (!found || d.n < found->n)) found = &d;
  }
  return found;
}

std::string n_range(const PlanSpec& plan) {
  return std::to_string(plan.n_values.front()) + ".." + std::to_string(plan.n_values.back());
}

// One rule the answer reports on its own: the seed's quorums, simple majority, a simulated
// protocol.
struct RuleFamily {
  std::string title;
  DesignTest member;
};

std::vector<RuleFamily> families(const PlanSpec& plan) {
  std::vector<RuleFamily> out;
  for (const std::string& name : plan.protocols) {
    const ProtocolSpec& spec = builtin_protocol(name);
    auto of_protocol = [name](const PlanDesign& d) { return d.protocol == name; };
    if (spec.exact == ExactRule::quorums)
      out.push_back(
          {"The seed's 3f+1 quorums (approve n-f, reject f+1)",
           [name](const PlanDesign& d) { return d.protocol == name && d.rule == "seed"; }});
    else if (spec.exact == ExactRule::majority)
      out.push_back({"Simple majority", of_protocol});
    else
      out.push_back({name + (spec.needs_three_f_plus_one ? " (3f+1 quorums)" : ""), of_protocol});
  }
  return out;
}

// "Simple majority: the cheapest n is 11 (...; smallest feasible n: 9, expected cost 14.02)."
std::string family_sentence(const PlanSpec& plan, const std::vector<PlanDesign>& designs,
                            const RuleFamily& family) {
  const bool costs = plan.costs_given;
  const PlanDesign* best = cheapest(designs, family.member);
  if (!best) return family.title + ": no n in " + n_range(plan) + " meets the targets.";
  const PlanDesign* least = smallest(designs, family.member);
  std::string text =
      family.title + ": the cheapest n is " + std::to_string(best->n) + rounds_text(*best);
  if (least->n == best->n)
    return text + ", also the smallest feasible (" + numbers(*best, costs) + ").";
  return text + " (" + numbers(*best, costs) +
         "; smallest feasible n: " + std::to_string(least->n) + rounds_text(*least) +
         (costs ? ", expected cost " + format_number(least->cost) : "") + ").";
}

// Whether Byzantine quorums pay off: only when the chosen (cheapest feasible) design rests on
// 3f+1 and costs less than every design that does not. Empty when the plan has designs of one
// kind only (nothing to compare) or none is feasible.
std::string verdict(const PlanSpec& plan, const std::vector<PlanDesign>& designs) {
  bool any_bft = false, any_other = false;
  for (const PlanDesign& d : designs) (three_f_plus_one_rule(d) ? any_bft : any_other) = true;
  const PlanDesign* bft = cheapest(designs, three_f_plus_one_rule);
  const PlanDesign* other =
      cheapest(designs, [](const PlanDesign& d) { return !three_f_plus_one_rule(d); });
  if (!any_bft || !any_other || (!bft && !other)) return "";
  const bool costs = plan.costs_given;
  const std::string head = " Byzantine 3f+1 quorums are ";
  if (bft && (!other || bft->cost < other->cost))
    return head + "worth it here: " +
           (other ? "the cheapest design without them, " + describe_design(*other) + ", " +
                        compared(*other, *bft, "the design above", costs) + "."
                  : "no design without them meets the targets at n in " + n_range(plan) + ".");
  if (!bft)
    return head + "not worth it here: no design with them meets the targets at n in " +
           n_range(plan) + ", while " + describe_rule(*other) + " does.";
  return head + "not worth it here: their cheapest design, " + describe_design(*bft) + ", " +
         compared(*bft, *other, describe_rule(*other), costs) +
         (bft->cost == other->cost ? ", no saving" : "") + ".";
}

}  // namespace

bool three_f_plus_one_rule(const PlanDesign& d) {
  if (d.rule == "seed") return true;
  if (d.exact_rule) return false;  // majority, or searched quorums of other counts
  return builtin_protocol(d.protocol).needs_three_f_plus_one;
}

std::string describe_rule(const PlanDesign& d) {
  const std::string n = std::to_string(d.n);
  if (d.rule == "seed" && d.approve_quorum)
    return "the seed's 3f+1 quorums (approve n-f = " + std::to_string(*d.approve_quorum) +
           ", reject f+1 = " + std::to_string(d.reject_quorum.value_or(0)) + ")";
  if (d.exact_rule == ExactRule::majority) return "simple majority";
  if (d.approve_quorum) {
    const int approve = *d.approve_quorum, reject = d.reject_quorum.value_or(0);
    if (approve != reject)
      return "asymmetric quorums (approve " + std::to_string(approve) + ", reject " +
             std::to_string(reject) + " of " + n + ")";
    // The same count either way: more than half of n is a majority (one value at most reaches
    // it), more than the smallest such count a supermajority, half or less lets both reach it.
    const int majority = d.n / 2 + 1;
    const char* kind = approve > majority    ? "supermajority"
                       : approve == majority ? "majority quorum"
                                             : "quorum";
    return "a symmetric " + std::to_string(approve) + "-of-" + n + " " + kind;
  }
  if (builtin_protocol(d.protocol).needs_three_f_plus_one)
    return d.protocol + " (3f+1 quorums, f = " + std::to_string(d.f) + ")";
  return d.protocol;
}

std::string describe_design(const PlanDesign& d) {
  // Majority and the simulated protocols are named by their rule; searched quorums by both.
  const std::string rule = describe_rule(d);
  std::string text = d.approve_quorum ? d.protocol + " with " + rule : rule;
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
  for (const RuleFamily& family : families(plan))
    out << " " << family_sentence(plan, designs, family);
  out << verdict(plan, designs);
  std::size_t frontier = 0, simulated = 0, undecided = 0, rare = 0;
  for (const PlanDesign& d : designs) {
    frontier += d.dominated ? 0 : 1;
    simulated += d.method != "exact" ? 1 : 0;
    rare += d.method == "importance" ? 1 : 0;  // targets below what counting can show
    undecided += d.undecided ? 1 : 0;
  }
  out << " " << designs.size() << " designs evaluated (" << designs.size() - simulated
      << " exactly, " << simulated << " by simulation";
  if (rare > 0) out << " (" << rare << " of them by importance sampling)";
  if (undecided > 0)
    out << ", " << undecided << " of them undecided at the trial limit and counted infeasible";
  out << "), " << frontier << " on the Pareto frontier of (p_wrong, p_no_consensus, "
      << (costs ? "expected cost" : "n") << ").\n";
  return out.str();
}

}  // namespace byzsim
