# hotstuff under a schedule with twins (docs/hotstuff.md, "Under a schedule (twins)"): the
# witness schedule of the planted bug "no-lock-check" replays with `trace` as two conflicting
# honest commits and `run` reports p_disagreement > 0; the correct protocol under the same
# schedule commits one value; an unknown unsafe value is exit 2 with the pointer and the
# accepted names. The schedule is deterministic: one trial is the whole story.
source "$(dirname "$0")/lib.bash"
SCENARIO="$SRC/scenarios/check/hotstuff-twins.json"
BUG='/protocol/unsafe="no-lock-check"'
SCHEDULE='/schedule={"twins": [3], "views": [
  {"leader": 3, "groups": [[0, 3], [1, 2, 4]]}, {"leader": 3, "groups": [[0, 1, 2, 3], [4]]},
  {"leader": 0, "groups": [[0, 1, 2, 3], [4]]}, {"leader": 1, "groups": [[0, 1, 2, 3], [4]]},
  {"leader": 0, "groups": [[0, 1, 2, 3], [4]]}, {"leader": 2, "groups": [[2], [0, 1, 3, 4]]},
  {"leader": 3, "groups": [[0, 1, 2, 3], [4]]}, {"leader": 0}, {"leader": 1}, {"leader": 0}],
  "mutations": [{"round": 6, "from": 3, "to": 0, "phase": "proposal"},
                {"round": 6, "from": 3, "to": 1, "phase": "proposal"},
                {"round": 6, "from": 3, "to": 0, "phase": "block-vote"}]}'

"$BIN" trace "$SCENARIO" --set "$BUG" --set "$SCHEDULE" >"$T/bug.txt" 2>"$T/bug.err"
check "trace of the witness: exit 0" test $? = 0
check "trace: an honest agent commits APPROVE" \
  grep -qE "commit +agent [0-2] +APPROVE; three-chain$" "$T/bug.txt"
check "trace: an honest agent commits REJECT" \
  grep -qE "commit +agent [0-2] +REJECT; three-chain$" "$T/bug.txt"

"$BIN" trace "$SCENARIO" --set "$SCHEDULE" >"$T/good.txt" 2>"$T/good.err"
check "correct protocol: the lock refuses the stale REJECT block" \
  grep -q "REJECT: not safe for the lock" "$T/good.txt"
check "correct protocol: no honest agent commits REJECT" \
  bash -c "! grep -qE 'commit +agent [0-2] +REJECT' '$T/good.txt'"

"$BIN" run "$SCENARIO" --set "$BUG" --set "$SCHEDULE" --quiet -o "$T/bug.csv"
check "run of the witness: p_disagreement > 0" \
  $PY -c "import csv; r = list(csv.DictReader(open('$T/bug.csv'))); assert float(r[0]['p_disagreement']) > 0 and r[0]['safety_violations'] == '0'"

"$BIN" run "$SCENARIO" --set '/protocol/unsafe="no-lock"' --quiet -o "$T/bad.csv" 2>"$T/bad.err"
check "unknown unsafe value: exit 2" test $? = 2
check "unknown unsafe value: names the pointer and the accepted value" \
  grep -q "/protocol/unsafe.*accepted: no-lock-check" "$T/bad.err"
finish
