# Outputs never destroy inputs or each other, every command that writes a file honours the lock
# a running `run` holds, a failed write leaves a valid CSV prefix, and a closed pipe is a write
# error (exit 1, one line), not a silent death by SIGPIPE.
source "$(dirname "$0")/lib.bash"

S="$T/s.json"
cp "$SRC/scenarios/seed/deployment-7.json" "$S"
cp "$S" "$T/original.json"
PLAN="$SRC/scenarios/plans/deployment-7.json"

# exit_is CODE DESCRIPTION COMMAND...: the command exits CODE (stderr kept in $T/err).
exit_is() {
  local want=$1 what=$2
  shift 2
  "$@" >"$T/out" 2>"$T/err"
  local code=$?
  if [ "$code" = "$want" ]; then pass "$what (exit $code)"; else fail "$what: exit $code, want $want: $(head -c 300 "$T/err")"; fi
}
unchanged() { check "$1: the scenario is intact" cmp -s "$S" "$T/original.json"; }

# --- an output that is an input -----------------------------------------------------------
exit_is 2 "run -o naming its scenario" "$BIN" run "$S" -o "$S"
unchanged "run -o scenario"
check "the message names the input" grep -q "is the input" "$T/err"
ln "$S" "$T/hardlink.json"
exit_is 2 "run -o a hard link of its scenario" "$BIN" run "$S" -o "$T/hardlink.json"
unchanged "hard link"
exit_is 2 "run --meta naming its scenario" "$BIN" run "$S" -o "$T/r.csv" --meta "$S"
unchanged "--meta scenario"
check "nothing was written for the refused run" test ! -e "$T/r.csv"
exit_is 2 "run --meta equal to -o" "$BIN" run "$S" -o "$T/r.csv" --meta "$T/r.csv"
check "the message names both options" grep -q -- "--meta: .* is also -o" "$T/err"
exit_is 2 "exact -o naming its scenario" "$BIN" exact "$S" -o "$S"
unchanged "exact -o scenario"
exit_is 2 "trace -o naming its scenario" "$BIN" trace "$S" -o "$S"
unchanged "trace -o scenario"
"$BIN" run "$S" --trials 100 -o "$T/shard.csv" 2>/dev/null
exit_is 2 "merge -o naming one of its inputs" "$BIN" merge "$T/shard.csv" -o "$T/shard.csv"
check "merge input intact" grep -q "^deployment-7,0," "$T/shard.csv"
exit_is 2 "merge -o naming an input's sidecar" "$BIN" merge "$T/shard.csv" -o "$T/shard.csv.meta.json"
cp "$PLAN" "$T/plan.json"
exit_is 2 "plan -o naming its plan file" "$BIN" plan "$T/plan.json" -o "$T/plan.json"
check "plan file intact" cmp -s "$T/plan.json" "$PLAN"
mkdir "$T/dir"
cp "$S" "$T/dir/deployment-7.json"
exit_is 2 "run --format json -o DIR/ where a scenario's own file would be replaced" \
  "$BIN" run "$T/dir/deployment-7.json" --format json -o "$T/dir/"
check "the scenario in DIR is intact" cmp -s "$T/dir/deployment-7.json" "$S"

# --- symlinks and long paths -------------------------------------------------------------
mkdir "$T/real"
ln -s "$T/real" "$T/link"
exit_is 2 "-o a symlink to a directory" "$BIN" run "$S" -o "$T/link"
exit_is 2 "-o a symlink to a directory, written LINK/" "$BIN" run "$S" -o "$T/link/"
check "nothing written through the link" test -z "$(ls "$T/real")"
long=$(printf 'x%.0s' $(seq 300))
exit_is 2 "-o with a name longer than the system accepts" "$BIN" run "$S" -o "$T/$long.csv"
check "the message says the path is too long" grep -q "longer than this system accepts" "$T/err"
exit_is 2 "trace -o with a too-long name" "$BIN" trace "$S" -o "$T/$long.csv"

# --- the lock of a running run -----------------------------------------------------------
"$BIN" run "$S" --trials 200000000 -q -o "$T/R.csv" 2>/dev/null &
runner=$!
for _ in $(seq 100); do [ -s "$T/R.csv" ] && break; sleep 0.1; done
exit_is 2 "trace -o the file a run is writing" "$BIN" trace "$S" -o "$T/R.csv"
exit_is 2 "merge -o the file a run is writing" "$BIN" merge "$T/shard.csv" -o "$T/R.csv"
exit_is 2 "plan -o the file a run is writing" "$BIN" plan "$PLAN" -o "$T/R.csv"
check "refused for the lock, not for the plan" grep -q "another byzsim run is writing" "$T/err"
exit_is 2 "another run's --meta naming the file a run is writing" \
  "$BIN" run "$S" --trials 10 -o "$T/other.csv" --meta "$T/R.csv"
check "the refusal names --meta, the option that gave the path" grep -q "^--meta: another byzsim run is writing" "$T/err"
check "the refused run left no output" test ! -e "$T/other.csv"
check "the running run's file is still its CSV" grep -q "^scenario,point," "$T/R.csv"
kill "$runner" 2>/dev/null
wait "$runner" 2>/dev/null

# --- a failed write leaves whole rows; --resume completes them ---------------------------
# A file size limit makes writes past 40 KiB fail (EFBIG) as a full disk would; the sidecar
# (25 KiB) fits, the 70 KiB of rows do not.
(trap '' XFSZ; ulimit -f 40; "$BIN" run "$S" --trials 20 --vary /seed=1:300 -q -o "$T/F.csv" 2>"$T/err")
code=$?
check "a failed write exits 1 (got $code)" test "$code" = 1
check "the message says the file keeps its whole rows" grep -q "keeps the whole rows" "$T/err"
whole_rows() {
  $PY - "$1" <<'PY'
import csv, sys
text = open(sys.argv[1]).read()
rows = list(csv.reader(text.splitlines()))
ok = text.endswith("\n") and len({len(r) for r in rows}) == 1
print(len(rows) if ok else -1)
PY
}
rows=$(whole_rows "$T/F.csv")
# How many rows made it depends on when the last whole-row block left (timing): at least the
# header, never all, never a partial row.
check "the file is a valid CSV prefix of whole rows ($rows lines)" test "$rows" -ge 1 -a "$rows" -lt 301
"$BIN" run "$S" --trials 20 --vary /seed=1:300 -q -o "$T/F.csv" --resume 2>/dev/null
check "--resume completes it" test "$(whole_rows "$T/F.csv")" = 301
"$BIN" run "$S" --trials 20 --vary /seed=1:300 -q -o "$T/full.csv" 2>/dev/null
check "the resumed file equals an uninterrupted run" cmp -s "$T/F.csv" "$T/full.csv"

# --- a closed pipe -----------------------------------------------------------------------
"$BIN" run "$S" --trials 20 --vary /seed=1:3000 -q 2>"$T/pipe.err" | head -c 1 >/dev/null
code=${PIPESTATUS[0]}
check "a closed pipe exits 1, not 141 (got $code)" test "$code" = 1
check "with one line on stderr" test "$(wc -l <"$T/pipe.err")" = 1
check "naming the broken pipe" grep -q "Broken pipe" "$T/pipe.err"

# --- the interrupt message offers --resume only where it works ---------------------------
"$BIN" run "$S" --trials 200000000 -q --format json -o "$T/J.json" 2>"$T/int.err" &
runner=$!
sleep 1
kill -INT "$runner"
wait "$runner"
check "an interrupted JSON run does not suggest --resume for it" \
  grep -q "continues CSV written to a file with -o only" "$T/int.err"

finish
