// Progress of a long `run` on stderr: a redrawn bar on a terminal (never wider than it, so a
// redraw never wraps), plain lines (one every 10 s) in logs such as Slurm's; both end with one
// "done: N points, T trials in 1m07s" line. Used by cmd_run; clock, width and stream are
// injectable for tests.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace byzsim {
struct Scenario;
}

namespace byzsim::cli {

// off: nothing; bar: one line redrawn with '\r' (terminals only); lines: a plain line
// every kLineInterval seconds, never a '\r' (log files).
enum class ProgressMode { off, bar, lines };

// The expected work of one trial in arbitrary units, so that the ETA weighs a point by what
// it costs rather than by its trial count: agents x rounds for the coordinator protocols
// (each round is about one message per agent), agents squared for pbft (all-to-all phases).
double trial_cost_units(const Scenario& scenario);

class ProgressBar {
 public:
  static constexpr double kLineInterval = 10.0;  // seconds between two plain lines
  using Clock = std::function<double()>;         // seconds since any fixed moment
  using Width = std::function<int()>;            // the terminal's columns, read per redraw

  // Job j's trials and the cost of one of its trials: read for every job once at the start
  // and once as it finishes, so it should be cheap.
  using JobWork = std::function<std::pair<std::uint64_t, double>(std::size_t job)>;

  // One entry per job, in job order: its trials and the cost of one of its trials.
  // final_line: in lines mode, also print the closing line when the run was too short for
  // any other (the user asked for lines). width: by default terminal_columns(out).
  ProgressBar(ProgressMode mode, std::vector<std::uint64_t> job_trials,
              std::vector<double> job_trial_cost, bool final_line = false, std::FILE* out = stderr,
              Clock clock = {}, Width width = {});
  // The same with the jobs described by `work` rather than listed (a sweep's points are made
  // as the workers reach them, not held).
  ProgressBar(ProgressMode mode, std::size_t jobs, JobWork work, bool final_line = false,
              std::FILE* out = stderr, Clock clock = {}, Width width = {});
  // What the lines call the command, its jobs and its units of work: `byzsim run` counts
  // points and trials; `byzsim check` one search of scenarios (no job count: `job` empty).
  struct Words {
    std::string command = "byzsim run";
    std::string job = "point";     // "point" -> "points 3/10"; empty: no job count shown
    std::string units = "trials";  // "trials/s", "12 trials"
  };
  void set_words(Words words) { words_ = std::move(words); }
  void point_done(std::size_t job);
  void update(std::uint64_t trials_done, std::uint64_t trials_total);
  void finish();

  // Cost units of the work done so far (finished points exactly, trials of unfinished
  // points at their mean cost) and the ETA in seconds that follows; for tests.
  double cost_done(std::uint64_t trials_done) const;
  double eta_seconds(std::uint64_t trials_done, double elapsed) const;

 private:
  void add_totals();  // every job's trials and cost into the totals
  std::string status(std::uint64_t trials_done, double elapsed) const;
  // The bar line for `trials_done`, at most `limit` characters: the bar shrinks first, then
  // goes, then the status shortens to percent, points and ETA.
  std::string bar_line(std::uint64_t trials_done, double elapsed, std::size_t limit) const;
  // Draws `line` over the last one ('\r', then blanks over what the last one had more).
  void redraw(const std::string& line, std::size_t limit);
  std::string done_line() const;

  ProgressMode mode_;
  Words words_;
  std::size_t jobs_;
  JobWork work_;
  bool final_line_;
  std::FILE* out_;
  Clock clock_;
  Width width_;
  double start_;
  double total_cost_ = 0;
  std::uint64_t total_trials_ = 0;
  double finished_cost_ = 0;
  std::uint64_t finished_trials_ = 0;
  std::size_t points_done_ = 0;
  std::uint64_t last_trials_done_ = 0;
  double last_line_;  // when the last plain line was printed (lines mode)
  bool drawn_ = false;
  std::size_t drawn_length_ = 0;  // characters of the bar line on screen (bar mode)
};

}  // namespace byzsim::cli
