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
# byzsim check's output FILE without its timings, to compare two runs of one search.
untimed() { sed -e '/^time: /d' -e 's/; the first found after .* s$//' "$1"; }
# The replay command that byzsim check's output FILE prints for witness 1.
first_replay() { grep -m1 -A1 "^witness 1 " "$1" | sed -n 's/^  replay: //p'; }
# replay_first_witness CHECK_OUT TRACE_OUT: runs witness 1's replay command as printed (only a
# byzsim trace command), its trace into TRACE_OUT; fails if it fails or writes to stderr.
replay_first_witness() {
  local cmd
  cmd=$(first_replay "$1")
  case "$cmd" in "$BIN trace "* | "'$BIN' trace "*) ;; *) return 1 ;; esac
  (eval "$cmd") >"$2" 2>"$2.err" && test ! -s "$2.err"
}
# random_search_finds SCENARIO ARGS...: byzsim check SCENARIO --random ARGS... (a planted bug
# among the --set's) on 1 and on 2 threads must find a violation of agreement, print the same
# results on both, and its first witness (a process fault in the compact mutation form) must
# replay as printed as a disagreement.
random_search_finds() {
  local scenario=$1; shift
  "$BIN" check "$scenario" --random "$@" --threads 1 >"$T/random1.out" 2>&1
  "$BIN" check "$scenario" --random "$@" --threads 2 >"$T/random2.out" 2>&1
  check "check --random finds the planted bug" \
    grep -qE "^violations: [1-9][0-9]* scenarios \(agreement [1-9]" "$T/random1.out"
  check "... the same on 1 and 2 threads" cmp <(untimed "$T/random1.out") <(untimed "$T/random2.out")
  check "... its first witness replays as printed: disagreement" random_witness_replays
}
random_witness_replays() {
  first_replay "$T/random1.out" | grep -qE '"to":(\[[0-9,]+\]|[0-9]+),"phase":(\[|")' &&
    replay_first_witness "$T/random1.out" "$T/random-witness.txt" &&
    grep -q "^# outcome: disagreement," "$T/random-witness.txt"
}
