# Importance sampling from the command line (docs/rare-events.md): the same bytes for any thread
# count and shard split, --resume, trace shows a trial's weight, a timing-only scenario is
# flagged with a warning, --rare, pointed refusals, and rare rates printed with their digits.
source "$(dirname "$0")/lib.bash"

S=$SRC/scenarios/rare/majority-31.json
"$BIN" run "$S" --quiet --threads 1 -o "$T/t1.csv"
"$BIN" run "$S" --quiet --threads 3 -o "$T/t3.csv"
check "importance rows: the same bytes with 1 and 3 threads" cmp -s "$T/t1.csv" "$T/t3.csv"
check "importance rows say estimator=importance, status ok, p_wrong near the exact 6.85e-9" $PY -c "
import csv
r = next(csv.DictReader(open('$T/t1.csv')))
assert r['estimator'] == 'importance' and r['importance_status'] == 'ok', r
p, se = float(r['p_wrong']), float(r['p_wrong_se'])
assert abs(p - 6.85120307398e-09) <= 4 * se and float(r['p_wrong_rel_err']) <= 0.1, (p, se)
assert float(r['p_wrong_lo']) < p < float(r['p_wrong_hi'])
assert r['mean_rounds'] == '', 'means of tilted trials are left empty'
"

# Two points (a sweep), shards merged: the same file as one run.
"$BIN" run "$S" --vary /agents/0/count=29,31 --quiet -o "$T/all.csv"
"$BIN" run "$S" --vary /agents/0/count=29,31 --quiet --shard 1/2 -o "$T/s1.csv"
"$BIN" run "$S" --vary /agents/0/count=29,31 --quiet --shard 2/2 -o "$T/s2.csv"
"$BIN" merge "$T/s1.csv" "$T/s2.csv" -o "$T/merged.csv" 2>"$T/merge.err"
check "shards merged give the bytes of one run" cmp -s "$T/all.csv" "$T/merged.csv"
head -2 "$T/all.csv" >"$T/resume.csv"
"$BIN" run "$S" --vary /agents/0/count=29,31 --quiet --resume -o "$T/resume.csv"
check "--resume completes an importance run to the same bytes" cmp -s "$T/all.csv" "$T/resume.csv"

"$BIN" trace "$S" --point 0 --trial 3 >"$T/trace.txt"
check "trace replays a weighted trial and shows its weight" grep -q "likelihood ratio w = " "$T/trace.txt"

"$BIN" run "$SRC/scenarios/rare/timing-alone.json" --quiet >"$T/timing.csv" 2>"$T/timing.err"
check "a wrong outcome from timing alone: the row is flagged" grep -q "degenerate: pilot found no wrong trial" "$T/timing.csv"
check "and stderr warns" grep -q "warning: .*importance sampling failed" "$T/timing.err"

"$BIN" run "$SRC/scenarios/seed/financial-10.json" --rare --trials 200 --quiet >"$T/rare.csv" 2>"$T/rare.err"
check "--rare turns a plain scenario into importance rows" grep -q ",importance," "$T/rare.csv"
"$BIN" run "$SRC/scenarios/seed/payment-10-scripted.json" --rare --quiet >"$T/no.csv" 2>"$T/no.err"; code=$?
check "--rare on a scenario with nothing to tilt exits 2" test "$code" = 2
check "naming the file and why" grep -q "payment-10-scripted.json: point 0: importance sampling cannot be used" "$T/no.err"

bad() {  # bad NAME ESTIMATOR-JSON: must be refused with exit 2
  sed "s|\"estimator\": { \"type\": \"importance\" }|\"estimator\": $2|" "$S" >"$T/$1.json"
  "$BIN" run "$T/$1.json" --quiet >"$T/$1.csv" 2>"$T/$1.err"
}
bad type '{ "type": "importanse" }'; code=$?
check "an unknown estimator type exits 2" test "$code" = 2
check "with line:column, pointer and the accepted types" \
  grep -q "$T/type.json:[0-9]*:[0-9]*: error: at /estimator/type: unknown estimator type 'importanse'.*importance" "$T/type.err"
bad tilt '{ "type": "importance", "tilt": { "judgement": 1.5 } }'; code=$?
check "a tilt outside (0, 1) exits 2" test "$code" = 2
check "naming the tilt's pointer" grep -q "/estimator/tilt/judgement" "$T/tilt.err"
sed 's|"accuracy": 0.9|"accuracy": 1|' "$S" >"$T/flat.json"
"$BIN" run "$T/flat.json" --quiet >"$T/flat.csv" 2>"$T/flat.err"; code=$?
check "importance sampling with nothing to tilt exits 2" test "$code" = 2
check "pointing at /estimator/type" grep -q "/estimator/type: importance sampling cannot be used" "$T/flat.err"

# A p_wrong of about 3e-14 keeps at least 6 significant digits in exact and in run rows.
sed 's|"count": 31, "accuracy": 0.9|"count": 25, "accuracy": 0.97|' "$S" >"$T/tiny.json"
"$BIN" exact "$T/tiny.json" >"$T/tiny-exact.csv"
"$BIN" run "$T/tiny.json" --quiet >"$T/tiny-run.csv"
check "p_wrong ~ 6e-14 printed with >= 6 significant digits by exact and run" $PY -c "
import csv, re
for f in ('$T/tiny-exact.csv', '$T/tiny-run.csv'):
    v = next(csv.DictReader(open(f)))['p_wrong']
    digits = re.sub(r'e.*', '', v).replace('.', '').lstrip('0')
    assert 1e-14 < float(v) < 1e-13 and len(digits) >= 6, (f, v)
"
# plan: a pbft target of 1e-6 is below what 200,000 counted trials can show; importance sampling
# answers it and the method column says so.
"$BIN" plan "$SRC/scenarios/plans/pbft-rare.json" -o "$T/plan.csv" 2>"$T/plan.err"
check "plan answers a pbft question with target 1e-6" grep -q "^Cheapest design meeting p_wrong <= 1e-06.*n = 13" "$T/plan.err"
check "and says how" grep -q "by importance sampling" "$T/plan.err"
check "every design's method is importance" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/plan.csv')))
assert rows and all(r['method'] == 'importance' for r in rows), [r['method'] for r in rows]
"
finish
