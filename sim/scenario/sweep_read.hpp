// Reading a sweep: the file's "sweep" object (axes, "zip", "where"), --vary and --where into a
// SweepDefinition; --set on a swept key replaces that axis (with a warning). Used by the loader.
#pragma once

#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/origin.hpp"
#include "sim/scenario/sweep_plan.hpp"

namespace byzsim {

struct SweepReadResult {
  SweepDefinition sweep;
  Diagnostics diagnostics;
  Diagnostics warnings;
};

// Takes "sweep" out of `document` (which has --set applied; `origins` are the --set patches).
// A plain string value is an expression when it parses as one muParser expression naming at
// least one variable and only known ones (n, f, axis names); a string with '(' that is not
// one is reported as a broken expression; any other string is a value spec (sweep.hpp).
SweepReadResult read_sweep(Json& document, const LoadOptions& options, const SourceText& source,
                           const std::vector<PatchOrigin>& origins);

}  // namespace byzsim
