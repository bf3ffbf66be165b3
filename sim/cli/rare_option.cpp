// apply_rare and ImportanceWarnings.
#include "sim/cli/rare_option.hpp"

#include <ostream>

#include "sim/agents/tilt_layout.hpp"
#include "sim/report/row_format.hpp"

namespace byzsim::cli {

void apply_rare(LoadedBatch& loaded) {
  for (LoadedScenario& scenario : loaded.scenarios)
    for (ScenarioPoint& point : scenario.points) {
      point.scenario.estimator.kind = Estimator::Kind::importance;
      const std::string reason = untiltable_reason(point.scenario);
      if (!reason.empty())
        throw UsageError{"byzsim run --rare: " + scenario.file + ": point " +
                         std::to_string(point.index) +
                         ": importance sampling cannot be used on this " +
                         std::string(point.scenario.protocol.name()) + " scenario: " + reason +
                         "; run it without --rare (or use byzsim exact)"};
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
