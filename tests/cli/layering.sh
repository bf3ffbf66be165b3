#!/usr/bin/env bash
# The dependency direction of the layers (docs/architecture.md; CMakeLists.txt builds one
# library per layer in the same order): every #include "..." of a project header in a layer's
# folder names that layer or one below it. A backward include (the engine reaching into the
# loader, run/ into report/, a protocol into run/) fails here, and fails to compile: the build
# gives each layer the include directories of exactly these folders, which the second half
# checks against the build under test (its compile_commands.json; BYZSIM_BUILD_DIR, else the
# folder of the binary).
source "$(dirname "$0")/lib.bash"
BUILD=${BYZSIM_BUILD_DIR:-$(dirname "$BIN")}

# layer folder -> the folders it may include (itself included).
declare -A allowed=(
  [sim/core]="sim/core"
  [sim/trace]="sim/core sim/trace"
  [sim/model]="sim/core sim/model"
  [sim/net]="sim/core sim/model sim/net"
  [sim/agents]="sim/core sim/trace sim/model sim/net sim/agents"
  [sim/protocols]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols"
  [sim/run]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run"
  [sim/report]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run sim/report"
  [sim/search]="sim/core sim/trace sim/model sim/net sim/agents sim/protocols sim/run sim/search"
  [analysis/exact]="sim/core sim/trace sim/model sim/net sim/agents analysis/exact"
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

# The build's side. A layer's library target: sim/core -> byzsim_layer_core.
target_of() { echo "byzsim_layer_$(basename "$1")"; }
# compile LAYER PROBE MODE: PROBE compiled with the flags the build gives LAYER's sources.
compile() { $PY "$SRC/tests/cli/layer_compile.py" "$BUILD" "$(target_of "$1")" "$2" "$3"; }

if [ ! -f "$BUILD/compile_commands.json" ]; then
  fail "no $BUILD/compile_commands.json: the build's include directories cannot be checked"
  finish
  exit
fi

# Each layer sees exactly its allowed folders: a probe asks, for one header of every layer
# folder (and of sim/cli and tests/, which only the command line and the tests see), whether
# the layer's compile can find it.
probe="$T/visible.cpp"
: >"$probe"
for dir in "${!allowed[@]}" sim/cli tests/unit; do
  header=$(cd "$SRC" && find "$dir" -name '*.hpp' | sort | head -1)
  printf '#if __has_include("%s")\nvisible %s\n#endif\n' "$header" "$dir" >>"$probe"
done
for layer in "${!allowed[@]}"; do
  seen=$(compile "$layer" "$probe" preprocess 2>&1 | sed -n 's/^visible //p' | sort | xargs)
  want=$(echo "${allowed[$layer]}" | tr ' ' '\n' | sort | xargs)
  if [ "$seen" = "$want" ]; then
    pass "the build gives $layer the headers of: $want"
  else
    fail "the build gives $layer the headers of: $seen (the map above: $want)"
  fi
done

# A backward include fails to compile (core including run/), because the header is not found;
# a legal one compiles in the same context.
echo '#include "sim/run/batch.hpp"' >"$T/backward.cpp"
out=$(compile sim/core "$T/backward.cpp" syntax 2>&1)
status=$?
check "sim/core including sim/run/batch.hpp fails to compile" test "$status" != 0
check "... because the header is not found" \
  grep -Eq 'sim/run/batch.hpp.*(No such file|not found)' <<<"$out"
printf '#include "sim/core/tally.hpp"\nint main() { return byzsim::Tally{}.trials == 0 ? 0 : 1; }\n' \
  >"$T/legal.cpp"
check "sim/core including sim/core/tally.hpp compiles" compile sim/core "$T/legal.cpp" syntax
echo '#include "sim/run/batch.hpp"' >"$T/legal_run.cpp"
check "sim/report including sim/run/batch.hpp compiles" compile sim/report "$T/legal_run.cpp" syntax
finish
