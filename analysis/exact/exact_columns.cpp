// The general columns an exact row has: the expectations ExactOutcome holds, by column.
#include "analysis/exact/exact.hpp"
#include "sim/core/general_columns.hpp"

namespace byzsim {

namespace {

// The expected agents behaving as `role`: the configured count, with the expected corrupted
// agents moved from honest to the replacement's role.
double expected_behaving(const ExactOutcome& e, const Scenario& s, Role role) {
  double agents = s.count_of(role);
  if (s.corruption.enabled && s.corruption.replacement.role != Role::honest) {
    if (role == Role::honest) agents -= e.mean_corrupted;
    if (role == s.corruption.replacement.role) agents += e.mean_corrupted;
  }
  return agents;
}

}  // namespace

std::optional<double> exact_general(const ExactOutcome& e, const Scenario& s, std::size_t column) {
  switch (column) {
    case general_column("mean_rounds"):
      return e.mean_rounds;
    case general_column("mean_latency_s"):
      return e.mean_latency_s;
    case general_column("mean_messages"):
      return e.mean_messages;
    case general_column("mean_corrupted"):
      return e.mean_corrupted;
    case general_column("mean_honest"):
      return expected_behaving(e, s, Role::honest);
    case general_column("mean_malicious"):
      return expected_behaving(e, s, Role::malicious);
    case general_column("mean_faulty"):
      return expected_behaving(e, s, Role::faulty);
    default:
      return std::nullopt;
  }
}

}  // namespace byzsim
