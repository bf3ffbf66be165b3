# `byzsim bench` prints the ratios the scale targets name, from the sizes it measured in the
# same run, and the wall time of one cold pbft trial at n = 1000. Figures are never checked:
# speed lives in the benchmark's own output, never in tests.
source "$(dirname "$0")/lib.bash"

"$BIN" bench --seconds 0.01 --n 7 1000 --protocol-n 16 1000 >"$T/bench.txt"
check "bench: the coordinator-vote events/s ratio of n = 1000 over n = 7, with its target" \
  grep -Eq '^coordinator-vote events/s, n = 1000 / n = 7 +[0-9.]+ \(target >= 0.70\)$' \
  "$T/bench.txt"
check "bench: the pbft messages/s ratio of n = 1000 over n = 16, with its target" \
  grep -Eq '^pbft messages/s, n = 1000 / n = 16 +[0-9.]+ \(target >= 0.67\)$' "$T/bench.txt"
check "bench: the cold n = 1000 pbft trial's wall time, with its target" \
  grep -Eq '^pbft, wall time of that trial +1000 +[0-9.]+ s \(target <= 0.3 s\)$' "$T/bench.txt"
check "bench: the peak memory of that trial, measured in a process of its own" \
  grep -Eq '^pbft, memory of that trial \(own process\) +1000 +[0-9.]+ MiB peak RSS \([0-9.]+ MiB at start\)$' \
  "$T/bench.txt"
check "bench: every benched protocol measured at n = 1000" \
  sh -c "test \$(grep -Ec '^(pbft|hotstuff|tendermint), f oppose-truth.* 1000 ' '$T/bench.txt') = 3"

# Without both sizes of a ratio, no ratio line (nothing to divide).
"$BIN" bench --seconds 0.01 --n 7 --protocol-n 4 >"$T/small.txt"
check "bench: no ratio line without both sizes" sh -c "! grep -q ' / n = ' '$T/small.txt'"
# --all-protocols: every protocol, and a size a protocol refuses is named with the loader's
# reason instead of running (om at n = 40 would send about 40^14 messages per trial).
"$BIN" bench --seconds 0.01 --n 7 --protocol-n 4 40 --all-protocols >"$T/all.txt"
for p in majority pbft om sm hotstuff bracha tendermint; do
  check "bench --all-protocols: $p measured at n = 4" \
    grep -Eq "^$p, f oppose-truth.* 4 +[0-9]+ +[0-9]" "$T/all.txt"
done
check "bench --all-protocols: om at n = 40 not run, with the reason" \
  grep -Eq '^om, f oppose-truth.* 40 +not run: m = 13 with n = 40 sends .* messages per trial' \
  "$T/all.txt"
check "bench without --all-protocols: only the benched protocols" \
  sh -c "! grep -q '^majority\|^om,\|^sm,\|^bracha' '$T/small.txt'"
finish
