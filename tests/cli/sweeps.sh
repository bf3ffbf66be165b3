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
# seed_axis: --vary /seed, named from its pointer ('seed' is a fixed column)
assert rows[1]['corruption_count'] == '0' and rows[1]['seed_axis'] == '2' and rows[2]['corruption_count'] == '1'
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
# Named, dependent and constrained axes (docs/sweeps.md): the k = f study as one file.
kf="$SRC/scenarios/sweeps/k-equals-f.json"
"$BIN" validate "$kf" >"$T/kf.out" 2>"$T/kf.err"; code=$?
check "validate k-equals-f: exit 0, 28 points, no warning" test "$code" = 0 -a ! -s "$T/kf.err"
check "validate lists the axes: names, counts, dependent ones" $PY -c "
text = open('$T/kf.out').read()
assert '28 points' in text, text
assert 'axis agents = /agents/0/count: 28 values' in text, text
assert 'axis tolerance = /protocol/f: dependent, floor((n-1)/3)' in text, text
assert 'axis liars = /corruption/count: dependent, f' in text, text
"
"$BIN" run "$kf" --trials 300 --quiet -o "$T/kf.csv"; code=$?
check "run k-equals-f: exit 0" test "$code" = 0
check "28 rows, n = 4..31, f = floor((n-1)/3), K = f liars in every trial" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/kf.csv')))
assert [int(r['point']) for r in rows] == list(range(28))
for r in rows:
    n, f = int(r['n']), int(r['f'])
    assert f == (n - 1) // 3, r
    assert float(r['mean_corrupted']) == f, r
assert [int(r['n']) for r in rows] == list(range(4, 32))
"
"$BIN" exact "$kf" -o "$T/kf-exact.csv"; code=$?
check "exact k-equals-f: exit 0, 28 exact rows" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/kf-exact.csv')))
assert $code == 0 and len(rows) == 28 and {r['method'] for r in rows} == {'exact'}
"

# A constrained sweep: kept points renumbered 0.., the same under shards.
where=(--trials 400 --quiet --where 'agents % 3 != 0' --vary /seed=1,2)
"$BIN" run "$kf" "${where[@]}" -o "$T/where.csv"
for k in 1 2; do "$BIN" run "$kf" "${where[@]}" --shard $k/2 -o "$T/where$k.csv"; done
"$BIN" merge "$T/where2.csv" "$T/where1.csv" -o "$T/where-merged.csv"
check "a constrained sweep: shards 1/2 and 2/2 merged equal the whole run" cmp -s "$T/where.csv" "$T/where-merged.csv"
check "the where-constraint kept 19 of 28 n values (x 2 seeds), numbered 0..37" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/where.csv')))
assert [int(r['point']) for r in rows] == list(range(38)), len(rows)
assert all(int(r['n']) % 3 != 0 for r in rows)
"

# --set on a swept key replaces the axis, and says so (validate and run).
"$BIN" validate "$kf" --set /agents/0/count=10 >"$T/set.out" 2>"$T/set.err"; code=$?
check "validate --set on a swept key: exit 0, one point, a warning naming the axis" $PY -c "
out, err = open('$T/set.out').read(), open('$T/set.err').read()
assert $code == 0 and ', 1 point,' in out, out
assert 'warning: at /agents/0/count: --set replaces the sweep axis agents (/agents/0/count)' in err, err
"
"$BIN" run "$kf" --set /agents/0/count=10 --trials 100 --quiet -o "$T/set.csv" 2>"$T/set-run.err"; code=$?
check "run --set on a swept key: exit 0, the warning, one row with n = 10 and K = f = 3" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/set.csv')))
assert $code == 0 and len(rows) == 1 and rows[0]['n'] == '10' and rows[0]['f'] == '3', rows
assert float(rows[0]['mean_corrupted']) == 3
assert 'replaces the sweep axis' in open('$T/set-run.err').read()
"

# Theory warnings: on stderr, exit unchanged.
q=(--set /protocol/approve_quorum=5 --set /protocol/reject_quorum=3)
"$BIN" validate "$sweep" "${q[@]}" --vary /protocol/f=1:3 >"$T/theory.out" 2>"$T/theory.err"; code=$?
check "theory warnings: n < 3f+1 and an axis that changes nothing, exit still 0" $PY -c "
err = open('$T/theory.err').read()
assert $code == 0, $code
assert 'warning: at /protocol/f: n = 7 < 3f + 1 = 10 (f = 3)' in err, err
assert 'the sweep axis /protocol/f changes nothing' in err, err
"

