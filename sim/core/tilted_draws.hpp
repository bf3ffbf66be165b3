// The random choices an importance-sampling trial draws from a tilted law
// (docs/rare-events.md), and the trial's likelihood ratio: each tilted Bernoulli "slot" is
// drawn with probability q instead of its nominal p, and every draw multiplies the weight by
// p/q (a hit) or (1-p)/(1-q) (a miss), kept as a log. One categorical choice (the corruption
// count) is tilted the same way. Per trial it also counts hits and draws per slot, which the
// cross-entropy pilot learns the tilt from. Owned by a TrialRunner; not thread-safe; nothing
// is allocated per trial.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/rng.hpp"

namespace byzsim {

class TiltedDraws {
 public:
  // Once per point: nominal and tilted probabilities, one per slot (0 < p, q < 1), and the
  // nominal and tilted laws of the categorical choice (empty when there is none).
  void configure(std::span<const double> nominal, std::span<const double> tilted,
                 std::span<const double> category_nominal,
                 std::span<const double> category_tilted) {
    slots_.clear();
    for (std::size_t i = 0; i < nominal.size(); ++i)
      slots_.push_back(Slot{tilted[i], std::log(nominal[i] / tilted[i]),
                            std::log1p(-nominal[i]) - std::log1p(-tilted[i])});
    hits_.assign(slots_.size(), 0);
    draws_.assign(slots_.size(), 0);
    category_cdf_.clear();
    category_log_.clear();
    double cumulative = 0;
    for (std::size_t c = 0; c < category_nominal.size(); ++c) {
      cumulative += category_tilted[c];
      category_cdf_.push_back(cumulative);
      category_log_.push_back(std::log(category_nominal[c] / category_tilted[c]));
    }
  }

  void start_trial() {
    log_weight_ = 0;
    score_ = 0;
    std::fill(hits_.begin(), hits_.end(), 0);
    std::fill(draws_.begin(), draws_.end(), 0);
    category_ = -1;
  }

  // True (a "hit": the choice that drives wrong outcomes, e.g. a wrong judgement) with the
  // slot's tilted probability. A hit adds `score` to the trial's badness score (the agents it
  // makes act wrong), which the pilot ranks trials by.
  bool bernoulli(Rng& rng, int slot, std::uint32_t score = 1) {
    const Slot& s = slots_[static_cast<std::size_t>(slot)];
    ++draws_[static_cast<std::size_t>(slot)];
    const bool hit = rng.uniform01() < s.q;
    if (hit) {
      ++hits_[static_cast<std::size_t>(slot)];
      score_ += score;
    }
    log_weight_ += hit ? s.log_hit : s.log_miss;
    return hit;
  }

  // An index into the categorical law, drawn from its tilted version.
  int category(Rng& rng) {
    const double u = rng.uniform01() * category_cdf_.back();
    std::size_t c = 0;
    while (c + 1 < category_cdf_.size() && u >= category_cdf_[c]) ++c;
    category_ = static_cast<int>(c);
    score_ += static_cast<std::uint32_t>(c);
    log_weight_ += category_log_[c];
    return category_;
  }

  double log_weight() const { return log_weight_; }
  std::uint64_t score() const { return score_; }
  std::size_t slot_count() const { return slots_.size(); }
  std::uint32_t hits(std::size_t slot) const { return hits_[slot]; }
  std::uint32_t draws(std::size_t slot) const { return draws_[slot]; }
  int chosen_category() const { return category_; }  // -1: not drawn this trial

 private:
  struct Slot {
    double q;
    double log_hit;   // log(p / q)
    double log_miss;  // log((1 - p) / (1 - q))
  };
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> hits_, draws_;
  std::vector<double> category_cdf_, category_log_;
  double log_weight_ = 0;
  std::uint64_t score_ = 0;
  int category_ = -1;
};

}  // namespace byzsim
