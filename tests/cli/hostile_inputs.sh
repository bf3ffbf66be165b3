# Generated hostile inputs (tests/cli/hostile_inputs.py): mutated scenarios and plans, bad sweep
# specs and option values, outputs that may not be written, tampered merge inputs, and runs
# interrupted then resumed. Every input is invalid by construction; none may crash byzsim,
# succeed, change an existing output or exceed 60 s / 4 GiB, and each refusal is exit 2 with a
# message that points at the problem.
source "$(dirname "$0")/lib.bash"

# The 4 GiB address-space limit cannot hold an AddressSanitizer binary (it reserves terabytes
# at start-up), and the sanitizer run would take far longer than this suite's budget.
if under_asan; then echo "skipped under AddressSanitizer (the Release suite runs it)"; exit 0; fi

$PY "$SRC/tests/cli/hostile_inputs.py" "$BIN" "$SRC" "$T" | tee "$T/hostile.log"
check "the generator ran to its report" test "${PIPESTATUS[0]}" = 0
count() { sed -n "s|^$1: ||p" "$T/hostile.log"; }
cases=$(count cases)
check "at least 300 cases (got ${cases:-none})" test "${cases:-0}" -ge 300
for bad in crashes "false successes" "outputs destroyed" "over time/memory" "bad messages"; do
  n=$(count "$bad")
  check "$bad: 0 (got ${n:-none})" test "${n:-x}" = 0
done
finish
