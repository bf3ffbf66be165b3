// The traitor chooser of random runs: each traitor's strategy row decides what it sends,
// drawing from the trial's Rng. Used by GeneralsProtocol when no witness script is given.
#pragma once

#include "sim/agents/population.hpp"
#include "sim/core/rng.hpp"
#include "sim/protocols/generals_common/traitor_chooser.hpp"

namespace byzsim::generals {

// By the strategy's conduct: silent withholds; an equivocator sends attack to even and
// retreat to odd receivers; colluders split the generals in halves (attack below n/2,
// retreat above), the same in every round; the rest send their vote rule's order, drawn per
// message (oppose-truth: the wrong order; random: a coin each time; fixed: its order), or what
// a loyal general would send when the rule casts none.
class StrategyChooser final : public TraitorChooser {
 public:
  StrategyChooser(const Population& population, Rng& rng) : population_(population), rng_(rng) {}
  Orders choose(const TraitorMessage& m) override;

 private:
  const Population& population_;
  Rng& rng_;
};

}  // namespace byzsim::generals
