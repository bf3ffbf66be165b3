# Output that describes itself (docs/output.md): role columns after corruption, design columns,
# empty trials/seed on exact rows, the sidecar <output>.meta.json, rebuilding a row's scenario
# from the output alone, and --resume refusing a sidecar of other settings.
source "$(dirname "$0")/lib.bash"

sweep="$SRC/scenarios/sweeps/sweep-faults-7.json"
cd "$T" || exit 1

# Role columns: sweep-faults-7 replaces K of 7 honest agents by malicious ones per trial.
"$BIN" run "$sweep" --trials 200 --quiet -o "$T/run.csv"
"$BIN" exact "$sweep" -o "$T/exact.csv"
for f in run exact; do
  check "$f: mean_malicious = K and mean_honest = 7 - K; honest/malicious keep the configured groups" $PY -c "
import csv
for r in csv.DictReader(open('$T/$f.csv')):
    k = int(r['corruption_count'])
    assert float(r['mean_malicious']) == k and float(r['mean_honest']) == 7 - k, r
    assert float(r['mean_faulty']) == 0 and r['malicious'] == '0' and r['honest'] == '7', r
"
done
check "design columns appended after the extras, in the documented order" $PY -c "
import csv
header = next(csv.reader(open('$T/run.csv')))
assert header[-8:] == ['mean_honest', 'mean_malicious', 'mean_faulty', 'approve_quorum',
    'reject_quorum', 'max_rounds', 'set', 'byzsim_version'], header
assert header.index('mean_corrupted') < header.index('mean_honest')
"
check "the rule's resolved quorums and the version are on every row" $PY -c "
import csv
for r in csv.DictReader(open('$T/run.csv')):
    assert (r['approve_quorum'], r['reject_quorum'], r['max_rounds']) == ('5', '3', '1'), r
    assert r['byzsim_version'] == '$("$BIN" --version | cut -d' ' -f2)' and r['set'] == ''
"
check "exact rows leave trials and seed empty; run rows have them" $PY -c "
import csv
assert all(r['trials'] == '' and r['seed'] == '' for r in csv.DictReader(open('$T/exact.csv')))
assert all(r['trials'] == '200' and r['seed'] == '42' for r in csv.DictReader(open('$T/run.csv')))
"
"$BIN" exact "$sweep" --format json -o "$T/exact.json"
check "JSON exact rows carry null trials and seed" $PY -c "
import json
rows = json.load(open('$T/exact.json'))
assert all(r['trials'] is None and r['seed'] is None for r in rows)
assert rows[3]['mean_malicious'] == 3 and rows[0]['approve_quorum'] == 5
"
check "majority rows leave the quorums empty" sh -c "
  '$BIN' run '$SRC/scenarios/seed/majority-4-3-scripted.json' --trials 10 -q -o '$T/maj.csv' &&
  test \"\$($PY -c \"import csv; r = next(csv.DictReader(open('$T/maj.csv'))); print(r['approve_quorum'] + '|' + r['reject_quorum'])\")\" = '|'"

# The sidecar: beside every output file, none for stdout unless --meta.
check "run -o FILE writes FILE.meta.json" test -s "$T/run.csv.meta.json"
check "exact --format json writes its sidecar too" test -s "$T/exact.json.meta.json"
mkdir "$T/so" && (cd "$T/so" && "$BIN" run "$sweep" --trials 20 --quiet >stdout.csv)
check "writing to stdout writes no sidecar" test "$(ls -A "$T/so")" = stdout.csv
"$BIN" run "$sweep" --trials 20 --quiet --meta "$T/side.json" >"$T/stdout2.csv"
check "--meta FILE writes the sidecar of a stdout run" $PY -c "
import json
m = json.load(open('$T/side.json'))
assert m['command_line'][:2] == ['byzsim', 'run'] and m['format'] == 'csv'
assert len(m['scenarios'][0]['points']) == 8
"
"$BIN" run "$sweep" "$SRC/scenarios/seed/deployment-7-scripted.json" --trials 20 --quiet -o "$T/dir/"
check "a directory output gets one sidecar per file" \
  test -s "$T/dir/sweep-faults-7.csv.meta.json" -a -s "$T/dir/deployment-7-scripted.csv.meta.json"

# From the output alone: rebuild point k's scenario and recompute its row exactly.
"$BIN" exact "$sweep" --set /truth/p_good=0.3 --set /agents/0/accuracy=0.8 -o "$T/set.csv"
check "the set column lists every --set in command-line order" test \
  "$(csv_get "$T/set.csv" 0 set)" = "/truth/p_good=0.3;/agents/0/accuracy=0.8"
ok=1
for k in 0 3 6; do
  $PY "$SRC/analysis/byzsim_csv.py" scenario "$T/set.csv" $k >"$T/point$k.json" || ok=0
  "$BIN" exact "$T/point$k.json" -o "$T/point$k.csv" || ok=0
  $PY - "$T/set.csv" "$k" "$T/point$k.csv" <<'PY' || ok=0
import csv, sys
original = list(csv.DictReader(open(sys.argv[1])))[int(sys.argv[2])]
rebuilt = next(csv.DictReader(open(sys.argv[3])))
same = [c for c in rebuilt if c.startswith("p_") or c.startswith("mean_")
        or c in ("scenario", "n", "f", "honest", "malicious", "faulty", "approve_quorum",
                 "reject_quorum", "max_rounds", "expected_cost")]
