# `byzsim run`, `validate` and `trace` as a user drives them: output, determinism, errors.
source "$(dirname "$0")/lib.bash"

seed="$SRC/scenarios/seed/deployment-7-scripted.json"
"$BIN" run "$seed" -o "$T/a.csv" --quiet
check "run exits 0 and writes the CSV" test -s "$T/a.csv"
check "header starts with the contract's columns" \
  grep -q '^scenario,point,protocol,n,f,honest,malicious,faulty,trials,seed,method,correct,wrong,no_consensus,disagreement,p_correct,p_correct_lo,p_correct_hi,p_wrong,p_wrong_lo,p_wrong_hi,p_no_consensus,p_no_consensus_lo,p_no_consensus_hi,p_disagreement,p_disagreement_lo,p_disagreement_hi,mean_rounds,mean_latency_s,p99_latency_s,mean_messages' "$T/a.csv"
check "the seed's 7-reviewer example is correct in every trial" \
  test "$(csv_get "$T/a.csv" 0 correct)" = "$(csv_get "$T/a.csv" 0 trials)"

stoch="$SRC/scenarios/seed/deployment-7.json"
"$BIN" run "$stoch" --trials 4000 --threads 1 -o "$T/t1.csv" --quiet
"$BIN" run "$stoch" --trials 4000 --threads 2 -o "$T/t2.csv" --quiet
"$BIN" run "$stoch" --trials 4000 --threads 8 -o "$T/t8.csv" --quiet
check "same bytes with --threads 1, 2 and 8" cmp -s "$T/t1.csv" "$T/t2.csv"
check "same bytes with --threads 1 and 8" cmp -s "$T/t1.csv" "$T/t8.csv"
"$BIN" run "$stoch" --trials 4000 --seed 99 -o "$T/s99.csv" --quiet
check "a different seed gives different rows" sh -c "! cmp -s '$T/t1.csv' '$T/s99.csv'"
"$BIN" run "$stoch" --trials 4000 --threads 1 --quiet >"$T/stdout.csv"
check "stdout output equals the file output" cmp -s "$T/t1.csv" "$T/stdout.csv"

"$BIN" run "$stoch" --trials 500 --format json -o "$T/r.json" --quiet
check "--format json writes an array of rows with the CSV's columns" $PY -c "
import json, sys
rows = json.load(open('$T/r.json'))
assert len(rows) == 1 and rows[0]['trials'] == 500 and rows[0]['method'] == 'sim'
assert abs(rows[0]['p_correct'] + rows[0]['p_wrong'] + rows[0]['p_no_consensus'] + rows[0]['p_disagreement'] - 1) < 1e-9
"

# --set and --vary
"$BIN" run "$seed" --set /protocol/approve_quorum=6 -o "$T/set.csv" --quiet
check "--set changes the scenario (quorum 6 of 5 approvals: no approval)" \
  test "$(csv_get "$T/set.csv" 0 correct)" = 0
"$BIN" run "$seed" --vary /agents/0/count=4:6 -o "$T/vary.csv" --quiet
check "--vary adds one row per value with the pointer as a column" \
  test "$(csv_get "$T/vary.csv" 2 agents_0_count)" = 6
check "--vary rows derive n from the swept count (2 agents become 4: n = 9)" test "$(csv_get "$T/vary.csv" 0 n)" = 9

# errors: exit 2, message with file:line:column and pointer, existing output untouched
sed 's/"coordinator-vote"/"coordinator-vot"/' "$seed" >"$T/typo.json"
echo keep >"$T/out.csv"
"$BIN" run "$T/typo.json" -o "$T/out.csv" --quiet 2>"$T/err"; code=$?
check "a bad protocol name exits 2" test "$code" = 2
check "the message names the JSON pointer" grep -q "/protocol/type" "$T/err"
check "the message names file:line:column" grep -q "typo.json:[0-9]*:[0-9]*" "$T/err"
check "the message suggests the valid name" grep -q "coordinator-vote" "$T/err"
check "the existing output is untouched" test "$(cat "$T/out.csv")" = keep
"$BIN" run "$T/missing.json" --quiet 2>"$T/err2"; code=$?
check "a missing file exits 2" test "$code" = 2
"$BIN" run "$seed" --frobnicate 2>"$T/err3"; code=$?
check "an unknown option exits 2" test "$code" = 2

# validate
"$BIN" validate "$SRC"/scenarios/seed/*.json "$SRC"/scenarios/sweeps/*.json >"$T/v.out" 2>&1
check "every shipped scenario validates" test $? = 0
"$BIN" validate "$seed" "$T/typo.json" >"$T/v2.out" 2>&1; code=$?
check "validate exits 2 when any file is invalid" test "$code" = 2

# trace replays what run simulated
"$BIN" run "$stoch" --trials 20 --threads 2 --format json -o "$T/small.json" --quiet
wrong=0; correct=0; nc=0
for trial in $(seq 0 19); do
  outcome=$("$BIN" trace "$stoch" --trial "$trial" --format json | $PY -c "import json,sys; print(json.load(sys.stdin)['outcome'])")
  case "$outcome" in correct) correct=$((correct+1));; wrong) wrong=$((wrong+1));; no_consensus) nc=$((nc+1));; esac
done
check "trace of every trial reproduces run's counts" $PY -c "
import json
r = json.load(open('$T/small.json'))[0]
assert (r['correct'], r['wrong'], r['no_consensus']) == ($correct, $wrong, $nc), (r, $correct, $wrong, $nc)
"
"$BIN" trace "$stoch" --trial 3 >"$T/trace.txt"
check "a text trace shows the proposal, votes and the decision" \
  sh -c "grep -q PROPOSAL '$T/trace.txt' && grep -q VOTE '$T/trace.txt' && grep -q '# outcome' '$T/trace.txt'"

# bench measures every protocol the registry marks for it, at the sizes asked (figures are not
# checked: speed lives in the benchmark's own output, never in tests).
"$BIN" bench --seconds 0.01 --n 4 --protocol-n 4 7 >"$T/bench.txt"
check "bench: a pbft line at each --protocol-n size" \
  sh -c "test \$(grep -c '^pbft, f oppose-truth.* 4 \\|^pbft, f oppose-truth.* 7 ' '$T/bench.txt') = 2"
check "bench: the n = 1000 pbft trial ran" grep -q "pbft, wall time of that trial" "$T/bench.txt"

for c in run exact validate trace merge bench; do
  check "$c --help exits 0" "$BIN" $c --help >/dev/null
done
finish
