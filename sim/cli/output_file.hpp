// Output files of `run`, `exact`, `trace` and `merge`: which paths byzsim may write (regular
// files only, never a device, FIFO or symlink), and an exclusive lock held while a run writes.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace byzsim::cli {

// An output a command will write, and the option that named it (for messages).
struct OutputPath {
  std::string option;  // "-o", "--meta", "the sidecar"
  std::string path;    // empty: stdout, never checked
};

// Throws UsageError when an output is one of the inputs (the same file: device and inode,
// links followed) or two outputs are one file (--meta equal to -o): checked before anything
// is written, so an input is never replaced by a result.
void require_outputs_spare_inputs(const std::vector<OutputPath>& outputs,
                                  const std::vector<std::string>& inputs);

// Throws UsageError when something other than a regular file is at `path` (a symlink, FIFO,
// device, socket or directory): byzsim writes only into regular files, new or existing, and
// never replaces anything else. Nothing at the path is fine; a path too long for the system
// is refused too.
void require_regular_output(const std::string& path, std::string_view option = "-o");

// The same for `-o`, where a directory (one file per scenario) is accepted too.
void require_regular_or_directory_output(const std::string& path);

// The scenario name as a file name inside `-o DIR/`: '/', '\', control characters and a
// leading '.' become '_', an empty name becomes "scenario", and it is cut to 200 bytes, so a
// name never leaves DIR, hides the file or exceeds a file name's length.
std::string file_name_for(const std::string& scenario_name);

// Holds an exclusive flock(2) on the file at a path for as long as it lives, so that a second
// byzsim run writing the same file refuses at once instead of interleaving rows. The lock
// follows the file across replace(): the new file is locked before it is renamed into place.
class LockedOutputFile {
 public:
  // Locks the regular file at `path`, creating it empty when absent (and removing it again if
  // nothing is ever written). Throws UsageError "another byzsim run is writing PATH".
  // `option` names the path in messages ("-o", "--meta").
  explicit LockedOutputFile(std::string path, std::string_view option = "-o");
  ~LockedOutputFile();
  LockedOutputFile(const LockedOutputFile&) = delete;
  LockedOutputFile& operator=(const LockedOutputFile&) = delete;

  const std::string& path() const { return path_; }
  // Atomically replaces the file's content (a locked temporary beside it, then a rename); a
  // write failure is a WriteError and leaves the old content. The second form streams it (an
  // exception from `write` removes the temporary and propagates).
  void replace(const std::string& content);
  void replace(const std::function<void(std::ostream&)>& write);
  // A descriptor of the current file open for appending (the caller owns it).
  int append_descriptor() const;

 private:
  std::string path_;
  int fd_ = -1;           // the locked file (the one at path_ since the last replace)
  bool created_ = false;  // created empty by the constructor and not written since
};

}  // namespace byzsim::cli
