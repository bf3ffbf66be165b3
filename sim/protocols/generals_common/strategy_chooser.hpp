// The traitor chooser of random runs: each traitor's strategy row decides what it sends,
// drawing from the trial's Rng. Used by GeneralsProtocol when no witness script is given.
#pragma once

#include "sim/agents/population.hpp"
#include "sim/agents/send_path.hpp"
#include "sim/core/rng.hpp"
#include "sim/protocols/generals_common/traitor_chooser.hpp"

namespace byzsim::generals {

// By the strategy row: the coalition (collude) splits the generals in halves (attack below
// n/2, retreat above), the same in every round; a scripted traitor sends what its message rule
// makes of the offer (withhold: nothing; blind equivocate: attack to even and retreat to odd
// receivers); the rest send their vote rule's order, drawn per message (oppose-truth: the wrong
// order; random: a coin each time; fixed: its order), or what a loyal general would send when
// the rule casts none.
class StrategyChooser final : public TraitorChooser {
 public:
  StrategyChooser(const Population& population, Rng& rng, SendPath& send_path)
      : population_(population), rng_(rng), send_path_(send_path) {}
  Orders choose(const TraitorMessage& m) override;

 private:
  Orders offered(const TraitorMessage& m);

  const Population& population_;
  Rng& rng_;
  SendPath& send_path_;
};

}  // namespace byzsim::generals
