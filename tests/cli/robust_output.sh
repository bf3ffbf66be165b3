# Where byzsim may write (issue 11): only regular files, never a FIFO or symlink; scenario names
# cannot leave `-o DIR/` or collide; a second writer of one file refuses; every option is
# checked before any file is touched; a huge run does not replace the file before it starts.
source "$(dirname "$0")/lib.bash"

seed="$SRC/scenarios/seed/deployment-7-scripted.json"
printf 'precious\n' >"$T/keep.csv"
keep() { [ "$(cat "$T/keep.csv")" = precious ]; }
refused_and_kept() { test "$1" = 2 && keep; }  # refused_and_kept STATUS

# Item 2: a FIFO and a symlink at -o are refused with exit 2 and stay what they were.
mkfifo "$T/fifo"
"$BIN" run "$seed" --quiet -o "$T/fifo" 2>"$T/err"
check "-o FIFO: exit 2" test $? = 2
check "-o FIFO: the message says it is a FIFO" grep -q "FIFO" "$T/err"
check "-o FIFO: still a FIFO" test -p "$T/fifo"
ln -s "$T/keep.csv" "$T/link.csv"
"$BIN" run "$seed" --quiet -o "$T/link.csv" 2>"$T/err"
check "-o symlink: exit 2" test $? = 2
check "-o symlink: the message says it is a symbolic link" grep -q "symbolic link" "$T/err"
check "-o symlink: still a symlink" test -L "$T/link.csv"
check "-o symlink: its target untouched" keep
"$BIN" trace "$seed" -o "$T/link.csv" 2>/dev/null
check "trace -o symlink: exit 2, target untouched" refused_and_kept $?
"$BIN" run "$seed" --quiet -o "$T/new.csv"
check "-o a new regular file still works" test -f "$T/new.csv"

# Item 3: names become file names inside DIR; two scenarios on one file are refused first.
mkdir -p "$T/in" "$T/dir"
sed 's/"name": "deployment-7-scripted"/"name": "..\/escaped"/' "$seed" >"$T/in/up.json"
sed 's/"name": "deployment-7-scripted"/"name": ""/' "$seed" >"$T/in/empty.json"
sed 's/"name": "deployment-7-scripted"/"name": "\/tmp\/abs"/' "$seed" >"$T/in/abs.json"
"$BIN" run "$T/in/up.json" "$T/in/empty.json" "$T/in/abs.json" --quiet -o "$T/dir/"
check "names with '/', '..' or nothing: exit 0" test $? = 0
check "'../escaped' writes DIR/_._escaped.csv, nothing outside DIR" \
  sh -c "test -f '$T/dir/_._escaped.csv' && ! test -e '$T/escaped.csv'"
check "'' writes DIR/scenario.csv, not a hidden .csv" \
  sh -c "test -f '$T/dir/scenario.csv' && ! test -e '$T/dir/.csv'"
check "'/tmp/abs' writes DIR/_tmp_abs.csv" test -f "$T/dir/_tmp_abs.csv"
cp "$seed" "$T/in/twin.json"
"$BIN" run "$seed" "$T/in/twin.json" --quiet -o "$T/twins/" 2>"$T/err"
check "two scenarios with one name: exit 2" test $? = 2
check "two scenarios with one name: both files named" \
  sh -c "grep -q 'deployment-7-scripted.json' '$T/err' && grep -q 'twin.json' '$T/err'"
check "two scenarios with one name: nothing written" sh -c "! test -e '$T/twins'"

# Item 10: a second writer of a file refuses while the first holds it (flock(1) plays the
# first run), and the file is untouched.
flock "$T/keep.csv" "$BIN" run "$seed" --quiet -o "$T/keep.csv" 2>"$T/err"
check "second writer: exit 2" test $? = 2
check "second writer: 'another byzsim run is writing'" grep -q "another byzsim run is writing" "$T/err"
check "second writer: file untouched" keep
"$BIN" run "$seed" --quiet -o "$T/twice.csv" 2>/dev/null &
"$BIN" run "$seed" --quiet -o "$T/twice.csv" 2>/dev/null
wait
check "two runs racing to one file: one header, one row (never doubled)" \
  test "$(wc -l <"$T/twice.csv")" = 2

# Item 12: options are checked before any file is touched.
for bad in "--threads 100000" "--threads -1" "--shard 0/2" "--shard 3/2" "--shard 1/2x" \
  "--format xml" "--trials 0" "--trials -1" "--seed -1" "--trials 1e13"; do
  printf 'precious\n' >"$T/keep.csv"
  # shellcheck disable=SC2086
  "$BIN" run "$seed" --quiet $bad -o "$T/keep.csv" 2>"$T/err"
  check "$bad: exit 2 and the output untouched" refused_and_kept $?
  check "$bad: a message naming the option" grep -q -- "${bad%% *}" "$T/err"
done

# Item 5: a run of 1e12 trials starts at once in bounded memory (no per-block plan) and an
# interrupt keeps the header: run it under a 2 GB address-space limit and stop it once it
# reports progress. (The old planner needed ~100 GB here and exited 1 after replacing the file.)
(
  limit_memory 2000000
  exec "$BIN" run "$seed" --trials 1000000000000 --threads 2 --progress -o "$T/huge.csv" 2>"$T/huge.err"
) &
pid=$!
for _ in $(seq 1 600); do
  grep -q "trials/s" "$T/huge.err" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -INT "$pid" 2>/dev/null
wait "$pid"
status=$?
check "1e12 trials under ulimit -v 2 GB (none under ASan): progress, then interrupted (130)" test "$status" = 130
check "1e12 trials: the file holds the header" grep -q '^scenario,point' "$T/huge.csv"

finish
