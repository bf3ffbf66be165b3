# The Byzantine Generals from the command line (issue 13): byzsim check's verdicts on the
# shipped paper cases, its witness replayed by the printed trace command, its refusals, the
# loader's refusal of an exploding message count, and run's ic2 columns.
source "$(dirname "$0")/lib.bash"
G=$SRC/scenarios/generals
cd "$T"

verdict() {  # verdict FILE IC1 IC2: check's two lines say "can fail" / "cannot fail"
  "$BIN" check "$G/$1.json" >"$T/$1.out" 2>"$T/$1.err" &&
    grep -q "^IC1 (loyal lieutenants agree): $2\$" "$T/$1.out" &&
    grep -q "^IC2 (a loyal commander is obeyed): $3\$" "$T/$1.out"
}
check "OM(1), n = 4, one traitor: neither IC1 nor IC2 can fail" verdict om-4-m1 "cannot fail" "cannot fail"
check "OM(1), n = 3, one traitor: IC2 can fail" verdict om-3-m1 "cannot fail" "can fail"
check "OM(2), n = 7, two traitors: none" verdict om-7-m2 "cannot fail" "cannot fail"
check "OM(1), n = 6, two traitors: IC1 can fail" verdict om-6-m1-two-traitors "can fail" "cannot fail"
check "SM(1), n = 3, one traitor: none" verdict sm-3-m1 "cannot fail" "cannot fail"
check "SM(2), n = 4, two traitors: none" verdict sm-4-m2 "cannot fail" "cannot fail"
check "check reports the cases it covered" grep -q "^cases checked: 2200096997376 traitor assignments in 3 placements" "$T/om-7-m2.out"

# The witness's replay command, run exactly as printed (it names the binary check ran as): the
# trial it shows breaks what check said, and it warns of nothing (no "--set replaces the sweep
# axis": om-3-m1 sweeps the commander the replay sets).
replay() {  # replay NAME KIND OUTCOME
  local cmd
  cmd=$(grep -A2 "^witness ($2)" "$T/$1.out" | sed -n 's/^  replay: //p')
  [ -n "$cmd" ] && case "$cmd" in "$BIN trace "* | "'$BIN' trace "*) ;; *) return 1 ;; esac &&
    (eval "$cmd") >"$T/$1.trace" 2>"$T/$1.trace.err" &&
    grep -q "^# outcome: $3," "$T/$1.trace" && test ! -s "$T/$1.trace.err"
}
check "the IC2 witness of n = 3 replays: the loyal lieutenant retreats from an attack" replay om-3-m1 IC2 wrong
check "the IC1 witness of n = 6 replays: the loyal lieutenants disagree" replay om-6-m1-two-traitors IC1 disagreement
# check searches point 0 of what it was given; the replay rebuilds that point (the --vary'd
# value, the user's --set) without a sweep, so it still replays and warns of nothing.
"$BIN" check "$G/om-3-m1.json" --vary /seed=7,8 --set /trials=5 >"$T/om-3-varied.out" 2>"$T/om-3-varied.err"
check "a witness of check --vary/--set replays as printed, warning of nothing" replay om-3-varied IC2 wrong
check "... its command restates the point's value and the --set" \
  grep -q "replay: .* --set /sweep={} --set /trials=5 --set /seed=7 --set /protocol/commander=0" "$T/om-3-varied.out"

"$BIN" check "$G/om-7-m2.json" --set /agents/0/count=9 >"$T/big.out" 2>"$T/big.err"; code=$?
check "check refuses n above its bound with exit 2" test "$code" = 2
check "and says how many assignments it would need" grep -q "n = 11, m = 2 would need" "$T/big.err"
"$BIN" check "$SRC/scenarios/pbft/tightness-4.json" >"$T/pbft.out" 2>"$T/pbft.err"; code=$?
check "check refuses a protocol other than om and sm with exit 2" test "$code" = 2

"$BIN" run "$G/om-7-m2.json" --set /agents/0/count=40 --set /protocol/m=4 -o "$T/huge.csv" 2>"$T/huge.err"; code=$?
check "run refuses an exploding message count with exit 2 and writes nothing" test "$code" = 2 -a ! -e "$T/huge.csv"
check "naming the pointer, the estimate and the limit" grep -q "at /protocol/m: m = 4 with n = 42 sends 9.24e+07 messages per trial.*limit of 1e+06.*accepted: m from 0 to 2 for n = 42" "$T/huge.err"

"$BIN" run "$G/om-3-m1.json" --trials 2000 --quiet -o "$T/om3.csv"
check "run: n = 3 breaks IC2 in the trials where the loyal commander attacks" $PY -c "
import csv
r = list(csv.DictReader(open('$T/om3.csv')))[0]
assert int(r['ic2_violations']) == int(r['wrong']) > 800, r
assert abs(float(r['p_ic2_violation']) - int(r['ic2_violations']) / 2000) < 1e-12
assert float(r['mean_messages']) == 4  # (n-1) + (n-1)(n-2)
"
finish
