# tendermint under a schedule from the command line (docs/tendermint.md, "Under a schedule
# (twins)"): a scenario with a twin and a partitioned view traces its twin's messages, the
# planted bug is accepted only by name (a bad value exits 2 with the accepted one), and runs
# give the same bytes on one or two threads.
source "$(dirname "$0")/lib.bash"

S="$SRC/scenarios/check/tendermint-twins.json"
SCHEDULE='/schedule={"twins": [3], "views": [{"leader": 3, "groups": [[0, 1, 3], [2, 4]]}]}'

"$BIN" trace "$S" --set "$SCHEDULE" --format text >"$T/twin.txt" 2>&1
check "trace of a twin: exit 0" [ $? = 0 ]
check "the twin is named after its agent" grep -q "twin 4 (agent 3)" "$T/twin.txt"
check "the twin receives what is sent to its agent" \
  grep -q "deliver  agent 2 -> twin 4 (agent 3)" "$T/twin.txt"
check "the view's partition cuts" grep -q "cut by the view's partition" "$T/twin.txt"

"$BIN" run "$S" --set '/protocol/unsafe="no-such-bug"' >"$T/bad.out" 2>"$T/bad.err"
check "an unknown planted bug: exit 2" [ $? = 2 ]
check "an unknown planted bug: nothing written" [ ! -s "$T/bad.out" ]
check "an unknown planted bug: says where and what is accepted" \
  grep -q "at /protocol/unsafe: .*accepted: prevote-while-locked" "$T/bad.err"

"$BIN" run "$S" --set "$SCHEDULE" --set '/protocol/unsafe="prevote-while-locked"' \
  --trials 50 --threads 1 >"$T/one.csv"
"$BIN" run "$S" --set "$SCHEDULE" --set '/protocol/unsafe="prevote-while-locked"' \
  --trials 50 --threads 2 >"$T/two.csv"
check "under a schedule: the same bytes on one or two threads" cmp -s "$T/one.csv" "$T/two.csv"

finish
