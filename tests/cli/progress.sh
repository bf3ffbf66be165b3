# `byzsim run`'s progress on a stderr that is not a terminal (a file, as in a Slurm log):
# plain lines, never '\r' frames; --quiet silences it; a bad style exits 2 and writes nothing.
# (The 10 s cadence and the ETA are unit-tested with an injected clock: progress_test.cpp.)
source "$(dirname "$0")/lib.bash"

sweep="$SRC/scenarios/sweeps/sweep-faults-7.json"
"$BIN" run "$sweep" --trials 300 --progress=lines -o "$T/a.csv" 2>"$T/lines.err"
check "--progress=lines exits 0 and writes the rows" test "$(wc -l <"$T/a.csv")" = 9
check "--progress=lines into a file: a closing line" grep -q '^byzsim run: done: 8 points, 2400 trials in' "$T/lines.err"
check "--progress=lines: no carriage return" sh -c "! grep -q \$'\\r' '$T/lines.err'"
"$BIN" run "$sweep" --trials 300 --progress -o "$T/b.csv" 2>"$T/auto.err"
check "--progress with stderr not a terminal: lines, no carriage return" \
  sh -c "grep -q '^byzsim run: done' '$T/auto.err' && ! grep -q \$'\\r' '$T/auto.err'"
"$BIN" run "$sweep" --trials 300 --progress=bar -o "$T/c.csv" 2>"$T/bar.err"
check "--progress=bar is a redrawn bar even into a file" grep -q $'\r\\[' "$T/bar.err"
check "--progress=bar ends with the closing line" \
  sh -c "tr '\r' '\n' <'$T/bar.err' | grep -q '^byzsim run: done: 8 points, 2400 trials in'"
# Not a terminal: the width comes from COLUMNS (a terminal's own width from TIOCGWINSZ).
COLUMNS=50 "$BIN" run "$sweep" --trials 3000 --progress=bar -o "$T/narrow.csv" 2>"$T/narrow.err"
check "--progress=bar with COLUMNS=50: no frame wider than 49 characters" \
  sh -c "test -s '$T/narrow.err' && tr '\r' '\n' <'$T/narrow.err' | awk 'length > 49 { bad = 1 } END { exit bad }'"
"$BIN" run "$sweep" --trials 300 --progress=lines --quiet -o "$T/d.csv" 2>"$T/quiet.err"
check "--quiet: nothing on stderr" test ! -s "$T/quiet.err"
"$BIN" run "$sweep" --trials 300 --progress=sometimes -o "$T/e.csv" 2>"$T/bad.err"
check "--progress=sometimes exits 2" test $? = 2
check "... naming the accepted styles" grep -q "accepted: auto, bar, lines" "$T/bad.err"
check "... and writes no file" test ! -e "$T/e.csv"
"$BIN" run "$sweep" --trials 300 --progress=zzz --quiet -o "$T/f.csv" 2>"$T/bad-quiet.err"
check "--progress=zzz with --quiet exits 2 too (checked even where unused)" test $? = 2
check "... naming the accepted styles, no file" \
  sh -c "grep -q 'accepted: auto, bar, lines' '$T/bad-quiet.err' && test ! -e '$T/f.csv'"
finish
