// measure_in_child: fork, run, read VmHWM in the child, send the figures through a pipe.
// The child leaves with _exit so it neither flushes the parent's stdio buffers twice nor runs
// the parent's static destructors.
#include "sim/bench/peak_memory.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

namespace byzsim {

long long proc_status_kib(const char* field) {
  std::ifstream status("/proc/self/status");
  const std::string prefix = std::string(field) + ":";
  for (std::string line; std::getline(status, line);)
    if (line.compare(0, prefix.size(), prefix) == 0) return std::stoll(line.substr(prefix.size()));
  return 0;
}

namespace {

bool write_all(int fd, const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = ::write(fd, bytes, size);
    if (written <= 0) return false;
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

[[noreturn]] void run_child(int fd, const std::function<void(ChildMemory&)>& workload) {
  int status = 1;
  try {
    ChildMemory figures;
    figures.start_rss_kib = proc_status_kib("VmRSS");
    workload(figures);
    figures.peak_rss_kib = proc_status_kib("VmHWM");
    if (write_all(fd, &figures, sizeof figures)) status = 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench child: %s\n", e.what());
  }
  ::_exit(status);
}

}  // namespace

ChildMemory measure_in_child(const std::function<void(ChildMemory&)>& workload) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed: " + std::string(strerror(errno)));
  std::fflush(nullptr);  // the child would otherwise inherit, and never write, pending output
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed: " + std::string(strerror(errno)));
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], workload);
  }
  ::close(fds[1]);
  ChildMemory figures;
  std::size_t got = 0;
  char* bytes = reinterpret_cast<char*>(&figures);
  while (got < sizeof figures) {
    const ssize_t n = ::read(fds[0], bytes + got, sizeof figures - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (got != sizeof figures || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("bench child process failed");
  return figures;
}

}  // namespace byzsim
