// safety_violation_report: the message of a violated safety theorem.
#include "sim/report/safety_report.hpp"

namespace byzsim {

std::string safety_violation_report(const std::string& scenario_file, int point,
                                    const Tally& tally) {
  if (tally.safety_violations == 0) return {};
  const std::string p = std::to_string(point);
  const std::string t = std::to_string(tally.first_safety_violation_trial);
  return scenario_file + ": BUG: safety violation at point " + p + " trial " + t + " (" +
         std::to_string(tally.safety_violations) + " of " + std::to_string(tally.trials) +
         " trials); with at most f Byzantine agents and signatures on, honest agents must "
         "agree.\n  replay: byzsim trace " +
         scenario_file + " --point " + p + " --trial " + t +
         " (with this run's --seed/--set/--vary), and please report it\n";
}

}  // namespace byzsim
