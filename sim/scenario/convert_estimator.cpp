// The scenario's "estimator" object (docs/rare-events.md): {"type": "plain"} (the default) or
// {"type": "importance", "tilt": {...}, "pilot_trials": N, "pilot_stages": S, "min_ess": E},
// and the check that an importance scenario has something importance sampling can tilt.
#include <array>
#include <limits>

#include "sim/agents/tilt_layout.hpp"
#include "sim/json/suggest.hpp"
#include "sim/scenario/convert.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 5> kKeys{"type", "tilt", "pilot_trials", "pilot_stages",
                                                "min_ess"};
constexpr std::array<std::string_view, 2> kTypes{"plain", "importance"};
constexpr std::array<std::string_view, 4> kTiltKeys{"judgement", "correlation", "corruption",
                                                    "drop"};
constexpr std::string_view kTiltHint =
    "accepted: a probability strictly between 0 and 1 (the tilted probability of the choice)";

std::optional<double> read_tilt_value(const Field& f, Problems& problems) {
  if (!f.present()) return std::nullopt;
  const std::optional<double> value = read_number(f, problems, 0, 1, kTiltHint);
  if (value && (*value <= 0 || *value >= 1)) {
    add_problem(problems, f.pointer,
                "a tilt must be strictly between 0 and 1, not " + json_text(*f.value),
                std::string(kTiltHint));
    return std::nullopt;
  }
  return value;
}

GivenTilt read_tilt(const Field& f, Problems& problems) {
  GivenTilt tilt;
  if (!read_object(f, problems, "accepted: an object with keys " + join_names(kTiltKeys)))
    return tilt;
  check_keys(*f.value, f.pointer, kTiltKeys, problems);
  tilt.judgement = read_tilt_value(field(*f.value, f.pointer, "judgement"), problems);
  tilt.correlation = read_tilt_value(field(*f.value, f.pointer, "correlation"), problems);
  tilt.corruption = read_tilt_value(field(*f.value, f.pointer, "corruption"), problems);
  tilt.drop = read_tilt_value(field(*f.value, f.pointer, "drop"), problems);
  return tilt;
}

}  // namespace

Estimator convert_estimator(const Field& f, Problems& problems) {
  Estimator estimator;
  if (!f.present()) return estimator;
  if (!read_object(f, problems, "accepted: an object with keys " + join_names(kKeys)))
    return estimator;
  check_keys(*f.value, f.pointer, kKeys, problems);
  const Json& object = *f.value;
  if (const auto type =
          read_choice(field(object, f.pointer, "type"), problems, "estimator type", kTypes))
    estimator.kind = *type == 1 ? Estimator::Kind::importance : Estimator::Kind::plain;
  const Field tilt = field(object, f.pointer, "tilt");
  if (tilt.present() && estimator.kind != Estimator::Kind::importance)
    add_problem(problems, tilt.pointer, "a tilt is used only by importance sampling",
                "accepted: \"type\": \"importance\" beside it, or no tilt");
  if (tilt.present()) {
    estimator.tilt_given = true;
    estimator.tilt = read_tilt(tilt, problems);
  }
  estimator.pilot_trials = read_unsigned(field(object, f.pointer, "pilot_trials"), problems, 100,
                                         10'000'000, "accepted: an integer from 100 to 1e7")
                               .value_or(estimator.pilot_trials);
  estimator.pilot_stages =
      static_cast<int>(read_unsigned(field(object, f.pointer, "pilot_stages"), problems, 1, 100,
                                     "accepted: an integer from 1 to 100")
                           .value_or(static_cast<std::uint64_t>(estimator.pilot_stages)));
  estimator.min_ess =
      read_number(field(object, f.pointer, "min_ess"), problems, 1,
                  std::numeric_limits<double>::max(), "accepted: a number of 1 or more")
          .value_or(estimator.min_ess);
  return estimator;
}

void check_estimator(const Scenario& s, Problems& problems) {
  if (s.estimator.kind != Estimator::Kind::importance) return;
  const std::string reason = untiltable_reason(s);
  if (!reason.empty())
    add_problem(problems, "/estimator/type",
                "importance sampling cannot be used on this " + std::string(s.protocol.name()) +
                    " scenario: " + reason,
                "accepted: \"plain\" here (byzsim exact gives small rates of the protocols it "
                "models); see docs/rare-events.md");
}

}  // namespace byzsim::convert
