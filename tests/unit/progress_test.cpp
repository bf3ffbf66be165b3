// The progress of `run`: a cost-weighted ETA and plain lines for logs, with an injected
// clock (no test waits or measures time) and output captured in memory.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scenario_builder.hpp"
#include "sim/cli/progress.hpp"

using byzsim::cli::ProgressBar;
using byzsim::cli::ProgressMode;

namespace {

// A FILE* writing into memory, read back with text().
class Captured {
 public:
  Captured() : file_(open_memstream(&data_, &size_)) {}
  ~Captured() {
    if (file_) std::fclose(file_);
    std::free(data_);
  }
  std::FILE* file() { return file_; }
  std::string text() {
    std::fflush(file_);
    return std::string(data_, size_);
  }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* file_;
};

std::size_t count(const std::string& text, char c) {
  std::size_t k = 0;
  for (char x : text) k += x == c;
  return k;
}

}  // namespace

TEST_CASE("progress: the ETA weighs the work left by its cost, not its trial count", "[progress]") {
  double now = 0;
  Captured out;
  // A cheap point (cost 1 per trial) then an expensive one (cost 10 per trial), equal trials.
  ProgressBar bar(ProgressMode::off, {1000, 1000}, {1.0, 10.0}, false, out.file(),
                  [&] { return now; });
  bar.point_done(0);
  // 1 s for the cheap point: 1000 units/s, 10000 units left. A trial-count ETA says 1 s.
  CHECK(bar.cost_done(1000) == Approx(1000));
  CHECK(bar.eta_seconds(1000, 1.0) == Approx(10.0));
  // Half the trials of the expensive point run but not yet reported: counted at its cost.
  CHECK(bar.cost_done(1500) == Approx(6000));
  CHECK(bar.eta_seconds(1500, 6.0) == Approx(5.0));
  bar.point_done(1);
  CHECK(bar.eta_seconds(2000, 11.0) == Approx(0.0));
}

TEST_CASE("progress: lines mode prints a plain line every 10 s and never a carriage return",
          "[progress]") {
  double now = 0;
  Captured out;
  ProgressBar bar(ProgressMode::lines, {100, 100, 100}, {1.0, 1.0, 1.0}, false, out.file(),
                  [&] { return now; });
  now = 5;
  bar.update(50, 300);
  CHECK(out.text().empty());  // not yet 10 s
  now = 10;
  bar.update(100, 300);
  bar.point_done(0);
  CHECK(count(out.text(), '\n') == 1);
  now = 19.9;
  bar.update(150, 300);
  CHECK(count(out.text(), '\n') == 1);
  now = 20;
  bar.update(200, 300);
  bar.point_done(1);
  bar.point_done(2);
  bar.finish();
  const std::string text = out.text();
  CHECK(count(text, '\n') == 3);  // two periodic lines and the closing one
  CHECK(count(text, '\r') == 0);
  CHECK(text.find("byzsim run:  33%  points 0/3") != std::string::npos);
  CHECK(text.find("ETA 20s") != std::string::npos);  // 100 of 300 units in 10 s
  // Finished points count whole, even trials the last update had not seen.
  CHECK(text.find("byzsim run: done: 3 points, 300 trials in 20s\n") != std::string::npos);
}

TEST_CASE("progress: a short run in lines mode prints nothing unless lines were asked for",
          "[progress]") {
  double now = 0;
  Captured quiet, asked;
  ProgressBar by_default(ProgressMode::lines, {10}, {1.0}, false, quiet.file(),
                         [&] { return now; });
  ProgressBar explicit_lines(ProgressMode::lines, {10}, {1.0}, true, asked.file(),
                             [&] { return now; });
  now = 1;
  for (ProgressBar* bar : {&by_default, &explicit_lines}) {
    bar->update(10, 10);
    bar->point_done(0);
    bar->finish();
  }
  CHECK(quiet.text().empty());
  CHECK(asked.text() == "byzsim run: done: 1 point, 10 trials in 1s\n");
}

TEST_CASE("progress: check's lines name the command and count scenarios, not points",
          "[progress]") {
  double now = 0;
  Captured out, stopped;
  ProgressBar bar(ProgressMode::lines, {4096}, {1.0}, true, out.file(), [&] { return now; });
  ProgressBar cut(ProgressMode::lines, {4096}, {1.0}, true, stopped.file(), [&] { return now; });
  for (ProgressBar* b : {&bar, &cut}) b->set_words({"byzsim check", "", "scenarios"});
  now = 12;
  bar.update(2048, 4096);
  bar.update(4096, 4096);
  bar.point_done(0);
  bar.finish();
  cut.update(1000, 4096);
  cut.finish();
  const std::string text = out.text();
  CHECK(text.rfind("byzsim check:  50%  171 scenarios/s  elapsed 12s  ETA 12s\n", 0) == 0);
  CHECK(text.find("points") == std::string::npos);
  CHECK(text.find("byzsim run") == std::string::npos);
  CHECK(text.find("byzsim check: done: 4096 scenarios in 12s\n") != std::string::npos);
  CHECK(stopped.text().find("byzsim check: stopped: 1000 of 4096 scenarios in 12s\n") !=
        std::string::npos);
}

