// Output paths and locks: lstat decides what is at a path (a symlink is refused, not followed),
// flock keeps a second writer out, and an inode check after locking detects a file replaced
// between open and lock.
#include "sim/cli/output_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sim/cli/cli_common.hpp"

namespace byzsim::cli {

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string temporary_beside(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::string name = ".";  // built step by step: GCC 12 -Wrestrict misfires on "." + s
  name += target.filename().string();
  name += ".tmp" + std::to_string(getpid());
  return (target.parent_path() / name).string();
}

bool same_file(int fd, const std::string& path) {
  struct stat open_file {};
  struct stat at_path {};
  return ::fstat(fd, &open_file) == 0 && ::lstat(path.c_str(), &at_path) == 0 &&
         open_file.st_dev == at_path.st_dev && open_file.st_ino == at_path.st_ino;
}

}  // namespace

void require_regular_output(const std::string& path, std::string_view option) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENAMETOOLONG)
      throw UsageError{std::string(option) + ": '" + path.substr(0, 80) +
                       "...' is longer than this system accepts (" + std::to_string(path.size()) +
                       " bytes); give a shorter path"};
    return;  // nothing there (or unreachable: open reports)
  }
  if (S_ISREG(st.st_mode)) return;
  throw UsageError{std::string(option) + ": '" + path + "' is " + kind_of(st.st_mode) +
                   "; byzsim writes only regular files (new or existing) and never replaces "
                   "anything else: give the path of a file"};
}

void require_regular_or_directory_output(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return;
  require_regular_output(path);
}

namespace {

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

void require_outputs_spare_inputs(const std::vector<OutputPath>& outputs,
                                  const std::vector<std::string>& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const OutputPath& out = outputs[i];
    if (out.path.empty()) continue;
    struct stat written {};
    const bool exists = ::stat(out.path.c_str(), &written) == 0;
    for (const std::string& input : inputs) {
      struct stat read {};
      if (input == out.path ||
          (exists && ::stat(input.c_str(), &read) == 0 && same_file(written, read)))
        throw UsageError{out.option + ": '" + out.path + "' is the input '" + input +
                         "'; writing it would destroy the input: give another output path"};
    }
    for (std::size_t j = 0; j < i; ++j) {
      const OutputPath& other = outputs[j];
      struct stat seen {};
      if (other.path.empty()) continue;
      if (other.path == out.path ||
          (exists && ::stat(other.path.c_str(), &seen) == 0 && same_file(written, seen)))
        throw UsageError{out.option + ": '" + out.path + "' is also " + other.option +
                         "; one file cannot hold both: give them different paths"};
    }
  }
}

std::string file_name_for(const std::string& scenario_name) {
  constexpr std::size_t kMaxNameBytes = 200;  // a file name may have 255; room for ".csv" etc.
  std::string name = scenario_name.substr(0, kMaxNameBytes);
  for (char& c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f) c = '_';
  }
  if (name.empty()) return "scenario";
  if (name.front() == '.') name.front() = '_';
  return name;
}

LockedOutputFile::LockedOutputFile(std::string path, std::string_view option)
    : path_(std::move(path)) {
  // A file replaced between open() and flock() is not the one at the path any more: retry.
  for (int attempt = 0; attempt < 100; ++attempt) {
    require_regular_output(path_, option);
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    bool created = false;
    if (fd < 0 && errno == ENOENT) {
      fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
      created = fd >= 0;
      if (fd < 0 && errno == EEXIST) continue;  // created meanwhile: look again
    }
    if (fd < 0)
      throw UsageError{std::string(option) + ": cannot open '" + path_ +
                       "': " + std::strerror(errno)};
    // A file system without flock (ENOLCK, EOPNOTSUPP) gets the run unlocked, as before.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
      ::close(fd);
      throw UsageError{std::string(option) + ": another byzsim run is writing '" + path_ +
                       "'; wait for it to end, or write elsewhere"};
    }
    if (!same_file(fd, path_)) {
      ::close(fd);
      continue;
    }
    fd_ = fd;
    created_ = created;
    return;
  }
  throw UsageError{std::string(option) + ": '" + path_ +
                   "' keeps being replaced by another program"};
}

LockedOutputFile::~LockedOutputFile() {
  if (fd_ < 0) return;
  // Still the empty file this run created: the run wrote nothing, so leave nothing behind.
  if (created_ && same_file(fd_, path_)) ::unlink(path_.c_str());
  ::close(fd_);  // releases the lock
}

void LockedOutputFile::replace(const std::string& content) {
  replace([&](std::ostream& out) { out << content; });
}

void LockedOutputFile::replace(const std::function<void(std::ostream&)>& write) {
  const std::string temporary = temporary_beside(path_);
  const int fd = ::open(temporary.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw UsageError{"cannot write '" + path_ + "': cannot create a file in its folder"};
  // Lock the new file before it appears at the path, so the lock never lapses (nobody else
  // knows the temporary yet: this fails only where flock is not supported).
  ::flock(fd, LOCK_EX | LOCK_NB);
  auto give_up = [&](const std::string& why) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw WriteError{"cannot write '" + path_ + "': " + why};
  };
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    try {
      write(out);
    } catch (...) {
      ::close(fd);
      ::unlink(temporary.c_str());
      throw;
    }
    out.flush();
    if (!out) give_up("write failed (disk full?)");
  }
  if (::rename(temporary.c_str(), path_.c_str()) != 0) give_up(std::strerror(errno));
  ::close(fd_);  // the old file's lock; the new file is locked already
  fd_ = fd;
  created_ = false;
}

int LockedOutputFile::append_descriptor() const {
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) throw WriteError{"cannot append to '" + path_ + "': " + std::strerror(errno)};
  struct stat opened {};
  struct stat locked {};
  if (::fstat(fd, &opened) != 0 || ::fstat(fd_, &locked) != 0 || opened.st_ino != locked.st_ino ||
      opened.st_dev != locked.st_dev) {
    ::close(fd);
    throw WriteError{"cannot append to '" + path_ + "': another program replaced it"};
  }
  return fd;
}

}  // namespace byzsim::cli
