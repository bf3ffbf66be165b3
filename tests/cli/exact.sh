# `byzsim exact`: rows with method=exact in the run's columns, values that match the
# shipped scenarios' documented figures, and a pointed refusal of what it cannot model.
source "$(dirname "$0")/lib.bash"

"$BIN" exact "$SRC/scenarios/sweeps/sweep-faults-7.json" -o "$T/exact.csv"
check "exact exits 0 and writes one row per sweep point" test "$(($(wc -l <"$T/exact.csv") - 1))" = 8
check "exact rows: method exact, counts empty, lo = hi = p, the run's header" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/exact.csv')))
for r in rows:
    assert r['method'] == 'exact' and r['correct'] == '' and r['wrong'] == ''
    for k in ('correct', 'wrong', 'no_consensus', 'disagreement'):
        assert r['p_'+k] == r['p_'+k+'_lo'] == r['p_'+k+'_hi']
    assert abs(sum(float(r['p_'+k]) for k in ('correct','wrong','no_consensus','disagreement')) - 1) < 1e-12
"
"$BIN" run "$SRC/scenarios/sweeps/sweep-faults-7.json" --trials 10 --quiet -o "$T/sim.csv"
check "exact and run write the same columns" test "$(head -1 "$T/exact.csv")" = "$(head -1 "$T/sim.csv")"
# sweep-faults-7 with K = 3 malicious of 7: a good proposal never gets 5 approvals from 4
# honest agents; a bad one is rejected when at least 3 of the 4 honest (accuracy 0.9) are
# right: P(correct) = 0.5 x (0.9^4 + 4 x 0.9^3 x 0.1) = 0.5 x 0.9477 = 0.47385.
check "K = 3 of 7 oppose-truth: P(correct) = 0.47385 exactly" \
  test "$(csv_get "$T/exact.csv" 3 p_correct)" = 0.47385

"$BIN" exact "$SRC/scenarios/seed/deployment-7.json" -o "$T/no.csv" 2>"$T/err"; code=$?
check "a scenario outside the exact model exits 2" test "$code" = 2
check "the refusal names the agent group and why" grep -q "agents\[0\].*lognormal" "$T/err"
check "and writes no file" test ! -e "$T/no.csv"

# Network settings outside the exact model are refused by pointer, never ignored: with GST at
# 1 h, 4 honest agents' votes arrive after the 5 min round timeout (run: p_correct near 0),
# which an exact model that ignored GST would call p_correct 1.
net_case() {  # net_case NAME NETWORK-JSON
  cat >"$T/$1.json" <<EOF
{"protocol": {"type": "coordinator-vote"}, "trials": 200,
 "agents": [{"role": "honest", "count": 4, "accuracy": 1}], "network": $2}
EOF
  "$BIN" exact "$T/$1.json" >"$T/$1.csv" 2>"$T/$1.err"
}
net_case gst '{"gst": {"at": "1h", "max_delay": "10min"}}'; code=$?
check "exact refuses GST with exit 2" test "$code" = 2
check "naming /network/gst" grep -q "/network/gst" "$T/gst.err"
# Placed like a loader diagnostic: file, then line:column of the "gst" key (line 2 here).
check "at the file's line:column of the setting" grep -q "^$T/gst.json:2:[0-9]*: error: at /network/gst: " "$T/gst.err"
check "and writes no row" test ! -s "$T/gst.csv"
"$BIN" run "$T/gst.json" --quiet >"$T/gst-run.csv"
check "while run simulates it (most trials undecided)" \
  $PY -c "import csv; r = next(csv.DictReader(open('$T/gst-run.csv'))); assert float(r['p_correct']) < 0.5"
net_case partitions '{"partitions": [{"groups": [[0, 1], [2, 3]], "until": "1h"}]}'; code=$?
check "exact refuses partitions naming /network/partitions" \
  test "$code" = 2 -a -n "$(grep /network/partitions "$T/partitions.err")"
net_case links '{"links": [{"from": 0, "to": 1, "factor": 10}]}'; code=$?
check "exact refuses slow links naming /network/links" \
  test "$code" = 2 -a -n "$(grep /network/links "$T/links.err")"
net_case drops '{"drop": 0.1, "latency": {"dist": "constant", "value": "10ms"}}'; code=$?
check "latency and drop stay inside the exact model" test "$code" = 0
# A protocol whose spec says exact does not model it (pbft) is refused by name and pointer.
cat >"$T/pbft.json" <<EOF
{"protocol": {"type": "pbft"}, "trials": 100, "agents": [{"role": "honest", "count": 4}]}
EOF
"$BIN" exact "$T/pbft.json" >"$T/pbft.csv" 2>"$T/pbft.err"; code=$?
check "exact refuses pbft with exit 2, naming /protocol/type and the protocols it models" \
  test "$code" = 2 -a -n "$(grep 'pbft.json:1:[0-9]*: error: at /protocol/type: .*protocol pbft: the exact model covers coordinator-vote and majority' "$T/pbft.err")"
check "and writes no row" test ! -s "$T/pbft.csv"
# A rare event keeps its digits: majority over 59 honest agents (accuracy 0.9) and 2 liars
# decides wrong with probability 2.8e-14, which 12 fixed decimals printed as 0. The JSON rows
# carry the full double; the CSV must agree with them to 12 significant digits.
cat >"$T/rare.json" <<'EOF2'
{"name": "rare-wrong", "protocol": {"type": "majority"},
 "agents": [{"role": "honest", "count": 59, "accuracy": 0.9},
            {"role": "malicious", "count": 2, "strategy": "oppose-truth"}]}
EOF2
"$BIN" exact "$T/rare.json" -o "$T/rare.csv"
"$BIN" exact "$T/rare.json" --format json -o "$T/rare-rows.json"
check "a p_wrong of 2.8e-14 prints non-zero, to 12 significant digits of the JSON value" $PY -c "
import csv, json
row = list(csv.DictReader(open('$T/rare.csv')))[0]
exact = json.load(open('$T/rare-rows.json'))[0]['p_wrong']
p = float(row['p_wrong'])
assert 2.7e-14 < p < 2.9e-14, row['p_wrong']
assert abs(p - exact) <= 5e-12 * exact, (row['p_wrong'], exact)
assert row['p_correct'] == '1', row['p_correct']
"
finish
