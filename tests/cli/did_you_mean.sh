#!/usr/bin/env bash
# A mistyped command or option is refused with exit 2 and the nearest name ("did you mean"),
# as a mistyped scenario key is; nothing is written.
source "$(dirname "$0")/lib.bash"
S="$SRC/scenarios/sweeps/sweep-faults-7.json"

"$BIN" runn "$S" >"$T/out" 2>"$T/runn.err"
check "byzsim runn exits 2" test $? = 2
check "... and suggests run" grep -q "^byzsim: unknown command 'runn'; did you mean 'run'?" "$T/runn.err"
"$BIN" valdiate "$S" >"$T/out" 2>"$T/valdiate.err"
check "byzsim valdiate suggests validate" grep -q "did you mean 'validate'?" "$T/valdiate.err"
"$BIN" zzzzzzzz >"$T/out" 2>"$T/far.err"
check "a command far from every name exits 2 without a guess, listing the commands" \
  sh -c "test $? = 2 && ! grep -q 'did you mean' '$T/far.err' && grep -q 'accepted: run, exact' '$T/far.err'"

"$BIN" run "$S" --trails 5 -o "$T/trails.csv" 2>"$T/trails.err"
check "run --trails exits 2" test $? = 2
check "... suggests --trials" grep -q "unknown option '--trails'; did you mean '--trials'?" "$T/trails.err"
check "... and writes nothing" test ! -e "$T/trails.csv"
"$BIN" validate "$S" --quite 2>"$T/quite.err" >"$T/out"
check "validate --quite suggests --quiet" grep -q "did you mean '--quiet'?" "$T/quite.err"
"$BIN" exact "$S" --formt json 2>"$T/formt.err" >"$T/out"
check "exact --formt suggests --format" grep -q "did you mean '--format'?" "$T/formt.err"
"$BIN" run "$S" --zzzzzzzz 2>"$T/far-option.err" >"$T/out"
check "an option far from every name exits 2 without a guess" \
  sh -c "test $? = 2 && grep -q \"unknown option '--zzzzzzzz'\" '$T/far-option.err' && ! grep -q 'did you mean' '$T/far-option.err'"
finish
