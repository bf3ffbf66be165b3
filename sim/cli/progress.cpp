// ProgressBar: ETA from the cost of the work done, drawn as a bar or printed as lines.
#include "sim/cli/progress.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/cli/terminal_width.hpp"
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
                         Clock clock, Width width)
    : ProgressBar(mode, 0, {}, final_line, out, std::move(clock), std::move(width)) {
  jobs_ = job_trials.size();
  work_ = [trials = std::move(job_trials), cost = std::move(job_trial_cost)](std::size_t job) {
    return std::make_pair(trials[job], cost[job]);
  };
  add_totals();
}

ProgressBar::ProgressBar(ProgressMode mode, std::size_t jobs, JobWork work, bool final_line,
                         std::FILE* out, Clock clock, Width width)
    : mode_(mode),
      jobs_(jobs),
      work_(std::move(work)),
      final_line_(final_line),
      out_(out),
      clock_(clock ? std::move(clock) : Clock(steady_seconds)),
      width_(width ? std::move(width) : Width([out] { return terminal_columns(out); })),
      start_(clock_()),
      last_line_(start_) {
  add_totals();
}

void ProgressBar::add_totals() {
  for (std::size_t j = 0; j < jobs_; ++j) {
    const auto [trials, cost] = work_(j);
    total_trials_ += trials;
    total_cost_ += static_cast<double>(trials) * cost;
  }
}

void ProgressBar::point_done(std::size_t job) {
  ++points_done_;
  if (job >= jobs_) return;
  const auto [trials, cost] = work_(job);
  finished_trials_ += trials;
  finished_cost_ += static_cast<double>(trials) * cost;
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
  char jobs[96] = "";
  if (!words_.job.empty())
    std::snprintf(jobs, sizeof jobs, "  %ss %zu/%zu", words_.job.c_str(), points_done_, jobs_);
  char text[256];
  std::snprintf(text, sizeof text, "%3.0f%%%s  %.3g %s/s  elapsed %s  ETA %s", fraction * 100, jobs,
                elapsed > 0 ? static_cast<double>(trials_done) / elapsed : 0.0,
                words_.units.c_str(), duration_text(elapsed).c_str(),
                std::isnan(eta) ? "?" : duration_text(eta).c_str());
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
    std::fprintf(out_, "%s: %s\n", words_.command.c_str(), status(trials_done, elapsed).c_str());
    std::fflush(out_);
    drawn_ = true;
    return;
  }
  // A line that fills the last column makes some terminals wrap: one column stays free.
  const std::size_t limit = static_cast<std::size_t>(std::max(2, width_())) - 1;
  redraw(bar_line(trials_done, elapsed, limit), limit);
  drawn_ = true;
}

std::string ProgressBar::bar_line(std::uint64_t trials_done, double elapsed,
                                  std::size_t limit) const {
  constexpr std::size_t kMaxBar = 30;
  constexpr std::size_t kMinBar = 10;  // a shorter bar says too little to be worth its room
  const std::string text = status(trials_done, elapsed);
  if (text.size() + 3 + kMinBar <= limit) {  // "[" bar "] " text
    const std::size_t width = std::min(kMaxBar, limit - text.size() - 3);
    const double fraction = total_cost_ > 0 ? cost_done(trials_done) / total_cost_ : 0;
    const auto filled =
        std::min(width, static_cast<std::size_t>(fraction * static_cast<double>(width)));
    std::string line(1, '[');
    line.append(filled, '#');
    line.append(width - filled, '.');
    line += "] ";
    return line + text;
  }
  if (text.size() <= limit) return text;
  const double eta = eta_seconds(trials_done, elapsed);
  char jobs[48] = "";
  if (!words_.job.empty()) std::snprintf(jobs, sizeof jobs, " %zu/%zu", points_done_, jobs_);
  char brief[96];
  std::snprintf(brief, sizeof brief, "%3.0f%%%s ETA %s",
                (total_cost_ > 0 ? cost_done(trials_done) / total_cost_ : 0) * 100, jobs,
                std::isnan(eta) ? "?" : duration_text(eta).c_str());
  return std::string(brief).substr(0, limit);
}

void ProgressBar::redraw(const std::string& line, std::size_t limit) {
  const std::size_t blanks = std::min(drawn_length_, limit) > line.size()
                                 ? std::min(drawn_length_, limit) - line.size()
                                 : 0;
  std::fprintf(out_, "\r%s%s", line.c_str(), std::string(blanks, ' ').c_str());
  std::fflush(out_);
  drawn_length_ = line.size();
}

std::string ProgressBar::done_line() const {
  const auto trials =
      static_cast<unsigned long long>(std::max(last_trials_done_, finished_trials_));
  const std::string took = duration_text(clock_() - start_);
  const char* command = words_.command.c_str();
  const char* units = words_.units.c_str();
  char text[256];
  if (words_.job.empty()) {  // one search: its units alone
    if (points_done_ >= jobs_)
      std::snprintf(text, sizeof text, "%s: done: %llu %s in %s", command, trials, units,
                    took.c_str());
    else
      std::snprintf(text, sizeof text, "%s: stopped: %llu of %llu %s in %s", command, trials,
                    static_cast<unsigned long long>(total_trials_), units, took.c_str());
    return text;
  }
  const char* job = words_.job.c_str();
  if (points_done_ >= jobs_)
    std::snprintf(text, sizeof text, "%s: done: %zu %s%s, %llu %s in %s", command, points_done_,
                  job, points_done_ == 1 ? "" : "s", trials, units, took.c_str());
  else  // interrupted: say how far it got
    std::snprintf(text, sizeof text, "%s: stopped: %zu of %zu %ss, %llu %s in %s", command,
                  points_done_, jobs_, job, trials, units, took.c_str());
  return text;
}

void ProgressBar::finish() {
  if (mode_ == ProgressMode::bar) {
    const std::size_t limit = static_cast<std::size_t>(std::max(2, width_())) - 1;
    redraw(done_line(), limit);  // the closing line takes the bar's place
    std::fprintf(out_, "\n");
  }
  if (mode_ == ProgressMode::lines && (drawn_ || final_line_))
    std::fprintf(out_, "%s\n", done_line().c_str());
  std::fflush(out_);
}

}  // namespace byzsim::cli
