// Bracha's rushing coalition (StrategySpec::coalition, docs/bracha.md "Adversaries"): its
// members follow the protocol's broadcast (they ECHO and READY what they receive, so they count
// towards every threshold) and run its steps, but the value of each step message of their own
// is chosen when they send it, seeing every honest agent's current estimate: the value fewer
// honest agents hold, to keep the honest agents split (no majority, no proposal, coins), and
// the wrong one on a tie or when the honest agents agree. It never sends a decision proposal:
// one for the minority value is never valid. With b <= f nothing it sends can break agreement
// or validity (receivers validate); it can only delay termination.
#include "sim/protocols/bracha/bracha.hpp"

namespace byzsim {

using namespace bracha;

int Bracha::coalition_value() const {
  int holding[2] = {};
  for (const Agent& a : agents_)
    if (a.honest && a.follows && a.started) ++holding[bit_of(a.value)];
  const int wrong = bit_of_vote(env_.population.wrong_vote());
  if (holding[0] == holding[1] || holding[0] == 0 || holding[1] == 0) return wrong;
  return holding[0] < holding[1] ? 0 : 1;
}

}  // namespace byzsim
