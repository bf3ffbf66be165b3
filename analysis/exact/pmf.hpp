// Probability mass functions on consecutive integers, weight functions, and their algebra.
// Used by the exact analysis (analysis/exact/) only; plain values, thread-compatible.
#pragma once

#include <cstdint>
#include <vector>

namespace byzsim::exact {

// Masses below this are dropped from the ends of a pmf: they are at the edge of what a
// double can hold, so dropping them changes no printed probability.
inline constexpr double kNegligible = 1e-300;

// Costs charged to a WorkBudget, in multiply-adds: building one binomial mass by the ratio of
// neighbours, and one mass by Loader's method (a few logarithms and an exponential).
inline constexpr double kCostPerRowMass = 8;
inline constexpr double kCostPerLoaderMass = 100;

// Bounds the arithmetic of one exact computation ("put a limit on everything"): the heavy
// loops charge their multiply-adds here and callers stop once it is exhausted.
class WorkBudget {
 public:
  explicit WorkBudget(double operations) : left_(operations) {}
  void spend(double operations) { left_ -= operations; }
  bool exhausted() const { return left_ < 0; }

 private:
  double left_;
};

// The distribution of an integer statistic: mass[i] is P(X = offset + i).
struct Pmf {
  int offset = 0;
  std::vector<double> mass;

  static Pmf point(int value) { return Pmf{value, {1.0}}; }
  int lo() const { return offset; }
  int hi() const { return offset + static_cast<int>(mass.size()) - 1; }
  bool empty() const { return mass.empty(); }
  double at(int x) const {
    return x < lo() || x > hi() ? 0.0 : mass[static_cast<std::size_t>(x - offset)];
  }
};

// A function of the statistic on [offset, offset + size); zero outside.
struct Weights {
  int offset = 0;
  std::vector<double> value;

  double at(int x) const {
    const int i = x - offset;
    return i < 0 || i >= static_cast<int>(value.size()) ? 0.0 : value[static_cast<std::size_t>(i)];
  }
};

// Drops negligible masses from both ends (keeps at least nothing: an all-zero pmf is empty).
void trim(Pmf& pmf);

// The distribution of X + Y for independent X ~ a, Y ~ b.
Pmf convolve(const Pmf& a, const Pmf& b, WorkBudget& budget);

// into += weight * from (a mixture is built by adding its weighted components).
void add_scaled(Pmf& into, const Pmf& from, double weight);

// E[w(X)] for X ~ pmf.
double expect(const Pmf& pmf, const Weights& w);

// H(y) = E[w(X + y)] for X ~ pmf and y in [y_lo, y_hi]: how a weight looks from a part
// of the agents once the others' distribution is folded in.
Weights fold(const Pmf& pmf, const Weights& w, int y_lo, int y_hi, WorkBudget& budget);

}  // namespace byzsim::exact
