#!/usr/bin/env bash
# The dependency direction of the layers (README, "Architecture"; CMakeLists.txt builds one
# library per layer in the same order): every #include "..." of a project header in a layer's
# folder names that layer or one below it. A backward include (the engine reaching into the
# loader, run/ into report/, a protocol into run/) fails here.
source "$(dirname "$0")/lib.bash"

# layer folder -> the folders it may include (itself included).
declare -A allowed=(
  [sim/core]="sim/core"
  [sim/trace]="sim/core sim/trace"
  [sim/model]="sim/core sim/model"
  [sim/net]="sim/core sim/model sim/net"
  [sim/agents]="sim/core sim/model sim/net sim/agents"
  [sim/protocols]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols"
  [sim/run]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run"
  [sim/report]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run sim/report"
  [analysis/exact]="sim/core sim/model sim/net sim/agents analysis/exact"
  [sim/json]="sim/json"
  [sim/sweep]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/json sim/sweep"
  [sim/scenario]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/json sim/sweep sim/scenario"
  [sim/plan]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run sim/report sim/json sim/sweep sim/scenario analysis/exact sim/plan"
  [sim/bench]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run sim/report sim/json sim/sweep sim/scenario sim/bench"
)

# Each included project header's folder must be one of the layer's allowed folders.
violations() {
  local layer=$1
  (cd "$SRC" && grep -rn '#include "\(sim\|analysis\)/' "$layer" --include='*.hpp' --include='*.cpp') |
    while IFS= read -r line; do
      header=$(echo "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
      ok=no
      for dir in ${allowed[$layer]}; do
        case "$header" in "$dir"/*) ok=yes ;; esac
      done
      # The MPI exchange is built into the command line only, which links everything.
      case "$line" in sim/run/mpi/*) ok=yes ;; esac
      [ "$ok" = yes ] || echo "$line"
    done
}

for layer in "${!allowed[@]}"; do
  found=$(violations "$layer")
  if [ -z "$found" ]; then
    pass "$layer includes only its own and lower layers"
  else
    fail "$layer includes a higher layer:"
    echo "$found" | sed 's/^/        /'
  fi
done

# Every folder with sources belongs to a layer (or is the command line, which may use all).
for dir in $(cd "$SRC" && find sim analysis -name '*.cpp' -o -name '*.hpp' | xargs -n1 dirname | sort -u); do
  top=$(echo "$dir" | cut -d/ -f1-2)
  [ "$top" = sim/cli ] && continue
  check "$dir is in a layer" test -n "${allowed[$top]:-}"
done

# The check itself can fail: a report header including the loader is caught.
mkdir -p "$T/src/sim/report"
echo '#include "sim/scenario/loader.hpp"' >"$T/src/sim/report/bad.hpp"
found=$(SRC="$T/src" violations sim/report)
check "a backward include is caught" test -n "$found"
finish
