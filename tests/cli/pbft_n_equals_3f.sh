# pbft at n = 3f (docs/pbft.md, "n = 3f"): what the shipped
# files scenarios/pbft/n-equals-3f.json (traitors are agents 0..f-1) and n-equals-3f-random.json
# (traitors at random positions) show, at n = 6 and n = 21, with fewer trials than the files.
#  - safe quorums 2f+1, traitors first: equivocators never let anyone decide; colluders make every
#    honest agent commit the wrong value in a fraction of the trials; no disagreement;
#  - traitors at random positions: equivocators no longer always block (decisions happen);
#  - live quorums n-f: honest agents split only in the trials where both certificates exist, and
#    in every trial when they always exist.
# Confidence: the p_wrong (p_correct) bounds below are 95% Wilson lower bounds on 400 trials; the
# files' 2000-trial rates are 0.19-0.39 (0.18-0.33), so a bound of 0.1 is far inside them.
source "$(dirname "$0")/lib.bash"

# rows FILE EXPR: EXPR (Python) holds for every row r of FILE (a csv.DictReader row), with
# num(x) = float(x) and strat = the row's Byzantine strategy.
rows() {
  $PY - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows, "no rows"
num = float
for r in rows:
    # The strategy axis, unnamed: its column is named from its pointer.
    strat = r.get('agents_0_strategy') or r.get('corruption_strategy')
    assert strat, ("no strategy column", list(r))
    assert eval(sys.argv[2]), (sys.argv[2], r)
PY
}

first="$SRC/scenarios/pbft/n-equals-3f.json"
random="$SRC/scenarios/pbft/n-equals-3f-random.json"
for traitors in 2 7; do
  n=$((3 * traitors))
  "$BIN" run "$first" --set /agents/0/count=$traitors --trials 400 --quiet -o "$T/first-$n.csv" 2>/dev/null
  check "n = $n, quorum 2f+1, traitors first: 2 rows, f = $traitors" \
    rows "$T/first-$n.csv" "r['n'] == '$n' and r['f'] == '$traitors' and r['safety_violations'] == '0'"
  check "n = $n: equivocators: no decision in any trial, no honest commit" \
    rows "$T/first-$n.csv" "strat != 'equivocate' or (r['no_consensus'] == r['trials'] and num(r['p_honest_decided']) == 0)"
  check "n = $n: colluders: wrong decisions (95% lower bound > 0.1), no disagreement" \
    rows "$T/first-$n.csv" "strat != 'collude' or (int(r['wrong']) > 0 and num(r['p_wrong_lo']) > 0.1 and r['disagreement'] == '0' and r['correct'] == '0')"
  check "n = $n: colluders: in a wrong trial every honest agent commits the wrong value" \
    rows "$T/first-$n.csv" "strat != 'collude' or abs(num(r['p_honest_decided']) - num(r['p_wrong'])) < 1e-9"

  "$BIN" run "$random" --set /agents/0/count=$n --trials 400 --quiet -o "$T/random-$n.csv" 2>/dev/null
  check "n = $n, traitors at random positions: equivocators let honest agents decide (95% lower bound > 0.1)" \
    rows "$T/random-$n.csv" "strat != 'equivocate' or num(r['p_correct_lo']) > 0.1"
  check "n = $n, random positions: colluders push wrong decisions; no disagreement for either" \
    rows "$T/random-$n.csv" "r['n'] == '$n' and r['f'] == '$traitors' and r['disagreement'] == '0' and (strat != 'collude' or num(r['p_wrong_lo']) > 0.1)"

  "$BIN" run "$first" --set /agents/0/count=$traitors --set "/protocol/prepare_quorum=$((2 * traitors))" \
    --set "/protocol/commit_quorum=$((2 * traitors))" --trials 400 --quiet -o "$T/live-$n.csv" 2>/dev/null
  check "n = $n, live quorums n-f: every trial decides, some split, far from all (95% upper bound < 0.5)" \
    rows "$T/live-$n.csv" "r['no_consensus'] == '0' and int(r['disagreement']) > 0 and num(r['p_disagreement_hi']) < 0.5"
done

# Both certificates in every trial: a good proposal, 3 honest approvals and 1 honest rejection
# (accuracy 0), traitors first. Live quorums split every trial; the safe quorum keeps
# equivocators from any decision, and lets colluders carry the wrong value in every trial.
cat >"$T/both.json" <<'EOF'
{ "name": "both-certificates", "seed": 5, "trials": 100, "truth": "good",
  "protocol": { "type": "pbft", "f": 2, "round_timeout": "1s", "view_timeout": "2s" },
  "agents": [
    { "role": "malicious", "count": 2, "strategy": "equivocate" },
    { "role": "honest", "count": 3, "accuracy": 1.0 },
    { "role": "honest", "count": 1, "accuracy": 0.0 } ],
  "network": { "latency": { "dist": "uniform", "min": "5ms", "max": "50ms" } } }
EOF
"$BIN" run "$T/both.json" --vary /agents/0/strategy=equivocate,collude --set /protocol/prepare_quorum=4 \
  --set /protocol/commit_quorum=4 --quiet -o "$T/both-live.csv" 2>/dev/null
check "both certificates, quorums n-f = 4: every trial splits the honest agents" \
  rows "$T/both-live.csv" "r['disagreement'] == r['trials'] == '100'"
"$BIN" run "$T/both.json" --vary /agents/0/strategy=equivocate,collude --quiet -o "$T/both-safe.csv" 2>/dev/null
check "both certificates, quorum 2f+1 = 5: equivocators never decide, colluders always wrong" \
  rows "$T/both-safe.csv" "r[{'equivocate': 'no_consensus', 'collude': 'wrong'}[strat]] == r['trials'] == '100'"
finish
