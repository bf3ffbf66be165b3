// Population's importance-sampling draws (docs/rare-events.md): the same choices as
// draw_judgements and apply_corruption, in the same order, each drawn through its tilt slot
// (or, where the layout has none, exactly as the plain draw). Only runs with a tilt set.
#include "sim/agents/population.hpp"

#include <algorithm>

namespace byzsim {

void Population::set_tilt(TiltedDraws* draws, const TiltLayout* layout) {
  tilt_ = draws;
  tilt_layout_ = layout;
}

void Population::draw_judgements_tilted(Rng& rng) {
  const TiltLayout& layout = *tilt_layout_;
  // A slot's hit is the wrong judgement.
  auto right = [&](int slot, double accuracy, int agents) {
    return slot >= 0 ? !tilt_->bernoulli(rng, slot, static_cast<std::uint32_t>(agents))
                     : rng.bernoulli(accuracy);
  };
  std::size_t i = 0;
  for (std::size_t g = 0; g < scenario_->agents.size(); ++g) {
    const AgentGroup& group = scenario_->agents[g];
    const std::size_t end = i + static_cast<std::size_t>(group.count);
    if (strategy_of(group).judges && group.count > 0) {
      const int coin = layout.correlation[g];
      if (coin >= 0 ? tilt_->bernoulli(rng, coin, 0) : rng.bernoulli(group.correlation)) {
        const bool shared = right(layout.shared[g], group.accuracy, group.count);
        for (; i < end; ++i) agents_[i].right = shared;
      } else {
        for (; i < end; ++i) agents_[i].right = right(layout.judgement[g], group.accuracy, 1);
      }
    }
    i = end;
  }
}

void Population::apply_corruption_tilted(Rng& rng) {
  const Corruption& c = scenario_->corruption;
  const TiltLayout& layout = *tilt_layout_;
  if (c.by_probability) {
    for (int agent : honest_agents_) {
      const int slot = layout.corruption[agents_[static_cast<std::size_t>(agent)].group];
      if (slot >= 0 ? tilt_->bernoulli(rng, slot) : rng.bernoulli(c.p)) corrupt(agent);
    }
    return;
  }
  const int honest = static_cast<int>(honest_agents_.size());
  const int k = layout.count_p.empty() ? std::min(c.count_min, honest)
                                       : layout.count_lo + tilt_->category(rng);
  corrupt_subset(k, rng);
}

}  // namespace byzsim
