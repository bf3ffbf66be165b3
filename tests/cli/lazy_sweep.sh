# `byzsim run` makes each sweep point as a worker reaches it: a 10^6-point sweep runs (the
# limit), and the rows are the same whatever the thread count, shards, --resume and however
# the sweep is written (a listed axis, a range, a constrained or dependent axis).
source "$(dirname "$0")/lib.bash"
S="$SRC/scenarios/seed/deployment-7.json"

# The largest sweep (10^5 points under AddressSanitizer, whose build is ten times slower).
points=1000000
under_asan && points=100000
last=$((points - 1))
"$BIN" run "$S" --vary "/seed=0:$last" --trials 1 -q --threads 2 >"$T/big.csv" 2>"$T/big.err"
check "a $points-point sweep runs (exit $?)" test $? = 0
check "one row per point" test "$(($(wc -l <"$T/big.csv") - 1))" = "$points"
check "the last row is point $last" test "$(tail -n 1 "$T/big.csv" | cut -d, -f1-2)" = "deployment-7,$last"
check "with seed $last" test "$(tail -n 1 "$T/big.csv" | cut -d, -f10)" = "$last"
# One point over the limit (10^6, whatever the build) is refused before anything runs.
"$BIN" run "$S" --vary "/seed=0:1000000" --trials 1 -q >"$T/over.csv" 2>"$T/over.err"
check "one point over the limit is refused (exit 2)" test $? = 2
check "naming the limit" grep -q "more than the limit of 1000000" "$T/over.err"

# A bad value far into the sweep: refused before any output exists.
$PY - "$S" "$T/late.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
values = list(range(200000))
values[123456] = -5
d["sweep"] = {"/seed": values}
json.dump(d, open(sys.argv[2], "w"))
PY
"$BIN" run "$T/late.json" --trials 1 -q -o "$T/late.csv" 2>"$T/late.err"
check "a bad point 123456 fails the run (exit 2)" test $? = 2
check "with its place and value" grep -q "late.json:1:[0-9]*: error: at /seed: 'seed' is -5, a negative number at sweep point 123456 (/seed=-5)" "$T/late.err"
check "before any file is written" test ! -e "$T/late.csv" -a ! -e "$T/late.csv.meta.json"

# One sweep written four ways: the same rows.
run() { "$BIN" run "$@" --trials 2 -q; }
run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 --threads 1 >"$T/vary1.csv"
run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 --threads 2 >"$T/vary2.csv"
check "1 and 2 threads give the same bytes" cmp -s "$T/vary1.csv" "$T/vary2.csv"
$PY - "$S" "$T/listed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["sweep"] = {"/agents/0/count": {"name": "h", "values": [5, 6, 7]}, "/seed": list(range(400))}
json.dump(d, open(sys.argv[2], "w"), indent=1)
d["sweep"] = {"/agents/0/count": {"name": "h", "values": [5, 6, 7, 8]}, "/seed": "0:399",
              "where": "h < 8"}
json.dump(d, open(sys.argv[2].replace("listed", "where"), "w"), indent=1)
PY
run "$T/listed.json" >"$T/listed.csv"
cut -d, -f1 --complement "$T/listed.csv" >"$T/listed.rest"
cut -d, -f1 --complement "$T/vary1.csv" >"$T/vary1.rest"
check "listed values give the rows of a range" cmp -s "$T/listed.rest" "$T/vary1.rest"
run "$T/where.json" --threads 2 >"$T/where.csv"
cut -d, -f1 --complement "$T/where.csv" >"$T/where.rest"
check "a where that drops the last value gives the same rows" cmp -s "$T/where.rest" "$T/vary1.rest"

# Shards: their rows, merged, are the whole run's.
for k in 1 2 3; do
  run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 --shard $k/3 -o "$T/shard$k.csv"
done
"$BIN" merge "$T/shard1.csv" "$T/shard2.csv" "$T/shard3.csv" -o "$T/merged.csv" 2>"$T/merge.err"
check "three shards merge (exit $?)" test $? = 0
check "into the whole run's rows" cmp -s "$T/merged.csv" "$T/vary1.csv"
check "shard 2 holds points 1, 4, 7, ..." \
  test "$(csv_get "$T/shard2.csv" 0 point),$(csv_get "$T/shard2.csv" 1 point)" = "1,4"

# --resume after a cut: the same file as one uninterrupted run.
for cut in 2 350 1201; do
  run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 -o "$T/r.csv"
  head -n "$cut" "$T/r.csv" >"$T/cut.csv" && mv "$T/cut.csv" "$T/r.csv"
  run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 -o "$T/r.csv" --resume --threads 2
  check "--resume after $((cut - 1)) rows completes the same file" cmp -s "$T/r.csv" "$T/vary1.csv"
done
run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 --shard 2/3 -o "$T/rs.csv"
head -n 100 "$T/rs.csv" >"$T/cut.csv" && mv "$T/cut.csv" "$T/rs.csv"
run "$S" --vary h:/agents/0/count=5:7 --vary /seed=0:399 --shard 2/3 -o "$T/rs.csv" --resume
check "--resume of a shard completes the shard" cmp -s "$T/rs.csv" "$T/shard2.csv"
# The sidecar is checked without holding its lists, yet an edited point is still seen.
run "$S" --vary /seed=0:99 -o "$T/m.csv"
head -n 30 "$T/m.csv" >"$T/cut.csv" && mv "$T/cut.csv" "$T/m.csv"
$PY - "$T/m.csv.meta.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["scenarios"][0]["points"][50] = [7777]
json.dump(d, open(sys.argv[1], "w"), indent=2)
PY
run "$S" --vary /seed=0:99 -o "$T/m.csv" --resume 2>"$T/m.err"
check "--resume refuses a sidecar whose points were edited (exit $?)" test $? = 2
check "naming the point" grep -q "they differ at /scenarios/0/points/50/0" "$T/m.err"
finish
