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
check "the view's partition cuts" grep -q "lost .*cut by the view's partition$" "$T/twin.txt"
# (--set /schedule=... replaces the scenario's whole schedule, its cut_delay with it.)
"$BIN" trace "$S" --set "$SCHEDULE" --set '/schedule/cut_delay="400ms"' >"$T/held.txt" 2>&1
check "with a cut_delay a cut message is held, then delivered" \
  grep -q "held     agent 2 -> agent 3 .*cut by the view's partition: arrives 0.4 s late" \
  "$T/held.txt"

# The Twins search finds the planted bug once cut messages arrive late (the scenario's
# cut_delay), and not when they are lost; the correct protocol breaks nothing.
BUG='/protocol/unsafe="prevote-while-locked"'
"$BIN" check "$S" --set "$BUG" --twins --rounds 3 --witnesses 1 >"$T/search.out" 2>&1
check "check --twins finds the planted bug in the space of 3 views" \
  grep -qE "^violations: [1-9][0-9]* scenarios \(agreement [1-9]" "$T/search.out"
check "... and says that cut messages arrive late" \
  grep -q "^cuts: a message cut by a view's partition arrives 0.4 s late" "$T/search.out"
witness_replays() {  # the witness's command, as printed: two honest agents decide differently
  first_replay "$T/search.out" | grep -q '"cut_delay":"400ms"' &&
    replay_first_witness "$T/search.out" "$T/witness.txt" &&
    grep -q "^# outcome: disagreement," "$T/witness.txt" &&
    grep -qE "commit +agent [0-2] +APPROVE" "$T/witness.txt" &&
    grep -qE "commit +agent [0-2] +REJECT" "$T/witness.txt"
}
check "... its witness (with the cut_delay) replays as two conflicting decisions" witness_replays
"$BIN" check "$S" --twins --rounds 3 >"$T/correct.out" 2>&1
check "the correct protocol: no violation in the whole space of 3 views" \
  grep -q "^result: no violation in this space$" "$T/correct.out"
"$BIN" check "$S" --set "$BUG" --set '/schedule={}' --twins --rounds 3 >"$T/lost.out" 2>&1
check "with cut messages lost the same search finds nothing" \
  grep -q "^violations: 0 scenarios" "$T/lost.out"

# Random mode (agent 3 equivocating for a view, partitioned views whose cut messages arrive
# 0.4 s late) finds it too: about 1 scenario in 900; the same on 1 and 2 threads.
random_search_finds "$S" --set "$BUG" --budget 20000

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
