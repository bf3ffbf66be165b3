# Sweeps at scale: threads, shards + merge, interrupt + resume, batches with a broken file.
source "$(dirname "$0")/lib.bash"

sweep="$SRC/scenarios/sweeps/sweep-faults-7.json"
args=(--trials 3000 --vary /seed=1,2 --quiet)

"$BIN" run "$sweep" "${args[@]}" --threads 1 -o "$T/t1.csv"
"$BIN" run "$sweep" "${args[@]}" --threads 2 -o "$T/t2.csv"
"$BIN" run "$sweep" "${args[@]}" --threads 8 -o "$T/t8.csv"
check "a 16-point sweep: same bytes with --threads 1 and 2" cmp -s "$T/t1.csv" "$T/t2.csv"
check "a 16-point sweep: same bytes with --threads 1 and 8" cmp -s "$T/t1.csv" "$T/t8.csv"
check "16 rows, points 0..15 in order" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/t1.csv')))
assert [int(r['point']) for r in rows] == list(range(16)), [r['point'] for r in rows]
assert rows[1]['/corruption/count'] == '0' and rows[1]['/seed'] == '2' and rows[2]['/corruption/count'] == '1'
"

for k in 1 2 3; do "$BIN" run "$sweep" "${args[@]}" --shard $k/3 -o "$T/shard$k.csv"; done
"$BIN" merge "$T/shard3.csv" "$T/shard1.csv" "$T/shard2.csv" -o "$T/merged.csv"
check "shards 1/3, 2/3, 3/3 merged equal the single run byte for byte" cmp -s "$T/t1.csv" "$T/merged.csv"
"$BIN" merge "$T/shard1.csv" "$T/shard3.csv" -o "$T/partial.csv" 2>"$T/merge.err"; code=$?
check "merge without a shard's file fails with exit 2" test "$code" = 2
check "merge names the missing point" grep -q "missing" "$T/merge.err"

# Two scenarios in one file, sharded: the scenario order survives the merge.
seed7="$SRC/scenarios/seed/deployment-7-scripted.json"
"$BIN" run "$seed7" "$sweep" --trials 500 --quiet -o "$T/two.csv"
for k in 1 2; do "$BIN" run "$seed7" "$sweep" --trials 500 --quiet --shard $k/2 -o "$T/two$k.csv"; done
"$BIN" merge "$T/two2.csv" "$T/two1.csv" -o "$T/two-merged.csv"
check "two scenarios sharded and merged equal the single run" cmp -s "$T/two.csv" "$T/two-merged.csv"

# Interrupt a long run, then resume: the final file equals an uninterrupted run.
long=(--trials 40000 --vary /seed=1:6 --threads 2 --quiet)
"$BIN" run "$sweep" "${long[@]}" -o "$T/full.csv"
"$BIN" run "$sweep" "${long[@]}" -o "$T/cut.csv" &
pid=$!
# Wait until a few points are on disk, then interrupt.
for _ in $(seq 1 200); do
  [ -f "$T/cut.csv" ] && [ "$(wc -l <"$T/cut.csv")" -ge 6 ] && break
  sleep 0.05
done
kill -INT $pid
wait $pid; code=$?
rows=$(($(wc -l <"$T/cut.csv") - 1))
check "an interrupted run exits 130" test "$code" = 130
check "the interrupted file holds finished points only ($rows of 48), as valid CSV" $PY -c "
import csv
full = open('$T/full.csv').read().splitlines()
cut = open('$T/cut.csv').read().splitlines()
assert 0 < len(cut) - 1 < 48, len(cut)
assert cut == full[:len(cut)], 'the cut file is not a prefix of the full one'
"
"$BIN" run "$sweep" "${long[@]}" -o "$T/cut.csv" --resume
check "--resume completes it: identical to the uninterrupted run" cmp -s "$T/full.csv" "$T/cut.csv"
# A half-written last line (a hard kill) is dropped and recomputed.
head -c -20 "$T/full.csv" >"$T/torn.csv"
"$BIN" run "$sweep" "${long[@]}" -o "$T/torn.csv" --resume
check "--resume after a torn last line gives the full file" cmp -s "$T/full.csv" "$T/torn.csv"
"$BIN" run "$sweep" "${long[@]}" --seed 5 -o "$T/full.csv" --resume 2>"$T/resume.err"; code=$?
check "--resume refuses a file made with another seed (exit 2)" test "$code" = 2

# A batch with one broken file: the others run, the exit status says one failed.
mkdir -p "$T/batch" "$T/results"
cp "$seed7" "$T/batch/a.json"
cp "$SRC/scenarios/seed/payment-10-scripted.json" "$T/batch/c.json"
printf '{ "name": "broken", "agents": [ { "role": "honest", "count": -1 } ] }\n' >"$T/batch/b.json"
"$BIN" run "$T"/batch/*.json -o "$T/results/" --quiet 2>"$T/batch.err"; code=$?
check "batch with a broken file exits 2" test "$code" = 2
check "the broken file is reported with its pointer" grep -q "b.json.*/agents/0/count" "$T/batch.err"
check "the good files still ran, one CSV each" test -s "$T/results/deployment-7-scripted.csv" -a -s "$T/results/payment-10-scripted.csv"
finish