# Issue 11: empty axes and deep --vary/--set values are errors (exit 2), no file written.
"$BIN" validate "$sweep" --vary '/seed=0:4000000000:-4000000000' 2>"$T/empty.err"; code=$?
check "an overflowing empty range: exit 2 with 'the range is empty'" \
  test "$code" = 2 -a "$(grep -c 'the range is empty' "$T/empty.err")" = 1
"$BIN" run "$sweep" --vary '/agents/0/accuracy=1e-200:0:1e-200' -o "$T/empty.csv" 2>"$T/empty2.err"; code=$?
check "an underflowing empty range: exit 2 and no header-only CSV" test "$code" = 2 -a ! -e "$T/empty.csv"
"$BIN" exact "$sweep" --vary '/agents/0/accuracy=1e-200:0:1e-200' -o "$T/empty-exact.csv" 2>/dev/null; code=$?
check "exact with an empty range: exit 2, no file" test "$code" = 2 -a ! -e "$T/empty-exact.csv"
deep=$($PY -c "print('[' * 50000)")
"$BIN" validate "$sweep" --vary "/seed=$deep" 2>"$T/deep.err"; code=$?
check "50,000 nested '[' in --vary: exit 2, 'nests more than 64 levels'" \
  test "$code" = 2 -a "$(grep -c 'nests more than 64 levels' "$T/deep.err")" = 1
"$BIN" validate "$sweep" --set "/seed=$deep" 2>"$T/deep-set.err"; code=$?
check "50,000 nested '[' in --set: exit 2" test "$code" = 2
"$BIN" validate "$kf" --where 'agents > 100' 2>"$T/none.err"; code=$?
check "a where that keeps no point: exit 2, named" \
  test "$code" = 2 -a "$(grep -c 'keeps none of its 28 points' "$T/none.err")" = 1
# An axis name that repeats an output column, or an empty one, is refused before any file is
# written (before, --vary point:/seed=5:6 wrote two "point" columns).
"$BIN" run "$sweep" --trials 10 --quiet --vary point:/seed=5:6 -o "$T/clash.csv" 2>"$T/clash.err"; code=$?
check "--vary point:/seed=5:6: exit 2, no file" test "$code" = 2 -a ! -e "$T/clash.csv"
check "... naming the clash" grep -q "the axis name 'point' clashes with byzsim's output column 'point'" "$T/clash.err"
"$BIN" validate "$sweep" --vary p_view_change:/seed=5:6 2>"$T/clash2.err"; code=$?
check "an axis named after pbft's column p_view_change: exit 2" \
  test "$code" = 2 -a "$(grep -c "pbft's output column 'p_view_change'" "$T/clash2.err")" = 1
"$BIN" validate "$sweep" --vary :/seed=5:6 2>"$T/noname.err"; code=$?
check "an empty axis name: exit 2" test "$code" = 2 -a "$(grep -c "the axis name '' is empty" "$T/noname.err")" = 1

# Expressions may not assign (before, (a=7) set a to 7 for the expressions after it), and a
# constraint that is not a finite number is refused like an axis's (before, 1/0 kept points).
"$BIN" run "$sweep" --trials 10 --quiet --vary a:/agents/0/count=3:4 --vary 'r:/seed=(a=7)*0+10' \
  --vary 'b:/protocol/max_rounds=a-2' -o "$T/assign.csv" 2>"$T/assign.err"; code=$?
check "an assignment in --vary: exit 2, no file" test "$code" = 2 -a ! -e "$T/assign.csv"
check "... saying that '=' assigns" grep -q "'=' assigns to a variable" "$T/assign.err"
"$BIN" validate "$sweep" --where 'f = 1' 2>"$T/assign2.err"; code=$?
check "an assignment in --where: exit 2" test "$code" = 2 -a "$(grep -c "'=' assigns" "$T/assign2.err")" = 1
"$BIN" validate "$sweep" --where '1/0' 2>"$T/inf.err"; code=$?
check "--where 1/0: exit 2, an infinite value" \
  test "$code" = 2 -a "$(grep -c 'the constraint gives an infinite value' "$T/inf.err")" = 1
"$BIN" validate "$sweep" --where 'sqrt(-1)' 2>"$T/nan.err"; code=$?
check "--where sqrt(-1): exit 2, no number" \
  test "$code" = 2 -a "$(grep -c 'the constraint gives no number' "$T/nan.err")" = 1
finish
