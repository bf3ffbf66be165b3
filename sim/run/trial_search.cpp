// find_trials: workers take blocks of consecutive trials in increasing order; a block's matches
// are kept per block, and the search ends once the blocks 0..k, all complete, hold `limit`
// matches. Every trial's result is fixed by its stream, so the first matches are the same
// whatever the number of threads or the order in which blocks finish.
#include "sim/run/trial_search.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "sim/run/batch.hpp"
#include "sim/run/importance.hpp"
#include "sim/run/trial_runner.hpp"

namespace byzsim {

namespace {

struct SearchState {
  std::mutex mutex;
  std::uint64_t next_block = 0;                              // the next block to hand out
  std::map<std::uint64_t, std::vector<std::uint64_t>> done;  // finished blocks beyond the prefix
  std::uint64_t complete_blocks = 0;                         // blocks 0..complete_blocks-1 done
  std::vector<std::uint64_t> found;                          // matches of the complete prefix
  bool enough = false;
  std::exception_ptr error;
};

}  // namespace

TrialSearchResult find_trials(const Scenario& scenario, std::uint64_t point,
                              const std::function<bool(const TrialResult&)>& matches,
                              const TrialSearch& options) {
  const std::uint64_t trials = scenario.trials;
  const std::uint64_t block = std::max<std::uint64_t>(1, options.block_trials);
  const std::uint64_t blocks = trials / block + (trials % block ? 1 : 0);
  const int threads = static_cast<int>(std::min<std::uint64_t>(
      std::max<std::uint64_t>(1, blocks),
      static_cast<std::uint64_t>(options.threads > 0 ? options.threads : default_thread_count())));
  SearchState state;
  // Importance points: the trials `run` tallied are the tilted ones.
  std::unique_ptr<const TiltParams> tilt;
  if (scenario.estimator.kind == Estimator::Kind::importance)
    tilt = std::make_unique<const TiltParams>(choose_tilt(scenario, point));

  auto worker = [&] {
    try {
      TrialRunner runner;
      runner.prepare(scenario, point, tilt.get());
      std::vector<std::uint64_t> mine;
      for (;;) {
        std::uint64_t b = 0;
        {
          std::lock_guard lock(state.mutex);
          if (state.enough || state.next_block >= blocks || state.error) return;
          if (options.stop && options.stop->load()) return;
          b = state.next_block++;
        }
        mine.clear();
        const std::uint64_t end = std::min(trials, (b + 1) * block);
        for (std::uint64_t t = b * block; t < end; ++t)
          if (matches(runner.run(t))) mine.push_back(t);
        std::lock_guard lock(state.mutex);
        state.done.emplace(b, mine);
        // Extend the complete prefix as far as the finished blocks reach.
        for (auto it = state.done.begin();
             it != state.done.end() && it->first == state.complete_blocks;
             it = state.done.erase(it)) {
          state.found.insert(state.found.end(), it->second.begin(), it->second.end());
          ++state.complete_blocks;
        }
        if (state.found.size() >= options.limit) state.enough = true;
      }
    } catch (...) {
      std::lock_guard lock(state.mutex);
      if (!state.error) state.error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (state.error) std::rethrow_exception(state.error);

  TrialSearchResult result;
  if (state.found.size() > options.limit) state.found.resize(options.limit);
  result.trials = std::move(state.found);
  result.searched = std::min(trials, state.complete_blocks * block);
  // Enough matches found: the search covered trials up to the last match only.
  if (result.trials.size() == options.limit && options.limit > 0)
    result.searched = result.trials.back() + 1;
  result.stopped = result.trials.size() < options.limit && result.searched < trials;
  return result;
}

}  // namespace byzsim
