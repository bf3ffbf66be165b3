// The cross-entropy pilot (docs/rare-events.md, "Choosing the tilt"). Stage s runs
// pilot_trials trials (indices kPilotTrialBase + s * pilot_trials + i) under the current tilt
// and keeps an elite: the wrong trials once at least 10% of the stage is wrong, else the trials
// whose "badness" score (the agents judging wrong, plus the corruption count and drops) reaches the
// stage's 90% quantile, wrong trials included (the score counts the agents a hit makes act
// wrong: a correlated group's shared wrong judgement counts all of them). Each slot's new
// probability is the likelihood-weighted share of hits among its draws in the elite (the
// cross-entropy update for a Bernoulli law), smoothed with the old one; the count's law likewise.
// Two stages whose elite is the wrong trials end the pilot.
#include "sim/run/importance.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace byzsim {

namespace {

constexpr double kEliteShare = 0.1;
constexpr double kSmoothing = 0.7;  // weight of the new estimate
constexpr double kFloor = 1e-6;     // a probability stays in [kFloor, 1 - kFloor]
constexpr int kFinalStages = 2;

struct PilotTrial {
  double log_weight = 0;
  bool wrong = false;
  std::uint64_t score = 0;
  int category = -1;
};

class Pilot {
 public:
  Pilot(const Scenario& scenario, std::uint64_t point)
      : scenario_(scenario),
        point_(point),
        layout_(tilt_layout(scenario)),
        trials_(scenario.estimator.pilot_trials) {
    hits_.assign(trials_ * layout_.slots.size(), 0);
    draws_.assign(trials_ * layout_.slots.size(), 0);
  }

  TiltParams run() {
    TiltParams tilt = nominal_tilt(layout_);
    int final_stages = 0;
    for (int stage = 0; stage < scenario_.estimator.pilot_stages; ++stage) {
      const std::uint64_t wrong = run_stage(tilt, stage);
      tilt.pilot_events = wrong;
      tilt.pilot_stages = stage + 1;
      const bool final = static_cast<double>(wrong) >= kEliteShare * static_cast<double>(trials_);
      update(tilt, final ? 0 : threshold());
      if (final && ++final_stages == kFinalStages) break;
    }
    // No wrong trial at all: the score led nowhere (wrong outcomes driven by what is not
    // tilted, e.g. timing). The main run then draws the nominal law (its other rates are plain
    // Monte Carlo) and the row is flagged by pilot_events = 0.
    if (tilt.pilot_events == 0) {
      const TiltParams nominal = nominal_tilt(layout_);
      tilt.q = nominal.q;
      tilt.count_q = nominal.count_q;
    }
    return tilt;
  }

 private:
  std::uint64_t run_stage(const TiltParams& tilt, int stage) {
    runner_.prepare(scenario_, point_, &tilt);
    results_.assign(trials_, PilotTrial{});
    const std::size_t slots = layout_.slots.size();
    std::uint64_t wrong = 0;
    for (std::uint64_t i = 0; i < trials_; ++i) {
      const TrialResult r =
          runner_.run(kPilotTrialBase + static_cast<std::uint64_t>(stage) * trials_ + i);
      const TiltedDraws& d = runner_.tilt_draws();
      PilotTrial& t = results_[i];
      t.log_weight = runner_.log_weight();
      t.wrong = r.outcome == Outcome::wrong;
      t.category = d.chosen_category();
      t.score = d.score();
      for (std::size_t k = 0; k < slots; ++k) {
        hits_[i * slots + k] = d.hits(k);
        draws_[i * slots + k] = d.draws(k);
      }
      wrong += t.wrong;
    }
    return wrong;
  }

  // The score the top kEliteShare of the stage reach (at least 1, so the elite differs from
  // the whole stage).
  std::uint64_t threshold() const {
    std::vector<std::uint64_t> scores;
    scores.reserve(results_.size());
    for (const PilotTrial& t : results_) scores.push_back(t.score);
    const auto rank = static_cast<std::size_t>(
        std::floor((1 - kEliteShare) * static_cast<double>(scores.size())));
    std::nth_element(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(rank),
                     scores.end());
    return std::max<std::uint64_t>(1, scores[rank]);
  }

  bool elite(const PilotTrial& t, std::uint64_t score) const {
    return t.wrong || (score > 0 && t.score >= score);
  }

