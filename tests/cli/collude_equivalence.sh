# `collude` under coordinator-vote and majority equals `oppose-truth` (docs/model.md, "Why collude
# equals oppose-truth under threshold votes"): voting the wrong value is, for every realisation of
# the other votes, at least as harmful as any other choice, so the planner always picks it, and
# neither strategy draws a random number of its own. Same seed, same scenario: every column but
# the `set` column (which records the --set) is byte-identical, across quorums, retries
# (with and without rejudging), drops, think times, crashes, flips and corruption. Under pbft,
# where the coalition can lead and split the honest agents, the two differ from b = f+1 on.
source "$(dirname "$0")/lib.bash"

# same_rows A.csv B.csv: the same header and, column by column, the same fields except `set`.
same_rows() {
  $PY - "$1" "$2" <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1], newline='')))
b = list(csv.reader(open(sys.argv[2], newline='')))
assert a[0] == b[0] and len(a) == len(b) and len(a) > 1, "different shapes"
keep = [i for i, c in enumerate(a[0]) if c != 'set']
for ra, rb in zip(a[1:], b[1:]):
    assert [ra[i] for i in keep] == [rb[i] for i in keep], (ra, rb)
PY
}

# Both protocols, 1 or 3 rounds, rejudge on and off, drops 0 and 0.2, 1, 2 or 4 liars among 3
# or 6 honest reviewers (accuracy 0.85, exponential think times around the 5 min timeout, so
# votes miss rounds too), and a faulty flipper: 48 points.
cat >"$T/grid.json" <<'EOF'
{ "name": "grid", "seed": 11, "trials": 1500, "truth": { "p_good": 0.5 },
  "protocol": { "type": "coordinator-vote", "max_rounds": 2, "round_timeout": "5min" },
  "agents": [
    { "role": "honest", "count": 6, "accuracy": 0.85,
      "think_time": { "dist": "exponential", "mean": "3min" } },
    { "role": "malicious", "count": 2, "strategy": "oppose-truth" },
    { "role": "faulty", "count": 1, "strategy": "flip", "p": 0.3 } ],
  "network": { "latency": { "dist": "uniform", "min": "5ms", "max": "50ms" }, "drop": 0.05 } }
EOF
axes=(--vary /protocol/type=coordinator-vote,majority --vary /agents/0/count=3,6
  --vary /agents/1/count=1,2,4 --vary /protocol/max_rounds=1,3 --vary /protocol/rejudge=false,true
  --vary /network/drop=0,0.2 --quiet)
"$BIN" run "$T/grid.json" "${axes[@]}" -o "$T/grid-oppose.csv"
"$BIN" run "$T/grid.json" "${axes[@]}" --set /agents/1/strategy=collude -o "$T/grid-collude.csv"
check "coordinator-vote and majority grid (96 points): collude rows = oppose-truth rows" \
  same_rows "$T/grid-oppose.csv" "$T/grid-collude.csv"
# The grid is not degenerate: it has wrong decisions and no-consensus trials to change.
check "the grid has wrong and undecided trials" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/grid-oppose.csv')))
assert len(rows) == 96
assert sum(int(r['wrong']) > 0 for r in rows) >= 90 and sum(int(r['no_consensus']) > 0 for r in rows) >= 60
"

# Quorums far from the defaults (an approve quorum below the reject quorum included), corruption
# replacing 0..6 honest agents per trial, and a faulty reviewer crashing at a random time.
cat >"$T/quorums.json" <<'EOF'
{ "name": "quorums", "seed": 3, "trials": 1500, "truth": { "p_good": 0.4 },
  "protocol": { "type": "coordinator-vote", "f": 2, "approve_quorum": 5, "reject_quorum": 3,
                "max_rounds": 3, "round_timeout": "5min", "rejudge": true },
  "agents": [
    { "role": "honest", "count": 6, "accuracy": 0.75,
      "think_time": { "dist": "lognormal", "median": "2min", "sigma": 1.0 } },
    { "role": "faulty", "count": 1, "strategy": "crash",
      "at": { "dist": "uniform", "min": "0s", "max": "6min" } } ],
  "network": { "latency": { "dist": "uniform", "min": "5ms", "max": "50ms" }, "drop": 0.1 },
  "corruption": { "count": "0:3", "role": "malicious", "strategy": "oppose-truth" } }
EOF
qaxes=(--vary /protocol/approve_quorum=2,4,7 --vary /protocol/reject_quorum=1,3,7
  --vary /corruption/count=0:1,1:3,3:6 --quiet)
"$BIN" run "$T/quorums.json" "${qaxes[@]}" -o "$T/q-oppose.csv"
"$BIN" run "$T/quorums.json" "${qaxes[@]}" --set /corruption/strategy=collude -o "$T/q-collude.csv"
check "quorum and corruption grid (27 points): collude rows = oppose-truth rows" \
  same_rows "$T/q-oppose.csv" "$T/q-collude.csv"

# The comparison can fail: a strategy that is really different (random) changes the rows.
"$BIN" run "$T/quorums.json" "${qaxes[@]}" --set /corruption/strategy=random -o "$T/q-random.csv"
differ() { ! same_rows "$1" "$2" 2>/dev/null; }
check "a different strategy (random) gives different rows" differ "$T/q-oppose.csv" "$T/q-random.csv"

# pbft: with b = f+1 = 2 of n = 4 (scenarios/pbft/sweep-b-4.json, point b = 2) colluders split
# the honest agents where oppose-truth liars never do; with b <= f the outcome counts agree.
for s in oppose-truth collude; do
  "$BIN" run "$SRC/scenarios/pbft/sweep-b-4.json" --set /corruption/strategy=$s --trials 400 \
    --quiet -o "$T/pbft-$s.csv" 2>/dev/null
done
check "pbft, b = f+1: colluders cause disagreements, oppose-truth none" $PY -c "
import csv
o = list(csv.DictReader(open('$T/pbft-oppose-truth.csv')))
c = list(csv.DictReader(open('$T/pbft-collude.csv')))
assert o[2]['corruption_count'] == c[2]['corruption_count'] == '2'
assert int(o[2]['disagreement']) == 0 and int(c[2]['disagreement']) > 0
"
check "pbft, b <= f: the same outcome counts" $PY -c "
import csv
o = list(csv.DictReader(open('$T/pbft-oppose-truth.csv')))
c = list(csv.DictReader(open('$T/pbft-collude.csv')))
for b in (0, 1):
    assert [o[b][k] for k in ('correct', 'wrong', 'no_consensus', 'disagreement')] == \
           [c[b][k] for k in ('correct', 'wrong', 'no_consensus', 'disagreement')]
"
finish
