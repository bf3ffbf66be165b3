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

# The Twins search itself finds the planted bug: twins, leaders and partitions only, no
# mutation. 300,000 of the 16,777,216 schedules of 4 views, sampled from the scenario's seed
# (a fixed sample: the same result every run; about 6.7 witnesses expected, 376 in the space).
# A leader that stops waiting for NEW-VIEWs (new_view_wait) proposes on a stale QC.
"$BIN" check "$SCENARIO" --set "$BUG" --twins --rounds 4 --budget 300000 --witnesses 1 \
  >"$T/search.out" 2>&1
check "check --twins finds the planted bug" \
  grep -qE "^violations: [1-9][0-9]* scenarios \(agreement [1-9]" "$T/search.out"
witness_replays() {  # the witness's command, as printed: two honest agents commit differently
  replay_first_witness "$T/search.out" "$T/witness.txt" &&
    ! first_replay "$T/search.out" | grep -q '"mutations"' &&
    grep -qE "commit +agent [0-2] +APPROVE; three-chain$" "$T/witness.txt" &&
    grep -qE "commit +agent [0-2] +REJECT; three-chain$" "$T/witness.txt"
}
check "... its witness replays without mutations: honest commits of APPROVE and REJECT" \
  witness_replays
"$BIN" check "$SCENARIO" --twins --rounds 3 >"$T/correct.out" 2>&1
check "the correct protocol: no violation in the whole space of 3 views" \
  grep -q "^result: no violation in this space$" "$T/correct.out"
check "... where every schedule was run or covered" \
  grep -qE "^explored: [0-9]+ runs; covered: 262144 scenarios" "$T/correct.out"

# Random mode (ByzzFuzz-style process faults: agent 3 equivocates for a view) finds it too, over
# 8 views: 9 of these 300,000 scenarios (a fixed draw from the seed), the same on 1 and 2 threads.
random_search_finds "$SCENARIO" --set "$BUG" --budget 300000 --rounds 8

"$BIN" run "$SCENARIO" --set '/protocol/unsafe="no-lock"' --quiet -o "$T/bad.csv" 2>"$T/bad.err"
check "unknown unsafe value: exit 2" test $? = 2
check "unknown unsafe value: names the pointer and the accepted value" \
  grep -q "/protocol/unsafe.*accepted: no-lock-check" "$T/bad.err"
finish