  // score 0: the elite is the wrong trials.
  void update(TiltParams& tilt, std::uint64_t score) {
    double top = -INFINITY;  // weights relative to the largest, against overflow
    for (const PilotTrial& t : results_)
      if (elite(t, score)) top = std::max(top, t.log_weight);
    if (top == -INFINITY) return;  // no elite: the tilt stays
    const std::size_t slots = layout_.slots.size();
    std::vector<double> num(slots, 0), den(slots, 0), category(tilt.count_q.size(), 0);
    double category_total = 0;
    for (std::size_t i = 0; i < results_.size(); ++i) {
      const PilotTrial& t = results_[i];
      if (!elite(t, score)) continue;
      const double w = std::exp(t.log_weight - top);
      for (std::size_t k = 0; k < slots; ++k) {
        num[k] += w * hits_[i * slots + k];
        den[k] += w * draws_[i * slots + k];
      }
      if (t.category >= 0) {
        category[static_cast<std::size_t>(t.category)] += w;
        category_total += w;
      }
    }
    // Never below the nominal probability: a tilt only makes the choices that drive wrong
    // outcomes likelier, so a second way to a wrong outcome the elite missed (a correlated
    // group's shared judgement beside many independent ones) keeps at least its nominal
    // chance, and once drawn its large weight moves the next update to it.
    for (std::size_t k = 0; k < slots; ++k)
      if (den[k] > 0)
        tilt.q[k] = std::clamp(kSmoothing * num[k] / den[k] + (1 - kSmoothing) * tilt.q[k],
                               std::max(kFloor, layout_.slots[k].p), 1 - kFloor);
    if (category_total > 0) {
      double total = 0;
      for (std::size_t c = 0; c < category.size(); ++c) {
        tilt.count_q[c] = std::max(
            kFloor, kSmoothing * category[c] / category_total + (1 - kSmoothing) * tilt.count_q[c]);
        total += tilt.count_q[c];
      }
      for (double& q : tilt.count_q) q /= total;
    }
  }

  const Scenario& scenario_;
  std::uint64_t point_;
  TiltLayout layout_;
  std::uint64_t trials_;
  TrialRunner runner_;
  std::vector<PilotTrial> results_;
  std::vector<std::uint32_t> hits_, draws_;  // per trial, per slot
};

}  // namespace

TiltParams choose_tilt(const Scenario& scenario, std::uint64_t point) {
  const TiltLayout layout = tilt_layout(scenario);
  if (scenario.estimator.tilt_given) return given_tilt(layout, scenario.estimator.tilt);
  return Pilot(scenario, point).run();
}

std::vector<std::unique_ptr<const TiltParams>> choose_tilts(const JobSource& jobs, int threads) {
  std::vector<std::unique_ptr<const TiltParams>> tilts;
  if (!jobs.may_tilt()) return tilts;
  std::vector<std::size_t> todo;
  ScenarioPoint scratch;
  for (std::size_t j = 0; j < jobs.size(); ++j)
    if (jobs.trials(j) > 0 &&
        jobs.point(j, scratch).scenario.estimator.kind == Estimator::Kind::importance)
      todo.push_back(j);
  if (todo.empty()) return tilts;  // plain runs keep nothing per job
  tilts.resize(jobs.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    try {
      ScenarioPoint own;
      for (std::size_t i; (i = next.fetch_add(1)) < todo.size();) {
        const ScenarioPoint& point = jobs.point(todo[i], own);
        tilts[todo[i]] = std::make_unique<const TiltParams>(
            choose_tilt(point.scenario, static_cast<std::uint64_t>(point.index)));
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      next = todo.size();
    }
  };
  {
    std::vector<std::jthread> pool;
    const auto count = std::min<std::size_t>(todo.size(), static_cast<std::size_t>(threads));
    for (std::size_t t = 1; t < count; ++t) pool.emplace_back(work);
    work();
  }
  if (error) std::rethrow_exception(error);
  return tilts;
}

void run_weighted_trials(TrialRunner& runner, std::uint64_t first, std::uint64_t count,
                         const TiltParams& tilt, Tally& tally) {
  tally.weights.pilot_events = std::min(tally.weights.pilot_events, tilt.pilot_events);
  for (std::uint64_t t = first; t < first + count; ++t) {
    const TrialResult result = runner.run(t);
    tally.add(result);
    tally.weights.add(result.outcome, runner.log_weight());
  }
}

}  // namespace byzsim
