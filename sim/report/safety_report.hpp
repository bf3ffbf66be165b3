// What `byzsim run` says when pbft's checker found a safety violation that the configuration
// provably excludes (a bug in byzsim): the point and first trial, and how to replay it.
#pragma once

#include <string>

#include "sim/core/tally.hpp"

namespace byzsim {

// Empty when the tally holds no violation; otherwise one line for stderr, ending with '\n'.
std::string safety_violation_report(const std::string& scenario_file, int point,
                                    const Tally& tally);

}  // namespace byzsim
