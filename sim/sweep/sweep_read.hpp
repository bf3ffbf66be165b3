// Reading a sweep: the file's "sweep" object (axes, "zip", "where"), --vary and --where into a
// SweepDefinition; --set on a swept key replaces that axis (with a warning). Used by the loader.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "sim/json/diagnostic.hpp"
#include "sim/json/origin.hpp"
#include "sim/sweep/sweep_layout.hpp"

namespace byzsim {

class ProtocolRegistry;  // sim/protocols/registry.hpp

// What the command line adds to the file's sweep, and the bounds on its size (the loader passes
// its LoadOptions' fields).
struct SweepArguments {
  std::span<const std::string> varies;                             // --vary "[NAME:]PTR=SPEC"
  std::span<const std::string> wheres;                             // --where
  std::size_t max_points = kMaxSweepPoints;                        // lowered to it when above
  std::size_t max_unconstrained_points = kMaxUnconstrainedPoints;  // lowered to it when above
  // The protocols whose result columns an axis name may not repeat; null: the builtin ones.
  const ProtocolRegistry* protocols = nullptr;
};

struct SweepReadResult {
  SweepDefinition sweep;
  Diagnostics diagnostics;
  Diagnostics warnings;
};

// Takes "sweep" out of `document` (which has --set applied; `origins` are the --set patches).
// A plain string value is an expression when it parses as one muParser expression naming at
// least one variable and only known ones (n, f, axis names); a string with '(' that is not
// one is reported as a broken expression; any other string is a value spec (sweep.hpp).
SweepReadResult read_sweep(Json& document, const SweepArguments& arguments,
                           const SourceText& source, const std::vector<PatchOrigin>& origins);

}  // namespace byzsim
