// `run --rare`: every point of every loaded scenario estimated by importance sampling
// (docs/rare-events.md), and the warnings importance rows call for on stderr.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "sim/cli/cli_common.hpp"
#include "sim/report/row.hpp"

namespace byzsim::cli {

// Switches every point to importance sampling; UsageError (exit 2) naming the file and point
// when one has nothing importance sampling can tilt.
void apply_rare(LoadedBatch& loaded);

// Collects, from any thread, a warning per degenerate importance row; print() writes them in
// job order, after the run, where a progress bar cannot hide them.
class ImportanceWarnings {
 public:
  void note(std::size_t job, const std::string& file, const Row& row);
  void print(std::ostream& err) const;

 private:
  std::map<std::size_t, std::string> warnings_;
  std::mutex mutex_;
};

}  // namespace byzsim::cli
