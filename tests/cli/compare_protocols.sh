#!/usr/bin/env bash
# analysis/compare_protocols.py: the fitted growth exponent of messages per decision is what
# each protocol's message pattern implies (coordinator-vote 3n messages: k = 1; pbft's
# all-to-all PREPARE and COMMIT: k close to 2 over n = 4..64), the table lists every row, -o
# draws an image, --where picks rows, and a CSV without the needed columns is exit 2.
source "$(dirname "$0")/lib.bash"
export MPLCONFIGDIR="$T/mplconfig" PYTHONDONTWRITEBYTECODE=1
SCRIPT="$SRC/analysis/compare_protocols.py"

cat >"$T/study.json" <<'JSON'
{
  "name": "study", "seed": 1, "trials": 200,
  "truth": { "p_good": 0.5 },
  "protocol": { "type": "pbft" },
  "agents": [ { "role": "honest", "count": 4, "accuracy": 0.9 } ],
  "network": { "latency": { "dist": "uniform", "min": "5ms", "max": "50ms" } },
  "sweep": {
    "/protocol/type": ["pbft", "coordinator-vote"],
    "/agents/0/count": { "name": "agents", "values": [4, 7, 16, 31, 64] },
    "/protocol/f": { "name": "tolerance", "expr": "floor((n-1)/3)" }
  }
}
JSON
"$BIN" run "$T/study.json" -q -o "$T/study.csv"
"$PY" "$SCRIPT" "$T/study.csv" --dump-data "$T/fit.json" >"$T/report.txt" 2>"$T/err"
check "the report exits 0" test $? = 0
exponent() { $PY -c "import json,sys; print(json.load(open(sys.argv[1]))['fits'][sys.argv[2]]['k'])" "$T/fit.json" "$1"; }
check "coordinator-vote: k = 1 (3n messages per trial)" \
  $PY -c "import sys; assert abs(float(sys.argv[1]) - 1) < 0.01" "$(exponent coordinator-vote)"
check "pbft: k in [1.9, 2.1] (all-to-all phases)" \
  $PY -c "import sys; assert 1.9 <= float(sys.argv[1]) <= 2.1" "$(exponent pbft)"
check "the report prints each protocol's exponent" \
  sh -c "grep -q '^  pbft  *k = 2\.' '$T/report.txt' && grep -q '^  coordinator-vote  *k = 1\.00' '$T/report.txt'"
check "the table has one line per row (10)" \
  test "$(grep -cE '^(pbft|coordinator-vote) +[0-9]+ ' "$T/report.txt")" = 10

if "$PY" -c "import matplotlib" 2>/dev/null; then
  "$PY" "$SCRIPT" "$T/study.csv" -o "$T/cmp.png" >/dev/null 2>&1
  check "-o draws an image (> 10 kB)" test "$(stat -c %s "$T/cmp.png" 2>/dev/null || echo 0)" -gt 10000
fi

"$PY" "$SCRIPT" "$T/study.csv" --where protocol=pbft >"$T/pbft.txt" 2>&1
check "--where keeps only the matching rows" \
  sh -c "test \$(grep -cE '^pbft +[0-9]+ ' '$T/pbft.txt') = 5 && ! grep -q '^coordinator-vote ' '$T/pbft.txt'"
"$PY" "$SCRIPT" "$T/study.csv" --where protocol=nothing >"$T/none.txt" 2>&1
check "--where matching nothing is exit 2" sh -c "test $? = 2 && grep -q 'no row matches' '$T/none.txt'"
cut -d, -f1-20 "$T/study.csv" >"$T/short.csv"
"$PY" "$SCRIPT" "$T/short.csv" >"$T/short.txt" 2>&1
check "a CSV without mean_messages is exit 2, naming it" \
  sh -c "test $? = 2 && grep -q \"'mean_messages'\" '$T/short.txt'"
finish
