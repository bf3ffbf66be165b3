# Shared helpers for the command-line tests (sourced, not run by ctest: no main).
# Each test script: bash tests/cli/NAME.sh PATH/TO/byzsim SOURCE_DIR
set -u
BIN=${1:?usage: $0 BYZSIM SOURCE_DIR}
SRC=${2:?usage: $0 BYZSIM SOURCE_DIR}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
check() {  # check "description" command...
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
# csv_get FILE ROW COLUMN: the value of COLUMN in data row ROW (0-based).
csv_get() {
  $PY - "$1" "$2" "$3" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(rows[int(sys.argv[2])][sys.argv[3]])
PY
}
# limit_memory KB: `ulimit -v KB` in the calling (sub)shell, except for a binary built with
# AddressSanitizer, which reserves terabytes of address space at start-up and cannot run under
# any such limit (make test's build-san). There the command runs unlimited: the memory bound
# itself is checked by the Release suite, the sanitizer run checks the same code for UB.
limit_memory() {
  if ldd "$BIN" 2>/dev/null | grep -q libasan; then return 0; fi
  ulimit -v "$1"
}
# Whether the binary under test is the AddressSanitizer build (see limit_memory).
under_asan() { ldd "$BIN" 2>/dev/null | grep -q libasan; }
