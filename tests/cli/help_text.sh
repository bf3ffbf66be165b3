#!/usr/bin/env bash
# Every --help fits an 80-column terminal (no line wider than 80 characters) and shows only
# options a user types: the option that takes the positional arguments (scenario files, CSV
# files, the plan file) stays hidden, the usage line names them.
source "$(dirname "$0")/lib.bash"

# Characters, not bytes (the title has an em dash).
widest() { $PY -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$1"; }

"$BIN" --help >"$T/top.txt"
check "byzsim --help exits 0" test $? = 0
check "byzsim --help: no line over 80 characters (widest $(widest "$T/top.txt"))" \
  test "$(widest "$T/top.txt")" -le 80
for command in run exact validate trace merge bench check plan; do
  "$BIN" $command --help >"$T/$command.txt" 2>"$T/$command.err"
  check "byzsim $command --help exits 0 with its options" \
    sh -c "test $? = 0 && grep -q -- '--help' '$T/$command.txt'"
  check "byzsim $command --help: no line over 80 characters (widest $(widest "$T/$command.txt"))" \
    test "$(widest "$T/$command.txt")" -le 80
  check "byzsim $command --help: no internal --scenario, --spec or --csv option" \
    sh -c "! grep -E -- '--(scenario|spec|csv)\\b' '$T/$command.txt'"
done
# The hidden option still takes the positional arguments.
"$BIN" validate "$SRC/scenarios/sweeps/sweep-faults-7.json" -q >"$T/v.out" 2>&1
check "validate still reads its positional scenario" test $? = 0
finish
