// Peak resident memory of one bench workload: each runs in a forked child, so the figure is
// that workload's own peak and not the largest of everything the bench process ran before.
#pragma once

#include <cstdint>
#include <functional>

namespace byzsim {

// Trials done and the resident set (VmRSS) at that moment.
struct MemorySample {
  std::uint64_t trials = 0;
  long long rss_kib = 0;
};

// Trivially copyable: the child sends it back to the parent through a pipe.
struct ChildMemory {
  long long start_rss_kib = 0;  // as the child starts: pages it shares with the bench process
  long long peak_rss_kib = 0;   // VmHWM as the workload ends (the start is included)
  MemorySample first;           // samples the workload records, when it has progress to show
  MemorySample last;
};

// A "<field>: N kB" line of /proc/self/status, in KiB; 0 where the file or field is missing.
long long proc_status_kib(const char* field);

// Runs `workload` in a forked child (no other thread may run in this process meanwhile) and
// returns its figures; throws std::runtime_error where the child fails or cannot start.
ChildMemory measure_in_child(const std::function<void(ChildMemory&)>& workload);

}  // namespace byzsim
