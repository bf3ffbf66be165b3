// Binomial masses by Loader's method ("Fast and accurate computation of binomial
// probabilities", 2000), the algorithm behind R's dbinom, and rows built outward from the mode.
#include "analysis/exact/binomial.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace byzsim::exact {
namespace {

// stirlerr(n) = log(n!) - log(sqrt(2 pi n) (n/e)^n), the error of Stirling's formula.
double stirling_error(double n) {
  if (n <= 15.0) {
    // Long double keeps the cancellation below one double ulp for these small n.
    const long double x = n;
    const long double half_log_two_pi = 0.5L * std::log(2.0L * std::numbers::pi_v<long double>);
    return static_cast<double>(std::lgamma(x + 1.0L) - (x + 0.5L) * std::log(x) + x -
                               half_log_two_pi);
  }
  constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
  const double nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

// bd0(x, m) = x log(x/m) + m - x, without cancellation when x is close to m.
double deviance(double x, double m) {
  if (std::fabs(x - m) < 0.1 * (x + m)) {
    double v = (x - m) / (x + m);
    double sum = (x - m) * v;
    double term = 2 * x * v;
    v *= v;
    for (int j = 1; j < 1000; ++j) {
      term *= v;
      const double next = sum + term / (2 * j + 1);
      if (next == sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * std::log(x / m) + m - x;
}

}  // namespace

double binomial_pmf(int n, int k, double p) {
  assert(n >= 0 && p >= 0.0 && p <= 1.0);
  if (k < 0 || k > n) return 0.0;
  const double q = 1.0 - p;
  if (p == 0.0) return k == 0 ? 1.0 : 0.0;
  if (q == 0.0) return k == n ? 1.0 : 0.0;
  const double nd = n, kd = k;
  if (k == 0) {
    if (n == 0) return 1.0;
    return std::exp(p < 0.1 ? -deviance(nd, nd * q) - nd * p : nd * std::log(q));
  }
  if (k == n) {
    return std::exp(q < 0.1 ? -deviance(nd, nd * p) - nd * q : nd * std::log(p));
  }
  const double lc = stirling_error(nd) - stirling_error(kd) - stirling_error(nd - kd) -
                    deviance(kd, nd * p) - deviance(nd - kd, nd * q);
  const double lf = std::log(2 * std::numbers::pi) + std::log(kd) + std::log1p(-kd / nd);
  return std::exp(lc - 0.5 * lf);
}

Pmf binomial(int n, double p) {
  assert(n >= 0);
  if (p <= 0.0 || n == 0) return Pmf::point(0);
  if (p >= 1.0) return Pmf::point(n);
  const double q = 1.0 - p;
  const int mode = std::clamp(static_cast<int>(std::floor((n + 1) * p)), 0, n);
  // Walk outward from the mode with the ratio of neighbours; each step costs one ulp or so.
  std::vector<double> up{binomial_pmf(n, mode, p)};
  for (int k = mode; k < n; ++k) {
    const double next = up.back() * (static_cast<double>(n - k) / (k + 1)) * (p / q);
    if (next < kNegligible) break;
    up.push_back(next);
  }
  std::vector<double> down;
  double value = up.front();
  for (int k = mode; k > 0; --k) {
    value *= (static_cast<double>(k) / (n - k + 1)) * (q / p);
    if (value < kNegligible) break;
    down.push_back(value);
  }
  Pmf out{mode - static_cast<int>(down.size()), {}};
  out.mass.reserve(down.size() + up.size());
  out.mass.assign(down.rbegin(), down.rend());
  out.mass.insert(out.mass.end(), up.begin(), up.end());
  return out;
}

std::pair<int, int> binomial_support(int n, double p) {
  if (p <= 0.0 || n == 0) return {0, 0};
  if (p >= 1.0) return {n, n};
  const int mode = std::clamp(static_cast<int>(std::floor((n + 1) * p)), 0, n);
  // The masses rise up to the mode and fall after it: bisect each side for the kept edge.
  int lo = 0, hi = mode;  // first k in [lo, mode] with a kept mass
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (binomial_pmf(n, mid, p) >= kNegligible) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  const int first = lo;
  lo = mode, hi = n;  // last k in [mode, n] with a kept mass
  while (lo < hi) {
    const int mid = lo + (hi - lo + 1) / 2;
    if (binomial_pmf(n, mid, p) >= kNegligible) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return {first, lo};
}

void binomial_tails(int max_m, double p, int t, std::vector<double>& at_least,
                    std::vector<double>& below) {
  const auto size = static_cast<std::size_t>(max_m + 1);
  at_least.assign(size, 0.0);
  below.assign(size, 0.0);
  for (int m = 0; m <= max_m; ++m) {
    const auto at = static_cast<std::size_t>(m);
    if (t <= 0 || p <= 0.0 || p >= 1.0 || m < t) {
      // Degenerate: Bin(m, p) is 0 (p = 0) or m (p = 1), or cannot reach t.
      const int value = p >= 1.0 ? m : 0;
      const bool reaches = t <= 0 || (m >= t && value >= t);
      at_least[at] = reaches ? 1.0 : 0.0;
      below[at] = reaches ? 0.0 : 1.0;
    }
  }
  if (t <= 0 || p <= 0.0 || p >= 1.0 || max_m < t) return;
  double up = binomial_pmf(t, t, p);
  for (int m = t; m <= max_m; ++m) {
    at_least[static_cast<std::size_t>(m)] = up;
    up += p * binomial_pmf(m, t - 1, p);
  }
  const Pmf last = binomial(max_m, p);
  double low = 0;
  for (int x = std::min(last.hi(), t - 1); x >= last.lo(); --x) low += last.at(x);
  for (int m = max_m; m >= t; --m) {
    below[static_cast<std::size_t>(m)] = low;
    low += p * binomial_pmf(m - 1, t - 1, p);
  }
}

Pmf trinomial_difference(int n, double plus, double minus, WorkBudget& budget) {
  const double counted = plus + minus;
  if (n == 0 || counted <= 0.0) return Pmf::point(0);
  // Condition on how many agents count at all (k), then on how many of those are +1.
  const Pmf how_many = binomial(n, std::min(counted, 1.0));
  const double up_share = std::clamp(plus / counted, 0.0, 1.0);
  Pmf out{-n, std::vector<double>(static_cast<std::size_t>(2 * n + 1), 0.0)};
  for (int k = how_many.lo(); k <= how_many.hi(); ++k) {
    const double pk = how_many.at(k);
    const Pmf ups = binomial(k, up_share);
    budget.spend(kCostPerRowMass * static_cast<double>(ups.mass.size()));
    for (int x = ups.lo(); x <= ups.hi(); ++x) {
      out.mass[static_cast<std::size_t>(2 * x - k + n)] += pk * ups.at(x);
    }
  }
  trim(out);
  return out;
}

}  // namespace byzsim::exact
