#include "sim/protocols/common/protocol_trace.hpp"

#include <cstdio>
#include <cstdlib>

namespace byzsim {

void add_delivery_fields(TraceRecord& record, SimTime arrival, const Transmission* tampered,
                         const char* original_value) {
  if (tampered) {
    record.adversary = tampered->tamper;
    if (original_value) record.original = original_value;
    if (tampered->sent.round != tampered->original_round)
      record.original_round = tampered->original_round;
  }
  if (arrival >= 0 && arrival != Network::kLost) record.arrive_at = arrival;
}

void report_protocol_bug(const TrialEnv& env, [[maybe_unused]] const Scenario& scenario,
                         const std::string& what) {
  if (env.trace)
    env.trace->record(TraceRecord{env.simulator.now(), "BUG", -1, -1, "safety violation: " + what});
#ifndef NDEBUG
  std::fprintf(stderr,
               "byzsim: BUG: safety violation at point %llu trial %llu (scenario '%s'): %s\n"
               "  replay: byzsim trace %s --point %llu --trial %llu\n",
               static_cast<unsigned long long>(env.point),
               static_cast<unsigned long long>(env.trial), scenario.name.c_str(), what.c_str(),
               scenario.source_file.empty() ? "SCENARIO" : scenario.source_file.c_str(),
               static_cast<unsigned long long>(env.point),
               static_cast<unsigned long long>(env.trial));
  std::abort();
#endif
}

}  // namespace byzsim
