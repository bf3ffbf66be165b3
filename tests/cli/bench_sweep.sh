# `byzsim bench --sweep`, shortened with --sweep-seconds: the scaling table has one line per
# thread count with an efficiency column, and the memory lines are there. Figures are never
# checked: speed lives in the benchmark's own output, never in tests.
source "$(dirname "$0")/lib.bash"

"$BIN" bench --seconds 0.01 --n 4 --protocol-n 4 --sweep --sweep-seconds 0.2 >"$T/bench.txt"
cores=$(getconf _NPROCESSORS_ONLN)
expected=""
for ((t = 1; t < cores; t *= 2)); do expected="$expected $t"; done
expected="$expected $cores"
check "scaling table header has speed-up and efficiency columns" \
  grep -Eq '^ *threads +seconds +trials/s +speed-up +efficiency$' "$T/bench.txt"
# A row: threads, seconds, trials/s, speed-up ("1.93x"), efficiency.
rows=$(grep -E '^ *[0-9]+ +[0-9.]+ +[0-9]+ +[0-9.]+x +[0-9.]+$' "$T/bench.txt" | awk '{printf " %s", $1}')
check "one scaling row per thread count (1, 2, 4, ... and all $cores cores)" test "$rows" = "$expected"
for points in 10,000 100,000 1,000,000; do
  check "the peak RSS of $points points" grep -Eq "^peak RSS, $points points .* [0-9.]+ +[0-9.]+\$" "$T/bench.txt"
done
check "the peak RSS of one 1e9-trial point" grep -Eq '^peak RSS, one 1e9-trial point.* [0-9.]+ +[0-9.]+$' "$T/bench.txt"
check "RSS sampled early and late in that point" grep -Eq '^  RSS after [0-9,]+ trials: [0-9.]+ MiB; after [0-9,]+ trials' "$T/bench.txt"
for points in 10,000 1,000,000; do
  check "the peak RSS of run's path at $points points" grep -Eq "^peak RSS, run's path, $points points .* [0-9.]+ +[0-9.]+\$" "$T/bench.txt"
done
check "run's memory bound is stated" grep -Eq "^bound: nor does run's path, loader included \(1,000,000 points need [0-9.]+x what 10,000 do\)" "$T/bench.txt"
check "the memory bound is stated" grep -Eq '^bound: memory does not grow with points \(1,000,000 points need [0-9.]+x what 10,000 do\) nor with trials' "$T/bench.txt"

"$BIN" bench --sweep --sweep-seconds 0 >"$T/zero.txt" 2>"$T/zero.err"
check "--sweep-seconds 0 is a usage error (exit 2)" test $? = 2
check "... that names the option" grep -q -- '--sweep-seconds must be positive' "$T/zero.err"
check "... before any workload ran" test ! -s "$T/zero.txt"
finish
