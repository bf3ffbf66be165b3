// How a scenario's rates are estimated (the scenario's "estimator" object,
// docs/rare-events.md): plain Monte Carlo, or importance sampling with a tilt chosen by a
// cross-entropy pilot or given by the user.
#pragma once

#include <cstdint>
#include <optional>

namespace byzsim {

// A user-given tilt: per kind of random choice, the probability it is drawn with instead of
// its nominal one (empty: that kind is drawn as nominal). Every value is in (0, 1).
struct GivenTilt {
  std::optional<double> judgement;    // an honest judgement (own or a group's shared one) wrong
  std::optional<double> correlation;  // a group shares one judgement
  std::optional<double> corruption;   // an honest agent corrupted (count ranges: see docs)
  std::optional<double> drop;         // a message lost
  bool operator==(const GivenTilt&) const = default;
};

struct Estimator {
  enum class Kind : std::uint8_t { plain, importance };
  Kind kind = Kind::plain;
  bool tilt_given = false;  // the user's tilt replaces the pilot
  GivenTilt tilt;
  std::uint64_t pilot_trials = 2000;  // per pilot stage
  int pilot_stages = 12;              // at most
  double min_ess = 100;               // below: the row is flagged (importance_status)
  bool operator==(const Estimator&) const = default;
};

}  // namespace byzsim
