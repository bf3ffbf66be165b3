// The signal handlers: set the flag, restore the default action for the next signal.
#include "sim/cli/interrupt.hpp"

#include <csignal>

namespace byzsim::cli {

namespace {

std::atomic<bool>& interrupt_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

extern "C" void on_interrupt(int signal) {
  interrupt_flag().store(true);
  std::signal(signal, SIG_DFL);  // a second Ctrl-C ends the process
}

}  // namespace

const std::atomic<bool>& install_interrupt_handlers() {
  static_assert(std::atomic<bool>::is_always_lock_free, "signal-safe flag");
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  return interrupt_flag();
}

}  // namespace byzsim::cli
