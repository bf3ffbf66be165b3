// The per-trial random stream: xoshiro256++ seeded by SplitMix64 from (seed, point, trial).
// Every random choice in a trial comes from its Rng, so any trial can be replayed alone.
#pragma once

#include <cmath>
#include <cstdint>

namespace byzsim {

class Rng {
 public:
  // The stream of one trial. Streams of different (seed, point, trial) are independent
  // for all practical purposes: the triple is hashed through SplitMix64 rounds.
  static Rng for_trial(std::uint64_t seed, std::uint64_t point, std::uint64_t trial) {
    std::uint64_t h = mix(seed ^ 0x6a09e667f3bcc908ULL);
    h = mix(h ^ point);
    h = mix(h ^ trial);
    Rng rng;
    for (auto& word : rng.state_) word = splitmix_next(h);
    return rng;
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // True with probability p. Certain outcomes (p <= 0 or p >= 1) consume no randomness.
  bool bernoulli(double p) {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return uniform01() < p;
  }

  // Uniform integer in [0, bound), bound >= 1 (Lemire's multiply-shift, with rejection).
  std::uint64_t below(std::uint64_t bound) {
    unsigned __int128 m = static_cast<unsigned __int128>(next_u64()) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
      const std::uint64_t threshold = -bound % bound;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(next_u64()) * bound;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  double exponential(double mean) { return -mean * std::log1p(-uniform01()); }

  // Standard normal by the Box-Muller transform (two uniforms per draw, no cached state,
  // so the number of draws consumed never depends on history).
  double standard_normal() {
    const double u1 = 1.0 - uniform01();  // (0, 1]
    const double u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  // SplitMix64: advances `state` and returns the next output.
  static std::uint64_t splitmix_next(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static std::uint64_t mix(std::uint64_t x) { return splitmix_next(x); }

  std::uint64_t state_[4] = {};
};

}  // namespace byzsim
