// Pmf algebra for the exact analysis: direct (not FFT) convolution, so that every mass keeps
// its relative accuracy down to the far tails, where the interesting small risks live.
#include "analysis/exact/pmf.hpp"

#include <algorithm>
#include <cassert>

namespace byzsim::exact {

void trim(Pmf& pmf) {
  std::size_t first = 0;
  while (first < pmf.mass.size() && pmf.mass[first] < kNegligible) ++first;
  std::size_t end = pmf.mass.size();
  while (end > first && pmf.mass[end - 1] < kNegligible) --end;
  pmf.mass.erase(pmf.mass.begin() + static_cast<std::ptrdiff_t>(end), pmf.mass.end());
  pmf.mass.erase(pmf.mass.begin(), pmf.mass.begin() + static_cast<std::ptrdiff_t>(first));
  pmf.offset += static_cast<int>(first);
}

Pmf convolve(const Pmf& a, const Pmf& b, WorkBudget& budget) {
  if (a.empty() || b.empty()) return Pmf{};
  if (a.mass.size() < b.mass.size()) return convolve(b, a, budget);
  budget.spend(static_cast<double>(a.mass.size()) * static_cast<double>(b.mass.size()));
  Pmf out{a.offset + b.offset, std::vector<double>(a.mass.size() + b.mass.size() - 1, 0.0)};
  // The shorter pmf in the outer loop keeps the inner loop long and vectorisable.
  for (std::size_t j = 0; j < b.mass.size(); ++j) {
    const double pb = b.mass[j];
    if (pb == 0.0) continue;
    double* dst = out.mass.data() + j;
    const double* src = a.mass.data();
    for (std::size_t i = 0; i < a.mass.size(); ++i) dst[i] += pb * src[i];
  }
  trim(out);
  return out;
}

void add_scaled(Pmf& into, const Pmf& from, double weight) {
  if (from.empty() || weight == 0.0) return;
  if (into.empty()) {
    into.offset = from.offset;
    into.mass.assign(from.mass.size(), 0.0);
  }
  const int lo = std::min(into.lo(), from.lo());
  const int hi = std::max(into.hi(), from.hi());
  if (lo < into.lo()) {
    into.mass.insert(into.mass.begin(), static_cast<std::size_t>(into.lo() - lo), 0.0);
    into.offset = lo;
  }
  into.mass.resize(static_cast<std::size_t>(hi - lo + 1), 0.0);
  const std::size_t shift = static_cast<std::size_t>(from.lo() - lo);
  for (std::size_t i = 0; i < from.mass.size(); ++i) into.mass[shift + i] += weight * from.mass[i];
}

double expect(const Pmf& pmf, const Weights& w) {
  double sum = 0.0;
  for (std::size_t i = 0; i < pmf.mass.size(); ++i) {
    sum += pmf.mass[i] * w.at(pmf.offset + static_cast<int>(i));
  }
  return sum;
}

Weights fold(const Pmf& pmf, const Weights& w, int y_lo, int y_hi, WorkBudget& budget) {
  assert(y_lo <= y_hi);
  Weights out{y_lo, std::vector<double>(static_cast<std::size_t>(y_hi - y_lo + 1), 0.0)};
  budget.spend(static_cast<double>(pmf.mass.size()) * static_cast<double>(out.value.size()));
  const long w_size = static_cast<long>(w.value.size());
  const long out_size = static_cast<long>(out.value.size());
  for (std::size_t i = 0; i < pmf.mass.size(); ++i) {
    const double p = pmf.mass[i];
    // out[k] reads w at x + y_lo + k; only the k that land inside w contribute.
    const long start = static_cast<long>(pmf.offset) + static_cast<long>(i) + y_lo - w.offset;
    const long k_begin = std::max(0L, -start);
    const long k_end = std::min(out_size, w_size - start);
    for (long k = k_begin; k < k_end; ++k) {
      out.value[static_cast<std::size_t>(k)] += p * w.value[static_cast<std::size_t>(start + k)];
    }
  }
  return out;
}

}  // namespace byzsim::exact
