// check_case: a depth-first search over the sequence of traitor messages of one run (an
// odometer: the choices of a prefix fix which messages come next), with monotone pruning
// for OM.
#include "sim/protocols/generals_common/exhaustive.hpp"

namespace byzsim::generals {

namespace {

class Reliable final : public Transport {
 public:
  bool deliver(int, int, int, Orders&) override { return true; }
};

// Plays `prefix`, then for later messages the fill choice (0 = least attacking, or the last
// option = most attacking), recording every message's option count.
class PrefixChooser final : public TraitorChooser {
 public:
  PrefixChooser(const std::vector<int>& prefix, bool fill_max) : prefix_(prefix), max_(fill_max) {}
  Orders choose(const TraitorMessage& m) override {
    const int count = option_count(m);
    const std::size_t pos = counts.size();
    counts.push_back(count);
    // The most choices this message can have in any run (SM: what the coalition holds varies).
    bounds.push_back(!m.matters ? 1 : m.single ? 2 : 4);
    const int index = pos < prefix_.size() ? prefix_[pos] : (max_ ? count - 1 : 0);
    return option(m, index);
  }
  std::vector<int> counts;
  std::vector<int> bounds;

 private:
  const std::vector<int>& prefix_;
  bool max_;
};

struct Goal {
  bool ic1 = true;
  Orders order = kReject;  // IC2: the loyal commander's order
};

class Search {
 public:
  Search(GeneralsAlgorithm& algorithm, const RunInput& in, const std::vector<bool>& loyal)
      : algorithm_(algorithm), in_(in), loyal_(loyal) {}

  std::uint64_t runs = 0;
  std::uint64_t leaves = 0;  // complete assignments evaluated
  bool over_budget = false;

  // The first assignment reaching the goal, as its choice sequence and option counts.
  std::optional<std::pair<std::vector<int>, std::vector<int>>> find(const Goal& goal) {
    std::vector<int> prefix;
    while (true) {
      if (runs >= kMaxRuns) {
        over_budget = true;
        return std::nullopt;
      }
      std::vector<int> counts_low;
      std::vector<Orders> low = play(prefix, false, counts_low);
      bool possible = true, leaf = counts_low.size() == prefix.size();
      if (algorithm_.monotone() && !leaf) {
        std::vector<int> counts_high;
        const std::vector<Orders> high = play(prefix, true, counts_high);
        possible = reachable(goal, low, high);
      } else if (!algorithm_.monotone() && !leaf) {
        // No pruning: descend straight to the leaf of all-zero choices.
        prefix.resize(counts_low.size(), 0);
        leaf = true;
      }
      if (leaf) {
        ++leaves;
        if (reached(goal, low)) return std::make_pair(prefix, counts_low);
        possible = false;
      }
      if (possible) {
        prefix.push_back(0);  // descend: fix the next message's choice
        continue;
      }
      // Advance the odometer at the deepest position with an untried option.
      while (!prefix.empty() && prefix.back() + 1 >= counts_low[prefix.size() - 1])
        prefix.pop_back();
      if (prefix.empty()) return std::nullopt;
      ++prefix.back();
    }
  }

 private:
  std::vector<Orders> play(const std::vector<int>& prefix, bool fill_max,
                           std::vector<int>& counts) {
    ++runs;
    Reliable transport;
    PrefixChooser chooser(prefix, fill_max);
    algorithm_.run(in_, transport, chooser);
    counts = std::move(chooser.counts);
    std::vector<Orders> decisions(loyal_.size());
    for (std::size_t g = 0; g < loyal_.size(); ++g)
      decisions[g] = algorithm_.decision(static_cast<int>(g));
    return decisions;
  }

  bool is_lieutenant(std::size_t g) const {
    return loyal_[g] && static_cast<int>(g) != in_.tree->commander();
  }

  bool reached(const Goal& goal, const std::vector<Orders>& d) const {
    bool approve = false, reject = false;
    for (std::size_t g = 0; g < d.size(); ++g) {
      if (!is_lieutenant(g)) continue;
      if (!goal.ic1 && d[g] != goal.order) return true;
      approve = approve || d[g] == kApprove;
      reject = reject || d[g] == kReject;
    }
    return goal.ic1 && approve && reject;
  }

  // Monotone decisions: every assignment below the prefix decides between `low` and `high`.
  bool reachable(const Goal& goal, const std::vector<Orders>& low,
                 const std::vector<Orders>& high) const {
    if (!goal.ic1) {
      for (std::size_t g = 0; g < low.size(); ++g)
        if (is_lieutenant(g) && (goal.order == kApprove ? low[g] : high[g]) != goal.order)
          return true;
      return false;
    }
    for (std::size_t i = 0; i < low.size(); ++i)
      for (std::size_t j = 0; j < low.size(); ++j)
        if (i != j && is_lieutenant(i) && is_lieutenant(j) && high[i] == kApprove &&
            low[j] == kReject)
          return true;
    return false;
  }

  GeneralsAlgorithm& algorithm_;
  const RunInput& in_;
  const std::vector<bool>& loyal_;
};

std::uint64_t encode(const std::vector<int>& choices, const std::vector<int>& counts) {
  std::uint64_t script = 0, radix = 1;
  for (std::size_t k = 0; k < choices.size(); ++k) {
    script += static_cast<std::uint64_t>(choices[k]) * radix;
    radix *= static_cast<std::uint64_t>(counts[k]);
  }
  return script;
}

RunInput input_of(const PathTree& tree, const std::vector<bool>& traitor, const CheckCase& at) {
  RunInput in;
  in.tree = &tree;
  in.traitor = traitor;
  in.order = at.order;
  return in;
}

}  // namespace

double assignment_count(GeneralsAlgorithm& algorithm, const PathTree& tree,
                        const std::vector<bool>& traitor, const CheckCase& at) {
  const RunInput in = input_of(tree, traitor, at);
  Reliable transport;
  const std::vector<int> none;
  PrefixChooser chooser(none, false);
  algorithm.run(in, transport, chooser);
  double total = 1;
  for (int bound : chooser.bounds) total *= bound;
  return total;
}

std::optional<CaseReport> check_case(GeneralsAlgorithm& algorithm, const PathTree& tree,
                                     const std::vector<bool>& traitor,
                                     const std::vector<bool>& loyal, const CheckCase& at) {
  CaseReport report;
  report.at = at;
  report.assignments = assignment_count(algorithm, tree, traitor, at);
  std::uint64_t leaves = 0;
  const RunInput in = input_of(tree, traitor, at);
  Search search(algorithm, in, loyal);
  auto witness = [&](const std::pair<std::vector<int>, std::vector<int>>& found) {
    Witness w{at, encode(found.first, found.second), {}};
    PrefixChooser replay(found.first, false);
    Reliable transport;
    algorithm.run(in, transport, replay);
    for (int g = 0; g < tree.n(); ++g) w.decisions.push_back(algorithm.decision(g));
    return w;
  };
  if (auto found = search.find(Goal{true, at.order})) report.ic1 = witness(*found);
  leaves = search.leaves;
  if (!at.commander_traitor)
    if (auto found = search.find(Goal{false, at.order})) report.ic2 = witness(*found);
  if (search.over_budget) return std::nullopt;
  report.runs = search.runs;
  // SM is enumerated leaf by leaf: its space is what the first search visited (when it found
  // no witness, every assignment); OM's option counts are fixed, so its space is exact.
  if (!algorithm.monotone() && !report.ic1) report.assignments = static_cast<double>(leaves);
  return report;
}

}  // namespace byzsim::generals
