# tendermint from the command line: bad scenarios are refused with exit 2 and one pointed
# message; the shipped scenarios run and write the protocol's columns; the same bytes on one
# or two threads; traces of a normal trial and of a b = f + 1 split (docs/tendermint.md).
source "$(dirname "$0")/lib.bash"

# bad NAME PROTOCOL [CORRUPTION]: $T/NAME.json with 4 honest agents.
bad() {
  {
    printf '{"name": "%s", "seed": 1, "trials": 10, "truth": {"p_good": 0.5},\n' "$1"
    printf ' "protocol": %s,\n' "$2"
    printf ' "agents": [{"role": "honest", "count": 4}]' 
    if [ -n "${3:-}" ]; then printf ',\n "corruption": %s' "$3"; fi
    printf '}\n'
  } >"$T/$1.json"
}
# refused NAME TEXT: `run` exits 2, writes nothing on stdout, and its message contains TEXT.
refused() {
  "$BIN" run "$T/$1.json" >"$T/$1.out" 2>"$T/$1.err"
  local rc=$?
  check "$1: exit 2" [ "$rc" = 2 ]
  check "$1: no output" [ ! -s "$T/$1.out" ]
  check "$1: says '$2'" grep -qF -- "$2" "$T/$1.err"
}

bad quorum-above-n '{"type": "tendermint", "quorum": 5}'
refused quorum-above-n "at /protocol/quorum"
bad unknown-key '{"type": "tendermint", "timeout_prevot": "1s"}'
refused unknown-key "did you mean 'timeout_prevote'?"
bad rejudge '{"type": "tendermint", "rejudge": true}'
refused rejudge "'rejudge' does not apply to tendermint"
bad phase '{"type": "tendermint"}' \
  '{"count": 1, "role": "malicious", "strategy": "drop-phase", "phases": ["prepare"]}'
refused phase "accepted: vote, proposal, prevote, precommit, decide"
bad round-limit-0 '{"type": "tendermint", "round_limit": 0}'
refused round-limit-0 "at /protocol/round_limit"

"$BIN" run "$SRC/scenarios/tendermint/normal-4.json" --trials 200 >"$T/normal.csv"
check "normal-4 runs" [ -s "$T/normal.csv" ]
check "normal-4: every trial decides in round 0" \
  [ "$(csv_get "$T/normal.csv" 0 mean_rounds_to_decide)" = 1 ]
check "normal-4: no disagreement" [ "$(csv_get "$T/normal.csv" 0 disagreement)" = 0 ]
check "normal-4: 12 PREVOTEs per trial" [ "$(csv_get "$T/normal.csv" 0 mean_msgs_prevote)" = 12 ]

"$BIN" run "$SRC/scenarios/tendermint/safety-b-equals-f-4.json" --trials 100 --threads 1 >"$T/one.csv"
"$BIN" run "$SRC/scenarios/tendermint/safety-b-equals-f-4.json" --trials 100 --threads 2 >"$T/two.csv"
check "the same bytes on one or two threads" cmp -s "$T/one.csv" "$T/two.csv"

for format in summary mermaid text; do
  check "trace --format $format of a normal trial" \
    "$BIN" trace "$SRC/scenarios/tendermint/normal-4.json" --point 0 --trial 0 --format "$format" \
    -o "$T/trace.$format"
done
"$BIN" trace "$SRC/scenarios/tendermint/attack-b-f-plus-1-4.json" --point 2 --find disagreement \
  --format text >"$T/split.txt" 2>&1
check "a b = f + 1 split is found and traced" grep -q "outcome: disagreement" "$T/split.txt"

finish
