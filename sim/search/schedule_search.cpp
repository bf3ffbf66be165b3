#include "sim/search/schedule_search.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "sim/run/trial_runner.hpp"

namespace byzsim::search {

namespace {

using Clock = std::chrono::steady_clock;

// What one block found; merged in block order.
struct BlockResult {
  SearchResult counts;
  bool done = false;
};

void add_violation(SearchResult& r, std::uint8_t broken, std::uint64_t scenarios) {
  r.violations += scenarios;
  if (broken & kBrokenAgreement) r.agreement += scenarios;
  if (broken & kBrokenValidity) r.validity += scenarios;
  if (broken & kBrokenQuorum) r.no_quorum += scenarios;
}

// Shared by the workers: the next block to take, progress, and the first violation's time.
struct SharedState {
  std::uint64_t block_size = 1;
  std::atomic<std::uint64_t> next_block{0};
  std::atomic<std::uint64_t> covered{0};
  std::atomic<int> running{0};
  std::mutex mutex;
  std::condition_variable finished;
  double first_violation_seconds = -1;
  Clock::time_point start = Clock::now();
};

class Worker {
 public:
  Worker(const Scenario& scenario, const ScenarioSource& source, const SearchOptions& options,
         SharedState& shared, std::vector<BlockResult>& blocks)
      : scenario_(scenario), source_(source), options_(options), shared_(shared), blocks_(blocks) {}

  void operator()() {
    const std::uint64_t size = shared_.block_size;
    while (!stopped()) {
      const std::uint64_t block = shared_.next_block.fetch_add(1);
      if (block >= blocks_.size()) break;
      const std::uint64_t first = block * size;
      run_block(blocks_[static_cast<std::size_t>(block)], first,
                std::min(first + size, source_.count()));
    }
    std::lock_guard lock(shared_.mutex);
    --shared_.running;
    shared_.finished.notify_all();
  }

 private:
  bool stopped() const { return options_.stop && options_.stop->load(std::memory_order_relaxed); }

  void run_block(BlockResult& out, std::uint64_t index, std::uint64_t end) {
    SearchResult& r = out.counts;
    while (index < end) {
      if (stopped()) return;
      source_.schedule(index, scenario_.schedule);
      // The schedule is read when the protocol prepares (its send path's tables).
      runner_.prepare(scenario_, 0);
      const TrialResult trial = runner_.run(0);
      const std::uint64_t next =
          std::min(std::max(source_.next(index, trial.rounds), index + 1), end);
      const std::uint64_t scenarios = next - index;
      ++r.explored;
      r.covered += scenarios;
      if (const std::uint8_t broken = broken_properties(trial)) {
        add_violation(r, broken, scenarios);
        if (r.witnesses.size() < options_.witnesses)
          r.witnesses.push_back(Witness{index, broken, scenario_.schedule});
        note_first_violation();
      }
      shared_.covered.fetch_add(scenarios, std::memory_order_relaxed);
      index = next;
    }
    out.done = true;
  }

  void note_first_violation() {
    const double at = std::chrono::duration<double>(Clock::now() - shared_.start).count();
    std::lock_guard lock(shared_.mutex);
    if (shared_.first_violation_seconds < 0 || at < shared_.first_violation_seconds)
      shared_.first_violation_seconds = at;
  }

  Scenario scenario_;  // this worker's copy, its schedule replaced per scenario
  const ScenarioSource& source_;
  const SearchOptions& options_;
  SharedState& shared_;
  std::vector<BlockResult>& blocks_;
  TrialRunner runner_;
};

SearchResult merge(const std::vector<BlockResult>& blocks, std::size_t witnesses) {
  SearchResult total;
  for (const BlockResult& b : blocks) {
    const SearchResult& r = b.counts;
    total.explored += r.explored;
    total.covered += r.covered;
    total.violations += r.violations;
    total.agreement += r.agreement;
    total.validity += r.validity;
    total.no_quorum += r.no_quorum;
    for (const Witness& w : r.witnesses)
      if (total.witnesses.size() < witnesses) total.witnesses.push_back(w);
    total.complete = total.complete && b.done;
  }
  return total;
}

}  // namespace

std::uint8_t broken_properties(const TrialResult& result) {
  return static_cast<std::uint8_t>(
      result.broken | (result.outcome == Outcome::disagreement ? kBrokenAgreement : 0));
}

SearchResult run_search(const Scenario& scenario, const ScenarioSource& source,
                        const SearchOptions& options) {
  const std::uint64_t size = std::max<std::uint64_t>(source.block_size(), 1);
  std::vector<BlockResult> blocks(static_cast<std::size_t>((source.count() + size - 1) / size));
  SharedState shared;
  shared.block_size = size;
  const int threads = std::max(
      1, std::min<int>(options.threads, static_cast<int>(std::max<std::size_t>(blocks.size(), 1))));
  shared.running = threads;
  std::vector<std::jthread> pool;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<Worker>(scenario, source, options, shared, blocks));
    pool.emplace_back(std::ref(*workers.back()));
  }
  {
    std::unique_lock lock(shared.mutex);
    const auto interval = std::chrono::duration<double>(options.progress_interval);
    while (shared.running > 0) {
      shared.finished.wait_for(lock, interval);
      if (options.on_progress) {
        lock.unlock();
        options.on_progress(shared.covered.load());
        lock.lock();
      }
    }
  }
  pool.clear();  // joins
  SearchResult result = merge(blocks, options.witnesses);
  result.first_violation_seconds = shared.first_violation_seconds;
  return result;
}

}  // namespace byzsim::search
