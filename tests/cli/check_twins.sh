# byzsim check --twins and --random (docs/check.md) on pbft n = 4, f = 1: the size of the
# Twins space and what the skip covers, the same results with and without the skip and on 1
# and 2 threads, sampling and random mode reproducible from the seed, the CSV of -o, a
# witness's replay command showing the two conflicting decisions, and bad input refused with
# exit 2 and a pointed message. pbft's planted bug "ignore-prepared" gives witnesses to replay.
source "$(dirname "$0")/lib.bash"
S=$SRC/scenarios/check/pbft-twins.json
cd "$T"
WEAK=(--set '/protocol/unsafe="ignore-prepared"')

"$BIN" check "$S" --twins --rounds 2 --threads 1 >tw.out 2>tw.err; code=$?
check "--twins runs with exit 0" test "$code" = 0
check "... over 64^2 = 4096 scenarios (4 leaders x 16 partitions of 5 instances per view)" \
  grep -q "^space: 4096 scenarios, enumerated$" tw.out
check "... naming the twin and the bounds" grep -q "^mode: twins; agent 3 has a twin (instance 4), 5 instances$" tw.out
check "... covering all of them in fewer runs" grep -Eq "^explored: [0-9]+ runs; covered: 4096 scenarios" tw.out
runs=$(sed -n 's/^explored: \([0-9]*\) runs.*/\1/p' tw.out)
check "... fewer runs than scenarios ($runs)" test "$runs" -lt 4096
check "... and no violation in this space" grep -q "^result: no violation in this space$" tw.out
"$BIN" check "$S" --twins --rounds 2 --threads 1 --no-skip >all.out 2>&1
check "--no-skip runs every scenario" grep -q "^explored: 4096 runs; covered: 4096 scenarios$" all.out
check "... with the same violations" cmp <(grep ^violations tw.out) <(grep ^violations all.out)

"$BIN" check "$S" --twins --rounds 3 --threads 1 "${WEAK[@]}" -o weak.csv >weak1.out 2>&1
"$BIN" check "$S" --twins --rounds 3 --threads 2 "${WEAK[@]}" >weak2.out 2>&1
check "the planted bug: violations of agreement are found" grep -Eq "^violations: [1-9][0-9]* scenarios \(agreement [1-9]" weak1.out
check "... the same on 1 and 2 threads, witnesses included" cmp <(untimed weak1.out) <(untimed weak2.out)
"$BIN" check "$S" --twins --rounds 3 --no-skip "${WEAK[@]}" >weak-all.out 2>&1
check "... with the same violations without the skip" \
  cmp <(untimed weak1.out | grep ^violations) <(untimed weak-all.out | grep ^violations)
replay() {  # the first witness's command, run as printed: two honest agents commit differently
  grep -q "^witness 1 (agreement)" weak1.out && replay_first_witness weak1.out witness.trace &&
    grep -q "^# outcome: disagreement," witness.trace &&
    grep -q " commit   agent [0-2] .*APPROVE" witness.trace &&
    grep -q " commit   agent [0-2] .*REJECT" witness.trace
}
check "the first witness replays as printed: honest agents commit APPROVE and REJECT" replay
check "-o: one CSV row with the documented columns" $PY - weak.csv weak1.out <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 1, rows
r = rows[0]
assert list(r) == ("protocol,n,f,mode,rounds,partitions,process_faults,network_faults,space,"
                   "explored,covered,sampled,violations,agreement,validity,no_quorum,"
                   "first_witness_scenario,seconds,scenarios_per_s,unsafe,cut_delay_s").split(","), list(r)
text = open(sys.argv[2]).read()
assert (r["protocol"], r["n"], r["f"], r["mode"], r["rounds"], r["partitions"]) == \
    ("pbft", "4", "1", "twins", "3", "2"), r
assert r["space"] == r["covered"] == "262144" and r["sampled"] == "false", r
assert re.search(r"^explored: %s runs" % r["explored"], text, re.M), r
assert re.search(r"^violations: %s scenarios \(agreement %s, validity %s, no quorum %s\)"
                 % (r["violations"], r["agreement"], r["validity"], r["no_quorum"]), text, re.M), r
assert re.search(r"^witness 1 \(agreement\): scenario %s$" % r["first_witness_scenario"], text, re.M)
assert float(r["seconds"]) > 0 and int(r["scenarios_per_s"]) > 0 and r["unsafe"] == "ignore-prepared", r
assert r["cut_delay_s"] == "0" and "cuts: a message cut by a view's partition is lost" in text, r
PY

# A space over the budget is sampled, reproducibly from the seed.
"$BIN" check "$S" --twins --rounds 4 --budget 3000 --threads 1 "${WEAK[@]}" >s1.out 2>&1
"$BIN" check "$S" --twins --rounds 4 --budget 3000 --threads 2 "${WEAK[@]}" >s2.out 2>&1
"$BIN" check "$S" --twins --rounds 4 --budget 3000 --seed 9 "${WEAK[@]}" >s3.out 2>&1
check "a space over --budget is sampled" grep -q "^space: 16777216 scenarios, more than the budget: 3000 sampled uniformly (with replacement, seed 1)$" s1.out
check "... the same sample on 1 and 2 threads" cmp <(untimed s1.out) <(untimed s2.out)
check "... another with another --seed" bash -c "! cmp -s <(grep '^witness' s1.out) <(grep '^witness' s3.out)"

