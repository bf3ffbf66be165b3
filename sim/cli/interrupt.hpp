// SIGINT/SIGTERM for long runs: the first signal asks the run to stop after the points in
// flight (the output keeps every finished point); a second one ends the process at once.
#pragma once

#include <atomic>

namespace byzsim::cli {

// Installs the handlers and returns the flag they set. The flag is necessarily a static:
// a signal handler can reach nothing else. Everything else gets it passed explicitly.
const std::atomic<bool>& install_interrupt_handlers();

}  // namespace byzsim::cli
