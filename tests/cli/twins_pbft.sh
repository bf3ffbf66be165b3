# pbft under a schedule from the command line (docs/pbft.md, "Under a schedule (twins)"): the
# witness schedule of scenarios/check/pbft-twins.json with the planted bug "ignore-prepared"
# replays as two conflicting honest commits in `byzsim trace`, and `run` counts a disagreement;
# the correct protocol under the same schedule does not; a bad "unsafe" value or a schedule for
# a protocol without views is exit 2 with the loader's pointed message.
# Deterministic: constant latency, no drops, no think time, fixed votes (no statistics).
source "$(dirname "$0")/lib.bash"
FILE="$SRC/scenarios/check/pbft-twins.json"
WITNESS='/schedule={"twins": [3], "views": [{"leader": 2, "groups": [[0, 2, 3], [1, 4]]}, {"leader": 1}]}'
BUG='/protocol/unsafe="ignore-prepared"'

"$BIN" trace "$FILE" --set "$BUG" --set "$WITNESS" >"$T/bug.trace" 2>"$T/bug.err"
check "trace of the witness with the planted bug: exit 0" test $? = 0
# The commit lines of honest agents 0 and 2 (REJECT, view 0) and 1 (APPROVE, view 1).
commit_of() {  # commit_of AGENT VALUE: a commit record of AGENT with VALUE in the trace
  grep -E "commit" "$T/bug.trace" | grep -E "(^|[^0-9])$1([^0-9]|$)" | grep -q "$2"
}
check "agent 0 commits REJECT" commit_of 0 REJECT
check "agent 2 commits REJECT" commit_of 2 REJECT
check "agent 1 commits APPROVE" commit_of 1 APPROVE
check "the trace says disagreement" grep -qi "disagreement" "$T/bug.trace"

"$BIN" run "$FILE" --set "$BUG" --set "$WITNESS" --trials 20 --quiet -o "$T/bug.csv" 2>/dev/null
check "run of the witness with the bug: exit 0 (a finding, not a byzsim bug)" test $? = 0
check "run of the witness with the bug: p_disagreement > 0" \
  $PY -c "import csv; r = next(csv.DictReader(open('$T/bug.csv'))); assert float(r['p_disagreement']) > 0, r"
"$BIN" run "$FILE" --set "$WITNESS" --trials 20 --quiet -o "$T/correct.csv" 2>/dev/null
check "run of the witness on the correct protocol: no disagreement, no safety violation" \
  $PY -c "import csv; r = next(csv.DictReader(open('$T/correct.csv'))); assert r['disagreement'] == '0' and r['safety_violations'] == '0', r"

"$BIN" validate "$FILE" --set '/protocol/unsafe="ignore-locked"' >"$T/unsafe.out" 2>"$T/unsafe.err"
check "an unknown unsafe value: exit 2" test $? = 2
check "... naming the pointer and the accepted value" \
  grep -q "/protocol/unsafe.*ignore-prepared" "$T/unsafe.err"
"$BIN" validate "$FILE" --set '/protocol/type="coordinator-vote"' --set "$WITNESS" \
  >"$T/views.out" 2>"$T/views.err"
check "a schedule for a protocol without views: exit 2" test $? = 2
check "... naming /schedule" grep -q "/schedule" "$T/views.err"
finish
