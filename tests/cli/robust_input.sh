# Hostile input (issue 11): numbers that wrap, unbounded files, empty files and numbers beyond a
# double are refused with exit 2 and a message naming the file, position and what is accepted.
source "$(dirname "$0")/lib.bash"

seed="$SRC/scenarios/seed/deployment-7-scripted.json"

# Item 5: negative and out-of-range numbers are refused, never wrapped.
for bad in "trace --trial -1" "trace --point -1" "trace --trial 99999999999999999999" \
  "trace --trial 1000" "trace --point 1" "run --seed -1" "run --trials -1" "run --trials 2.5" \
  "run --seed 18446744073709551616"; do
  # shellcheck disable=SC2086
  "$BIN" ${bad%% *} "$seed" ${bad#* } >"$T/out" 2>"$T/err"
  check "$bad: exit 2" test $? = 2
  check "$bad: the message names the option" grep -q -- "$(echo "$bad" | cut -d' ' -f2)" "$T/err"
  check "$bad: nothing on stdout" test ! -s "$T/out"
done
"$BIN" run "$seed" --quiet --trials 1e2 --seed 18446744073709551615 -o "$T/ok.csv"
check "--trials 1e2 and the largest seed are accepted" \
  test "$(csv_get "$T/ok.csv" 0 trials),$(csv_get "$T/ok.csv" 0 seed)" = "100,18446744073709551615"

# Item 6: the 16 MiB cap holds while reading, for a device and a pipe of unknown size. (Under a
# 1 GB address-space limit, so that a regression fails here instead of exhausting the machine.)
(limit_memory 1000000 && exec "$BIN" validate /dev/zero 2>"$T/err")
check "/dev/zero: exit 2" test $? = 2
check "/dev/zero: 'larger than 16 MiB'" grep -q "/dev/zero: error: the file is larger than 16 MiB" "$T/err"
head -c 20000000 /dev/zero | (limit_memory 1000000 && exec "$BIN" run /dev/stdin --quiet 2>"$T/err")
check "a pipe of 20 MB: exit 2 with the size message" \
  sh -c "test $? = 2 && grep -q 'larger than 16 MiB' '$T/err'"

# Item 13: an empty file says so; a number beyond a double names its pointer and line:column.
: >"$T/empty.json"
"$BIN" validate "$T/empty.json" 2>"$T/err"
check "empty file: exit 2" test $? = 2
check "empty file: 'FILE: error: empty file'" grep -q "empty.json: error: empty file" "$T/err"
printf '{"agents": [{"count": 4,\n  "accuracy": 1e999}]}\n' >"$T/big.json"
"$BIN" validate "$T/big.json" 2>"$T/err"
check "1e999: exit 2" test $? = 2
check "1e999: line:column and the JSON pointer" \
  grep -q "big.json:2:15: error: at /agents/0/accuracy: invalid JSON: number overflow" "$T/err"

# An object of 200,000 keys (3.8 MB) is parsed in time linear in its keys: comment keys are
# accepted, and one repeated key among them is the one error, at its line:column. The 10 s
# bound is a hang guard for the old quadratic parse (minutes at this size), not a speed target:
# speed belongs in the benchmarks, and this machine may be shared.
$PY - "$T" <<'PY'
import sys
keys = ", ".join('"_c%d": %d' % (i, i) for i in range(200000))
head = '{"agents": [{"role": "honest", "count": 4}], '
open(sys.argv[1] + "/keys.json", "w").write(head + keys + "}\n")
open(sys.argv[1] + "/keys-dup.json", "w").write(head + keys + ', "_c7": -1}\n')
PY
timeout 10 "$BIN" validate "$T/keys.json" >"$T/keys.out" 2>"$T/keys.err"
check "200,000 comment keys: accepted within the 10 s hang guard" \
  sh -c "test $? = 0 && grep -q \"ok: 'keys', 1 point\" '$T/keys.out'"
timeout 10 "$BIN" validate "$T/keys-dup.json" 2>"$T/dup.err"
check "200,000 keys and one repeated: exit 2 within the 10 s hang guard" test $? = 2
check "... one error, the duplicate key at its line:column" sh -c "test \$(wc -l <'$T/dup.err') = 1 &&
  grep -q 'keys-dup.json:1:3777826: error: at /_c7: duplicate key' '$T/dup.err'"

# Nesting beyond 64 levels is reported where the level too many opens, with its pointer.
printf '{\n  "agents": [{"role": "honest", "count": 4}],\n  "x": %s\n}\n' \
  "$($PY -c "print('[' * 70 + ']' * 70)")" >"$T/deep.json"
"$BIN" validate "$T/deep.json" 2>"$T/err"
check "70 nested arrays: exit 2" test $? = 2
check "... at the 64th '[' (level 65), with the pointer of that value" \
  grep -q "deep.json:3:71: error: at /x\(/0\)\{63\}: the JSON nests more than 64 levels deep" "$T/err"

finish
