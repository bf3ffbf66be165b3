// Which random choices of a trial importance sampling tilts (docs/rare-events.md), for one
// scenario: one Bernoulli slot per kind of choice and agent group, each with its nominal
// probability, and the corruption count's law. The choices: a judging group's own judgements
// (hit: wrong), its shared judgement when correlated (hit: wrong), its correlation coin (hit:
// shared), corruption by probability per honest group (hit: corrupted), the corruption count
// of a count range, and message drops (hit: lost). Every other draw is the plain one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/scenario.hpp"

namespace byzsim {

enum class TiltKind : std::uint8_t { judgement, shared_judgement, correlation, corruption, drop };
const char* to_string(TiltKind kind);

struct TiltSlotInfo {
  TiltKind kind = TiltKind::judgement;
  int group = -1;  // the agent group (-1: the network's drops)
  double p = 0;    // nominal probability of a hit, in (0, 1)
};

struct TiltLayout {
  std::vector<TiltSlotInfo> slots;
  // Per agent group: its slot of each kind, or -1 (drawn as nominal).
  std::vector<int> judgement, shared, correlation, corruption;
  int drop = -1;
  // A corruption count range of two or more values: count_lo + c has nominal probability
  // count_p[c] (uniform). Empty otherwise.
  int count_lo = 0;
  std::vector<double> count_p;

  bool empty() const { return slots.empty() && count_p.empty(); }
  std::vector<double> nominal() const;  // the slots' p
};

TiltLayout tilt_layout(const Scenario& scenario);

// A tilt: per slot its q, and the count's tilted law (same sizes as the layout's), with what
// the pilot that chose it found.
struct TiltParams {
  std::vector<double> q;
  std::vector<double> count_q;
  std::uint64_t pilot_events = UINT64_MAX;  // wrong trials in the pilot's last stage
  int pilot_stages = 0;                     // stages run (0: the user's tilt)
};

// The nominal law (no tilt), and the user's tilt (kinds it does not name stay nominal; a
// count range gets the binomial law of its span with the corruption value).
TiltParams nominal_tilt(const TiltLayout& layout);
TiltParams given_tilt(const TiltLayout& layout, const GivenTilt& given);

// Why importance sampling cannot be used on this scenario (empty: it can): none of its random
// choices is one it tilts. (Draws it does not tilt, e.g. a flip agent's, keep the estimate
// unbiased; they only do not help it.)
std::string untiltable_reason(const Scenario& scenario);

}  // namespace byzsim