TEST_CASE("progress: bar mode redraws one line with carriage returns", "[progress]") {
  double now = 0;
  Captured out;
  ProgressBar bar(ProgressMode::bar, {10}, {1.0}, false, out.file(), [&] { return now; });
  now = 0.2;
  bar.update(5, 10);
  now = 0.4;
  bar.update(10, 10);
  bar.finish();
  CHECK(count(out.text(), '\r') == 3);  // two redraws and the closing line over the bar
  CHECK(count(out.text(), '\n') == 1);
}

namespace {

// The frames of a bar-mode output: the texts between carriage returns and the final newline.
std::vector<std::string> frames(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == '\r' || c == '\n') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

}  // namespace

TEST_CASE("progress: every redraw fits the terminal, read again at each redraw", "[progress]") {
  double now = 0;
  int columns = 80;
  Captured out;
  // Big numbers make the longest status: 6-digit point counts, a 7-digit rate, hours of ETA.
  ProgressBar bar(
      ProgressMode::bar, std::vector<std::uint64_t>(100000, 1000000),
      std::vector<double>(100000, 1.0), false, out.file(), [&] { return now; },
      [&] { return columns; });
  std::vector<std::size_t> limits;
  for (int c : {80, 200, 60, 40, 30, 12, 1, 80}) {
    columns = c;
    now += 7.5;
    bar.update(static_cast<std::uint64_t>(now * 1.2e6), 100000ull * 1000000);
    limits.push_back(static_cast<std::size_t>(std::max(c, 2) - 1));
  }
  columns = 80;
  bar.finish();
  const std::vector<std::string> drawn = frames(out.text());
  REQUIRE(drawn.size() == limits.size() + 1);
  for (std::size_t i = 0; i < limits.size(); ++i) {
    INFO("frame " << i << ": '" << drawn[i] << "'");
    CHECK(drawn[i].size() <= limits[i]);
  }
  CHECK(drawn[0].front() == '[');  // 80 columns: bar and full status
  CHECK(drawn[1].front() == '[');  // 200: the widest bar, 30 characters
  CHECK(drawn[1].find("] ") == 31);
  CHECK(drawn[3].front() != '[');                    // 40: no room for a bar
  CHECK(drawn[4].find("ETA") != std::string::npos);  // 30: percent, points, ETA
  CHECK(drawn[5].find('%') != std::string::npos);    // 12: what fits of that
  CHECK(drawn.back().rfind("byzsim run: stopped: 0 of 100000 points, 72000000 trials in ", 0) == 0);
}

TEST_CASE("progress: a shorter redraw blanks out what the longer one left", "[progress]") {
  double now = 0;
  int columns = 120;
  Captured out;
  ProgressBar bar(
      ProgressMode::bar, {10}, {1.0}, false, out.file(), [&] { return now; },
      [&] { return columns; });
  now = 1;
  bar.update(5, 10);
  columns = 40;
  now = 2;
  bar.update(6, 10);
  const std::vector<std::string> drawn = frames(out.text());
  REQUIRE(drawn.size() == 2);
  CHECK(drawn[1].size() == std::min<std::size_t>(drawn[0].size(), 39));
  CHECK(drawn[1].back() == ' ');
}

TEST_CASE("progress: bar mode ends with the closing line in the bar's place", "[progress]") {
  double now = 0;
  Captured out;
  ProgressBar bar(
      ProgressMode::bar, {10, 20}, {1.0, 1.0}, false, out.file(), [&] { return now; },
      [] { return 80; });
  now = 30;
  bar.update(10, 30);
  bar.point_done(0);
  now = 67;
  bar.update(30, 30);
  bar.point_done(1);
  bar.finish();
  const std::vector<std::string> drawn = frames(out.text());
  REQUIRE(drawn.size() == 3);
  // The bar was longer: blanks after the closing line cover it.
  CHECK(drawn.back().rfind("byzsim run: done: 2 points, 30 trials in 1m07s", 0) == 0);
  CHECK(out.text().back() == '\n');
}

TEST_CASE("progress: a trial's cost grows with agents and rounds, and with n^2 under pbft",
          "[progress]") {
  byzsim::Scenario small, big;
  small.agents = {byzsim::testing::honest(7)};
  big.agents = {byzsim::testing::honest(70)};
  big.protocol.max_rounds = 3;
  CHECK(byzsim::cli::trial_cost_units(big) == Approx(30 * byzsim::cli::trial_cost_units(small)));
  byzsim::Scenario pbft = small;
  use_protocol(pbft.protocol, byzsim::builtin_protocol("pbft"));
  CHECK(byzsim::cli::trial_cost_units(pbft) == Approx(49));
}
