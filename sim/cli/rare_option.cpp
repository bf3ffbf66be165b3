// apply_rare and ImportanceWarnings.
#include "sim/cli/rare_option.hpp"

#include <ostream>

#include "sim/agents/tilt_layout.hpp"
#include "sim/report/row_format.hpp"

namespace byzsim::cli {

namespace {

void make_importance(const std::string& file, ScenarioPoint& point) {
  point.scenario.estimator.kind = Estimator::Kind::importance;
  const std::string reason = untiltable_reason(point.scenario);
  if (!reason.empty())
    throw UsageError{"byzsim run --rare: " + file + ": point " + std::to_string(point.index) +
                     ": importance sampling cannot be used on this " +
                     std::string(point.scenario.protocol.name()) + " scenario: " + reason +
                     "; run it without --rare (or use byzsim exact)"};
}

}  // namespace

void apply_rare(LoadedBatch& loaded) {
  for (LoadedScenario& scenario : loaded.scenarios) {
    // A lazily loaded sweep: every point is made once to be checked (its jobs switch the
    // points they make); the stored ones are checked with them.
    if (scenario.lazy) {
      ScenarioPoint point;
      for (std::size_t p = 0; p < scenario.lazy->size(); ++p) {
        scenario.lazy->make(p, point);
        make_importance(scenario.file, point);
      }
    }
    for (ScenarioPoint& point : scenario.points) make_importance(scenario.file, point);
  }
}

void ImportanceWarnings::note(std::size_t job, const std::string& file, const Row& row) {
  if (!row.importance || !row.importance->degenerate()) return;
  const ImportanceRate& wrong = row.importance->rates[static_cast<int>(Outcome::wrong)];
  std::string text = "byzsim run: warning: " + file + ": point " + std::to_string(row.point) +
                     ": importance sampling failed (" + std::string(row.importance->status) +
                     ", p_wrong_ess " + format_number(wrong.ess) +
                     "): its p_wrong is not an estimate to trust; see docs/rare-events.md\n";
  std::lock_guard lock(mutex_);
  warnings_.emplace(job, std::move(text));
}

void ImportanceWarnings::print(std::ostream& err) const {
  for (const auto& [job, text] : warnings_) err << text;
}

}  // namespace byzsim::cli
