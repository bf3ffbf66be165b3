# Resources are bounded up front: a pbft trial that would need more memory than --memory-limit
# (default 4 GiB) and a trace cap whose records would not fit are refused with the estimate and
# the largest accepted value (exit 2, before any work), not ended by bad_alloc after minutes.
source "$(dirname "$0")/lib.bash"

pbft() {  # pbft N FILE: a one-trial pbft scenario with N honest agents
  $PY - "$1" "$2" <<'PY'
import json, sys
json.dump({"name": "big", "trials": 1, "protocol": {"type": "pbft"},
           "agents": [{"role": "honest", "count": int(sys.argv[1]), "accuracy": 0.9}]},
          open(sys.argv[2], "w"), indent=1)
PY
}
pbft 1000000 "$T/million.json"
pbft 10000 "$T/ten-thousand.json"
pbft 1000 "$T/thousand.json"

start=$(date +%s)
timeout 60 "$BIN" run "$T/million.json" -o "$T/m.csv" 2>"$T/m.err"
code=$?
took=$(($(date +%s) - start))
check "pbft n = 10^6 is refused (exit 2, got $code)" test "$code" = 2
# A hang guard, not a speed target: before the limit this ran 136 s to 17 GB.
check "at once, not after minutes (${took} s)" test "$took" -le 20
check "the message gives the estimate and the limit" \
  grep -q "needs about .* GiB per trial (80 n^2 bytes.*more than the memory limit 4 GiB" "$T/m.err"
check "at /agents, with the largest n accepted" grep -q "error: at /agents: .*accepted: n up to [0-9]" "$T/m.err"
check "nothing was written" test ! -e "$T/m.csv"

"$BIN" validate "$T/ten-thousand.json" >/dev/null 2>"$T/t.err"
check "n = 10,000 is refused under the default limit" test $? = 2
"$BIN" validate "$T/ten-thousand.json" --memory-limit 16GiB >/dev/null 2>"$T/t2.err"
check "and accepted with --memory-limit 16GiB" test $? = 0
"$BIN" validate "$T/thousand.json" >/dev/null 2>&1
check "n = 1000 fits the default limit" test $? = 0
"$BIN" validate "$T/thousand.json" --memory-limit 64MiB >/dev/null 2>"$T/low.err"
check "and not a 64 MiB one" test $? = 2

for bad in zzz 0 -1 1e30 2TiB 8XB 1MiB; do
  "$BIN" validate "$T/thousand.json" --memory-limit "$bad" >/dev/null 2>"$T/bad.err"
  code=$?
  check "--memory-limit '$bad' is refused (exit $code)" test "$code" = 2
  check "--memory-limit '$bad': says what is accepted" grep -q "accepted: a size from 64MiB to 1TiB" "$T/bad.err"
done
"$BIN" validate "$T/thousand.json" --memory-limit 8gb >/dev/null 2>&1
check "units are case-insensitive (8gb)" test $? = 0

S="$SRC/scenarios/seed/deployment-7.json"
# Sweeps (errors.md#limits): 10^6 points and values per axis; one more is refused up front.
"$BIN" validate "$S" --vary /seed=0:999999 -q 2>"$T/sweep.err"
check "a sweep of 1,000,000 points is accepted" test $? = 0
"$BIN" validate "$S" --vary /seed=0:1000000 -q 2>"$T/sweep.err"
check "1,000,001 values are refused" test $? = 2
check "naming the limit" grep -q "more than the limit of 1000000" "$T/sweep.err"
"$BIN" validate "$S" --vary /seed=0:999 --vary /trials=1:1001 -q 2>"$T/sweep.err"
check "1,001,000 points are refused" test $? = 2
check "with the limits of the sweep" \
  grep -q "more than 1000000 points; accepted: at most 1000000 points kept and 10000000 points" "$T/sweep.err"
"$BIN" trace "$S" --max-events 1e8 >/dev/null 2>"$T/trace.err"
check "trace --max-events 1e8 is refused under the default limit" test $? = 2
check "with the estimate and the largest accepted" \
  grep -q "about 320 bytes each.*accepted: at most 13421772 under this limit" "$T/trace.err"
"$BIN" trace "$S" --max-events 1e8 --memory-limit 64GiB >"$T/trace.txt" 2>/dev/null
check "and accepted under --memory-limit 64GiB" test $? = 0 -a -s "$T/trace.txt"
finish
