# bracha from the command line (docs/bracha.md): the shipped scenarios' headline results with
# fewer trials, exit 2 with the loader's pointed messages for what bracha refuses, and traces
# in the summary and mermaid formats.
source "$(dirname "$0")/lib.bash"

# rows FILE EXPR: EXPR (Python) holds for every row r of FILE, with num(x) = float(x).
rows() {
  $PY - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows, "no rows"
num = float
for r in rows:
    assert eval(sys.argv[2]), (sys.argv[2], r)
PY
}

S="$SRC/scenarios/bracha"
"$BIN" run "$S/unanimous-7.json" --trials 200 -q -o "$T/unanimous.csv"
check "unanimous inputs: correct in every trial, all in round 1, no coin" \
  rows "$T/unanimous.csv" "r['p_correct'] == '1' and r['p_decide_round_1'] == '1' and r['mean_coin_flips'] == '0'"
"$BIN" run "$S/split-7.json" --trials 300 -q -o "$T/split.csv"
check "split inputs: every honest agent decides, no disagreement, some later rounds" \
  rows "$T/split.csv" "r['p_honest_decided'] == '1' and r['disagreement'] == '0' and num(r['p_decide_round_1']) < 1"
"$BIN" run "$S/byzantine-b-equals-f-7.json" --trials 100 -q -o "$T/bf.csv"
check "b = f of every accepted strategy: no disagreement, violation or invalid decision" \
  rows "$T/bf.csv" "r['disagreement'] == '0' and r['safety_violations'] == '0' and r['invalid_decisions'] == '0'"

# refused: exit 2, the message at the pointer.
refused() {  # refused NAME JSON POINTER WORDS
  printf '%s' "$2" >"$T/$1.json"
  "$BIN" run "$T/$1.json" -q >/dev/null 2>"$T/$1.err"
  local rc=$?
  [ "$rc" = 2 ] && grep -q "error: at $3: .*$4" "$T/$1.err"
}
check "n <= 3f is refused at /protocol/f" refused three-f \
  '{"protocol": {"type": "bracha", "f": 2}, "agents": [{"role": "honest", "count": 6}]}' \
  /protocol/f "bracha needs n > 3f"
check "rejudge is refused" refused rejudge \
  '{"protocol": {"type": "bracha", "rejudge": true}, "agents": [{"role": "honest", "count": 4}]}' \
  /protocol/rejudge "does not apply to bracha"
check "an unknown phase is refused" refused phase \
  '{"protocol": {"type": "bracha"}, "agents": [{"role": "honest", "count": 5}, {"role": "malicious", "count": 2, "strategy": "drop-phase", "phases": ["commit"]}]}' \
  /agents/1/phases/0 "unknown phase 'commit' of protocol bracha"
check "a size beyond the memory limit is refused at /agents" refused big \
  '{"protocol": {"type": "bracha"}, "agents": [{"role": "honest", "count": 400}]}' \
  /agents "needs about"

"$BIN" trace "$S/unanimous-4.json" --point 0 --trial 0 --format summary >"$T/summary.txt" 2>&1
check "trace summary: four decisions, no equivocation in an honest run" \
  bash -c "grep -q 'decisions: .*agent 3' '$T/summary.txt' && ! grep -q equivocation '$T/summary.txt'"
"$BIN" trace "$S/unanimous-4.json" --point 0 --trial 0 --format mermaid >"$T/trace.mmd" 2>&1
check "trace mermaid: a sequence diagram with the broadcast's messages" \
  bash -c "head -1 '$T/trace.mmd' | grep -q sequenceDiagram && grep -q 'ECHO s1/a0' '$T/trace.mmd' && grep -q 'READY s3' '$T/trace.mmd'"
finish
