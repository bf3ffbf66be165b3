// ProgressBar: ETA from the cost of the work done, drawn as a bar or printed as lines.
#include "sim/cli/progress.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/model/scenario.hpp"
#include "sim/protocols/registry.hpp"

namespace byzsim::cli {

namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "42s", "3m05s", "2h07m": short enough for one line, exact enough for a plan.
std::string duration_text(double seconds) {
  char text[32];
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60)
    std::snprintf(text, sizeof text, "%lds", s);
  else if (s < 3600)
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  return text;
}

}  // namespace

double trial_cost_units(const Scenario& scenario) {
  return spec_of(scenario.protocol).trial_cost_units(scenario);
}

ProgressBar::ProgressBar(ProgressMode mode, std::vector<std::uint64_t> job_trials,
                         std::vector<double> job_trial_cost, bool final_line, std::FILE* out,
                         Clock clock)
    : mode_(mode),
      job_trials_(std::move(job_trials)),
      job_trial_cost_(std::move(job_trial_cost)),
      final_line_(final_line),
      out_(out),
      clock_(clock ? std::move(clock) : Clock(steady_seconds)),
      start_(clock_()),
      last_line_(start_) {
  for (std::size_t j = 0; j < job_trials_.size(); ++j) {
    total_trials_ += job_trials_[j];
    total_cost_ += static_cast<double>(job_trials_[j]) * job_trial_cost_[j];
  }
}

void ProgressBar::point_done(std::size_t job) {
  ++points_done_;
  if (job >= job_trials_.size()) return;
  finished_trials_ += job_trials_[job];
  finished_cost_ += static_cast<double>(job_trials_[job]) * job_trial_cost_[job];
}

double ProgressBar::cost_done(std::uint64_t trials_done) const {
  // Trials of points not yet reported count at the mean cost of the unfinished points.
  const std::uint64_t open_trials = total_trials_ - std::min(finished_trials_, total_trials_);
  const double open_cost = std::max(0.0, total_cost_ - finished_cost_);
  const std::uint64_t running = trials_done > finished_trials_ ? trials_done - finished_trials_ : 0;
  const double mean = open_trials > 0 ? open_cost / static_cast<double>(open_trials) : 0;
  return std::min(total_cost_, finished_cost_ + static_cast<double>(running) * mean);
}

double ProgressBar::eta_seconds(std::uint64_t trials_done, double elapsed) const {
  const double done = cost_done(trials_done);
  if (done <= 0 || elapsed <= 0) return NAN;  // nothing measured yet
  return (total_cost_ - done) * elapsed / done;
}

std::string ProgressBar::status(std::uint64_t trials_done, double elapsed) const {
  const double fraction = total_cost_ > 0 ? cost_done(trials_done) / total_cost_ : 0;
  const double eta = eta_seconds(trials_done, elapsed);
  char text[160];
  std::snprintf(text, sizeof text, "%3.0f%%  points %zu/%zu  %.3g trials/s  elapsed %s  ETA %s",
                fraction * 100, points_done_, job_trials_.size(),
                elapsed > 0 ? static_cast<double>(trials_done) / elapsed : 0.0,
                duration_text(elapsed).c_str(), std::isnan(eta) ? "?" : duration_text(eta).c_str());
  return text;
}

void ProgressBar::update(std::uint64_t trials_done, std::uint64_t trials_total) {
  if (mode_ == ProgressMode::off || trials_total == 0) return;
  last_trials_done_ = trials_done;
  const double now = clock_();
  const double elapsed = now - start_;
  if (mode_ == ProgressMode::lines) {
    if (now - last_line_ < kLineInterval) return;
    last_line_ = now;
    std::fprintf(out_, "byzsim run: %s\n", status(trials_done, elapsed).c_str());
    std::fflush(out_);
    drawn_ = true;
    return;
  }
  constexpr int kWidth = 30;
  const double fraction = total_cost_ > 0 ? cost_done(trials_done) / total_cost_ : 0;
  char bar[kWidth + 1];
  const int filled = static_cast<int>(fraction * kWidth);
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = '\0';
  std::fprintf(out_, "\r[%s] %s   ", bar, status(trials_done, elapsed).c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (mode_ == ProgressMode::bar && drawn_) std::fprintf(out_, "\n");
  if (mode_ == ProgressMode::lines && (drawn_ || final_line_)) {
    std::fprintf(out_, "byzsim run: done, %zu/%zu points, %llu trials in %s\n", points_done_,
                 job_trials_.size(), static_cast<unsigned long long>(last_trials_done_),
                 duration_text(clock_() - start_).c_str());
  }
  std::fflush(out_);
}

}  // namespace byzsim::cli
