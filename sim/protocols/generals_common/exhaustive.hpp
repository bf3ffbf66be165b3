// The exhaustive adversary of `byzsim check`: every deterministic choice of the traitors'
// messages for OM(m) or SM(m) on a reliable synchronous network, searched for IC1 and IC2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/protocols/generals_common/generals_run.hpp"

namespace byzsim::generals {

// Bounds of the search (docs/generals.md): the assignments of one case may number at most
// kMaxAssignments (a witness must be a JSON-exact integer), and at most kMaxRuns runs are made.
inline constexpr double kMaxAssignments = 9007199254740992.0;  // 2^53
inline constexpr std::uint64_t kMaxRuns = 50'000'000;

// One case: who commands, whether it is a traitor, and a loyal commander's order.
struct CheckCase {
  int commander = 0;
  bool commander_traitor = false;
  Orders order = kReject;  // when the commander is loyal
};

struct Witness {
  CheckCase at;
  std::uint64_t script = 0;       // the traitors' choices, for the protocol's "choices" key
  std::vector<Orders> decisions;  // by general (the commander: kNone)
};

struct CaseReport {
  CheckCase at;
  // Deterministic traitor assignments of this case: OM the exact space; SM the assignments
  // enumerated (all of them when IC1 holds), else the bound of assignment_count.
  double assignments = 0;
  std::uint64_t runs = 0;      // runs of the algorithm made to cover them
  std::optional<Witness> ic1;  // two loyal lieutenants deciding differently
  std::optional<Witness> ic2;  // a loyal lieutenant not obeying a loyal commander
};

// Searches one case for IC1 and for IC2 (each search stops at its first witness). OM's
// decisions are monotone in every traitor message, so a subtree of assignments is skipped
// when the two runs with its free messages all retreat / all attack show the goal is
// unreachable; SM is enumerated leaf by leaf. `loyal` marks the honest generals.
// Returns nullopt when the case needs more than kMaxRuns runs.
std::optional<CaseReport> check_case(GeneralsAlgorithm& algorithm, const PathTree& tree,
                                     const std::vector<bool>& traitor,
                                     const std::vector<bool>& loyal, const CheckCase& at);

// A bound on a case's space before searching it: the product over the messages of one run of
// their most choices (OM: 2 per message reaching a loyal general, exact; SM: 4, an upper bound).
double assignment_count(GeneralsAlgorithm& algorithm, const PathTree& tree,
                        const std::vector<bool>& traitor, const CheckCase& at);

}  // namespace byzsim::generals