diff = [(c, original[c], rebuilt[c]) for c in same if original[c] != rebuilt[c]]
assert not diff, diff
PY
done
check "points 0, 3, 6 rebuilt from the sidecar give the same exact rows" test "$ok" = 1
$PY "$SRC/analysis/byzsim_csv.py" scenario "$T/run.csv" 5 >"$T/run5.json"
"$BIN" exact "$T/run5.json" -o "$T/run5.csv"
check "a simulated row's rebuilt scenario has its design (K = 5 malicious of 7)" $PY -c "
import csv
r = next(csv.DictReader(open('$T/run5.csv')))
assert (r['mean_malicious'], r['mean_honest'], r['approve_quorum']) == ('5', '2', '5'), r
"

# --resume checks the sidecar: same rows identity (name, point, trials, seed) but other
# settings must be refused, not continued.
args=(--trials 50 --quiet)
"$BIN" run "$sweep" "${args[@]}" --set /truth/p_good=0.3 -o "$T/r.csv"
head -4 "$T/r.csv" >"$T/r.part" && mv "$T/r.part" "$T/r.csv"
"$BIN" run "$sweep" "${args[@]}" --set /truth/p_good=0.4 -o "$T/r.csv" --resume 2>"$T/r.err"; code=$?
check "--resume with another --set is refused (exit 2)" test "$code" = 2
check "the refusal names the sidecar and the difference" grep -q "r.csv.meta.json.*other settings.*p_good" "$T/r.err"
check "and leaves the file as it was" test "$(wc -l <"$T/r.csv")" = 4
cp "$sweep" "$T/edited.json"
"$BIN" run "$T/edited.json" "${args[@]}" -o "$T/e.csv"
head -3 "$T/e.csv" >"$T/e.part" && mv "$T/e.part" "$T/e.csv"
sed -i 's/"accuracy": 0.9/"accuracy": 0.8/' "$T/edited.json"
"$BIN" run "$T/edited.json" "${args[@]}" -o "$T/e.csv" --resume 2>"$T/e.err"; code=$?
check "--resume after the scenario file was edited is refused (exit 2)" test "$code" = 2
sed -i 's/"accuracy": 0.8/"accuracy": 0.9/' "$T/edited.json"
$PY -c "
import json
m = json.load(open('$T/e.csv.meta.json')); m['byzsim_version'] = '0.0.1'
json.dump(m, open('$T/e.csv.meta.json', 'w'))"
"$BIN" run "$T/edited.json" "${args[@]}" -o "$T/e.csv" --resume 2>"$T/v.err"; code=$?
check "--resume of another byzsim version's output is refused" sh -c "test $code = 2 && grep -q byzsim_version '$T/v.err'"
"$BIN" run "$sweep" "${args[@]}" --set /truth/p_good=0.3 -o "$T/full.csv"
"$BIN" run "$sweep" "${args[@]}" --set /truth/p_good=0.3 -o "$T/r.csv" --resume
check "--resume with the same settings completes the file" cmp -s "$T/full.csv" "$T/r.csv"
check "and its sidecar is the full run's, columns included" $PY -c "
import json
a = json.load(open('$T/full.csv.meta.json')); b = json.load(open('$T/r.csv.meta.json'))
assert a['columns'] == b['columns'] and a['scenarios'] == b['scenarios']
"

# The sidecar's "columns": every column of the file, in order, with a kind and a meaning. A
# sidecar written before it had them (no "columns") is still resumed, and rewritten with them.
check "run: the sidecar's columns are the CSV header, each with a kind and a description" $PY -c "
import csv, json
columns = json.load(open('$T/run.csv.meta.json'))['columns']
assert [c['name'] for c in columns] == next(csv.reader(open('$T/run.csv')))
assert all(c['kind'] in ('fixed', 'axis', 'count', 'rate', 'interval', 'mean', 'quantile')
           and c['description'] for c in columns), columns
assert {c['name']: c['kind'] for c in columns}['corruption_count'] == 'axis'
"
check "exact --format json: the sidecar's columns are each row's keys" $PY -c "
import json
columns = [c['name'] for c in json.load(open('$T/exact.json.meta.json'))['columns']]
assert all(list(row) == columns for row in json.load(open('$T/exact.json')))
"
"$BIN" run "$sweep" "${args[@]}" -o "$T/old.csv"
head -4 "$T/old.csv" >"$T/old.part" && mv "$T/old.part" "$T/old.csv"
$PY -c "
import json
m = json.load(open('$T/old.csv.meta.json')); del m['columns']
json.dump(m, open('$T/old.csv.meta.json', 'w'), indent=2)"
"$BIN" run "$sweep" "${args[@]}" -o "$T/old.csv" --resume 2>"$T/old.err"; code=$?
check "--resume of an output whose sidecar has no 'columns' is accepted" test "$code" = 0
"$BIN" run "$sweep" "${args[@]}" -o "$T/old-full.csv"
check "and completes the file" cmp -s "$T/old-full.csv" "$T/old.csv"
check "and rewrites the sidecar with its columns" $PY -c "
import json
a = json.load(open('$T/old-full.csv.meta.json')); b = json.load(open('$T/old.csv.meta.json'))
assert 'columns' in b and a['columns'] == b['columns']
"
finish