# Random mode (ByzzFuzz-style).
"$BIN" check "$S" --random --budget 4000 --rounds 3 --threads 1 "${WEAK[@]}" >r1.out 2>&1; code=$?
"$BIN" check "$S" --random --budget 4000 --rounds 3 --threads 2 "${WEAK[@]}" >r2.out 2>&1
check "--random runs with exit 0" test "$code" = 0
check "... saying what it draws" grep -q "^mode: random (ByzzFuzz-style), seed 1: per scenario up to 1 process fault (agent 3 flipping its messages of a view to some agents) and up to 2 network faults" r1.out
check "... and the same on 1 and 2 threads" cmp <(untimed r1.out) <(untimed r2.out)
"$BIN" check "$S" --random --budget 2000 --rounds 2 >r3.out 2>&1
check "... the correct configuration: no violation in the scenarios run" grep -q "^result: no violation in the scenarios run$" r3.out
"$BIN" check "$S" --twins --rounds 2 --progress >p.out 2>p.err
check "--progress reports on stderr and ends with a done line" grep -q "done" p.err
check "... in check's own words: scenarios, not points" \
  grep -Eq '^byzsim check: done: 4096 scenarios in [0-9.]+m?s$' p.err

# Ctrl-C: a partial report that says so, exit 130, and no -o file (a space of 10 million runs,
# far from done when interrupted).
"$BIN" check "$S" --twins --rounds 4 --set /protocol/max_views=5 -o cut.csv >cut.out 2>cut.err &
pid=$!
for _ in $(seq 1 200); do
  grep -q "^space:" cut.out 2>/dev/null && break
  sleep 0.05
done
sleep 0.3
kill -INT $pid
wait $pid; code=$?
check "an interrupted search exits 130" test "$code" = 130
check "... saying its results are partial" grep -q "^interrupted: partial results, [0-9]* of 16777216 scenarios covered$" cut.out
check "... and writing no -o" sh -c "test ! -e cut.csv && grep -q 'partial and -o was not written' cut.err"

refused() {  # refused FILE PATTERN ARGS...: exit 2 and the message on stderr
  local file=$1 pattern=$2; shift 2
  "$BIN" check "$file" "$@" >ref.out 2>ref.err
  local code=$?
  [ "$code" = 2 ] && grep -q -- "$pattern" ref.err && test ! -s ref.out
}
check "no mode on pbft: exit 2, naming the modes" refused "$S" "give --twins .* or --random --budget N"
check "--twins on om: exit 2 at /protocol/type, naming the protocols with views" \
  refused "$SRC/scenarios/generals/om-4-m1.json" ":[0-9]*:[0-9]*: error: at /protocol/type: protocol 'om' has no leaders and views.*accepted: a scenario of protocol .*pbft" --twins
check "no Byzantine agent that runs pbft: exit 2 at /agents, saying why" \
  refused "$S" "error: at /agents: --twins gives a twin to each Byzantine agent that runs the protocol and needs f = 1 of them; this scenario has 0 (agent 3 follows 'withhold', which does not run the protocol)" \
  --twins --set /agents/2/strategy=withhold
check "--rounds 9: exit 2 with the range" refused "$S" "--rounds '9'.*accepted: a whole number from 1 to 8" --twins --rounds 9
check "--partitions 4: exit 2 with the range" refused "$S" "--partitions '4'.*from 1 to 3" --twins --partitions 4
check "a space over the limit without --budget: exit 2 naming its size" \
  refused "$S" "has [0-9]* scenarios, more than the 100000000 check enumerates without --budget; accepted: --budget N" --twins --rounds 8 --partitions 3
check "--random without --budget: exit 2" refused "$S" "--random: give --budget N" --random
check "--twins with --random: exit 2" refused "$S" "not both" --twins --random --budget 5
check "an option of one mode with the other: exit 2" refused "$S" "--no-skip: applies to --twins" --random --budget 5 --no-skip
check "a search option without a mode: exit 2" refused "$S" "--rounds: applies with --twins or --random only" --rounds 2
check "an unknown planted bug: exit 2 at /protocol/unsafe" refused "$S" "/protocol/unsafe" --twins --set /protocol/unsafe=bogus
check "a scenario with its own schedule: exit 2 at /schedule" refused "$S" "at /schedule: check --twins/--random sets the schedule" \
  --twins --set '/schedule={"views":[{"leader":1}]}'
check "random corruption: exit 2 at /corruption" refused "$S" "at /corruption" \
  --twins --set '/corruption={"count":1,"role":"malicious","strategy":"oppose-truth"}'
cp "$S" mine.json
check "-o naming the scenario: exit 2, the scenario kept" refused mine.json "-o" --twins --rounds 1 -o mine.json
check "... byte for byte" cmp mine.json "$S"
ln -s elsewhere.csv link.csv
check "-o on a symlink: exit 2" refused "$S" "-o" --twins --rounds 1 -o link.csv
finish
