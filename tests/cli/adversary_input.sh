# Bad input for the adversary's strategies (follow-majority, drop-phase, isolate, turn-at, mutate,
# equivocate with "phases") is refused with exit 2 and one message naming the file, line:column,
# the JSON pointer, what is wrong and what is accepted (with the nearest valid name where one is
# close); nothing is written. Each strategy loads where its protocol has the messages it acts on.
source "$(dirname "$0")/lib.bash"

PBFT='{"type": "pbft", "round_timeout": "1s", "view_timeout": "2s"}'
OM='{"type": "om", "m": 1, "round_timeout": "1s"}'
SM='{"type": "sm", "m": 1, "round_timeout": "1s"}'
CV='{"type": "coordinator-vote", "round_timeout": "1s"}'
MAJ='{"type": "majority", "round_timeout": "1s"}'
HONEST='{"role": "honest", "count": 1}'

# scen NAME PROTOCOL GROUP [CORRUPTION]: $T/NAME.json with 3 honest agents, then GROUP alone on
# line 4 (from column 3), then CORRUPTION alone on line 5 (from column 17).
scen() {
  {
    printf '{"name": "%s", "seed": 1, "trials": 100, "truth": {"p_good": 0.5},\n' "$1"
    printf ' "protocol": %s,\n' "$2"
    printf ' "agents": [{"role": "honest", "count": 3},\n'
    printf '  %s],\n' "$3"
    if [ -n "${4:-}" ]; then printf ' "corruption": %s,\n' "$4"; fi
    printf ' "network": {"latency": {"dist": "uniform", "min": "5ms", "max": "50ms"}}}\n'
  } >"$T/$1.json"
}

# refused NAME POINTER [TEXT...]: `validate` exits 2, prints nothing on stdout and exactly one
# message "FILE:LINE:COL: error: at POINTER: ...; accepted..." that contains every TEXT.
refused() {
  local name=$1 pointer=$2
  shift 2
  "$BIN" validate "$T/$name.json" >"$T/$name.out" 2>"$T/$name.err"
  local code=$?
  check "$name: exit 2, nothing on stdout" test "$code" = 2 -a ! -s "$T/$name.out"
  check "$name: one message with file, line:column, pointer $pointer and what is accepted" \
    sh -c "test \$(wc -l <'$T/$name.err') = 1 &&
      grep -Eq '^$T/$name\.json:[0-9]+:[0-9]+: error: at $pointer: .+; accepted' '$T/$name.err'"
  local text
  for text; do check "$name: says \"$text\"" grep -qF -- "$text" "$T/$name.err"; done
}
# exactly NAME LINE: the whole message is LINE (after refused NAME).
exactly() {
  check "$1: the message reads exactly as expected" grep -qxF -- "$T/$1.json:$2" "$T/$1.err"
}

# --- phase names, against the protocol's phase table ---
scen phase-typo "$PBFT" '{"role": "malicious", "count": 1, "strategy": "drop-phase", "phases": ["comit"]}'
refused phase-typo /agents/1/phases/0 "did you mean 'commit'?"
exactly phase-typo "4:74: error: at /agents/1/phases/0: unknown phase 'comit' of protocol pbft; accepted: vote, pre-prepare, prepare, commit, view-change, decide; did you mean 'commit'?"

scen phase-typo-corruption "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "equivocate", "phases": ["commit", "prepar"]}'
refused phase-typo-corruption /corruption/phases/1 "unknown phase 'prepar' of protocol pbft" \
  "did you mean 'prepare'?"
exactly phase-typo-corruption "5:97: error: at /corruption/phases/1: unknown phase 'prepar' of protocol pbft; accepted: vote, pre-prepare, prepare, commit, view-change, decide; did you mean 'prepare'?"

scen phase-of-pbft-under-cv "$CV" '{"role": "malicious", "count": 1, "strategy": "drop-phase", "phases": ["commit"]}'
refused phase-of-pbft-under-cv /agents/1/phases/0
exactly phase-of-pbft-under-cv "4:74: error: at /agents/1/phases/0: unknown phase 'commit' of protocol coordinator-vote; accepted: proposal, vote, decision"

scen phase-of-pbft-under-om "$OM" '{"role": "malicious", "count": 1, "strategy": "equivocate", "phases": ["prepare"]}'
refused phase-of-pbft-under-om /agents/1/phases/0
exactly phase-of-pbft-under-om "4:74: error: at /agents/1/phases/0: unknown phase 'prepare' of protocol om; accepted: order"

scen phases-empty "$PBFT" '{"role": "malicious", "count": 1, "strategy": "drop-phase", "phases": []}'
refused phases-empty /agents/1/phases
exactly phases-empty "4:73: error: at /agents/1/phases: 'phases' is empty; accepted: a non-empty array of the protocol's phase names, e.g. [\"commit\"]"

scen phases-not-array "$PBFT" '{"role": "malicious", "count": 1, "strategy": "drop-phase", "phases": "commit"}'
refused phases-not-array /agents/1/phases "'phases' must be an array, not the string \"commit\""

scen phases-missing "$PBFT" '{"role": "malicious", "count": 1, "strategy": "drop-phase"}'
refused phases-missing /agents/1/phases "missing required key 'phases'" "strategy 'drop-phase' needs it"

# --- "phases" (and the other options) where the strategy does not take them ---
scen phases-to-mutate "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 0.5, "phases": ["commit"]}'
refused phases-to-mutate /agents/1/phases "'phases' does not apply to strategy 'mutate'" \
  "accepted: 'phases' is taken by strategies " "drop-phase"
check "phases-to-mutate: line:column of the \"phases\" key" \
  grep -q "^$T/phases-to-mutate.json:4:69: " "$T/phases-to-mutate.err"
scen phases-to-follow-majority "$PBFT" '{"role": "malicious", "count": 1, "strategy": "follow-majority", "phases": ["commit"]}'
refused phases-to-follow-majority /agents/1/phases "'phases' does not apply to strategy 'follow-majority'"
scen phases-to-isolate-corruption "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "isolate", "targets": [0], "phases": ["commit"]}'
refused phases-to-isolate-corruption /corruption/phases "'phases' does not apply to strategy 'isolate'"
scen targets-to-drop-phase "$PBFT" '{"role": "malicious", "count": 1, "strategy": "drop-phase", "phases": ["commit"], "targets": [0]}'
refused targets-to-drop-phase /agents/1/targets "'targets' does not apply to strategy 'drop-phase'" \
  "accepted: 'targets' is taken by strateg" "isolate"
# turn-at takes "at", "then" and the options of its "then" strategy: mutate takes no "phases", so
# they would be ignored without a word.
scen phases-to-turn-at-mutate "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "mutate", "p": 0.5, "phases": ["commit"]}'
refused phases-to-turn-at-mutate /agents/1/phases "does not apply" "mutate"

# --- target agents, against n ---
scen target-out-of-range "$PBFT" '{"role": "malicious", "count": 1, "strategy": "isolate", "targets": [9]}'
refused target-out-of-range /agents/1/targets/0
exactly target-out-of-range "4:72: error: at /agents/1/targets/0: target agent 9 is out of range: n = 4; accepted: agent indices from 0 to 3"
scen target-of-turn-at "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "turn-at", "at": "1s", "then": "isolate", "targets": [1, 4]}'
refused target-of-turn-at /corruption/targets/1 "target agent 4 is out of range: n = 4" \
  "accepted: agent indices from 0 to 3"
scen target-negative "$PBFT" '{"role": "malicious", "count": 1, "strategy": "isolate", "targets": [-1]}'
refused target-negative /agents/1/targets/0 "'targets' is -1, below 0"
scen targets-missing "$PBFT" '{"role": "malicious", "count": 1, "strategy": "isolate"}'
refused targets-missing /agents/1/targets "missing required key 'targets'" "strategy 'isolate' needs it"
# A sweep point whose value puts a target out of range: the point is named, at its line.
cat >"$T/sweep-target.json" <<EOF
{"name": "sweep-target", "seed": 1, "trials": 100, "truth": {"p_good": 0.5},
 "protocol": $PBFT,
 "agents": [{"role": "honest", "count": 4}],
 "corruption": {"count": 1, "role": "malicious", "strategy": "isolate", "targets": [3]},
 "sweep": {"/corruption": [
   {"count": 1, "role": "malicious", "strategy": "isolate", "targets": [3]},
   {"count": 1, "role": "malicious", "strategy": "isolate", "targets": [4]}]}}
EOF
refused sweep-target /corruption/targets/0 "target agent 4 is out of range: n = 4 at sweep point 1"
check "sweep-target: placed at the sweep value's line" grep -q "^$T/sweep-target.json:7:" "$T/sweep-target.err"

# --- turn-at's "then" ---
scen then-itself "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "turn-at"}'
refused then-itself /agents/1/then "strategy 'turn-at' cannot turn into itself" \
  "accepted: a strategy that acts on messages: " "mutate"
check "then-itself: line:column of the \"then\" value" grep -q "^$T/then-itself.json:4:80: " "$T/then-itself.err"
scen then-judge "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "judge"}'
refused then-judge /agents/1/then "strategy 'judge' is not for malicious agents" \
  "accepted: a strategy that acts on messages: "
scen then-oppose-truth "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "oppose-truth"}'
refused then-oppose-truth /agents/1/then "strategy 'oppose-truth' does not act on messages" \
  "accepted: a strategy that acts on messages: "
check "then-oppose-truth: the accepted list has no strategy without a message rule" \
  bash -c "! grep -Eq 'messages: .*(oppose-truth|judge|turn-at)' '$T/then-oppose-truth.err'"
scen then-typo "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "mutat", "p": 0.5}'
refused then-typo /agents/1/then "unknown strategy 'mutat'" "did you mean 'mutate'?"
scen then-missing "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s"}'
refused then-missing /agents/1/then "missing required key 'then'"
scen then-drop-phase-no-phases "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "drop-phase"}'
refused then-drop-phase-no-phases /agents/1/then
exactly then-drop-phase-no-phases "4:80: error: at /agents/1/then: strategy 'drop-phase' needs 'phases'; accepted: give 'phases' beside \"then\""
scen then-mutate-no-p-corruption "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "turn-at", "at": "1s", "then": "mutate"}'
refused then-mutate-no-p-corruption /corruption/then \
  "strategy 'mutate' needs 'strategy_p'" "accepted: give 'strategy_p' beside \"then\""
scen turn-at-faulty "$PBFT" '{"role": "faulty", "count": 1, "strategy": "turn-at", "at": "1s", "then": "mutate", "p": 0.5}'
refused turn-at-faulty /agents/1/strategy "strategy 'turn-at' is for malicious agents, not faulty ones" \
  "accepted for faulty agents: "

# --- mutate's probability and mutations ---
scen p-above-1 "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 1.5}'
refused p-above-1 /agents/1/p
exactly p-above-1 "4:64: error: at /agents/1/p: 'p' is 1.5, above 1; accepted: a probability from 0 to 1"
scen p-below-0 "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": -0.1}'
refused p-below-0 /agents/1/p "'p' is -0.1, below 0" "accepted: a probability from 0 to 1"
scen p-missing "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate"}'
refused p-missing /agents/1/p "missing required key 'p'" "strategy 'mutate' needs it"
scen strategy-p-above-1 "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "mutate", "strategy_p": 1.5}'
refused strategy-p-above-1 /corruption/strategy_p
exactly strategy-p-above-1 "5:86: error: at /corruption/strategy_p: 'strategy_p' is 1.5, above 1; accepted: a probability from 0 to 1"
scen strategy-p-below-0 "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "mutate", "strategy_p": -0.5}'
refused strategy-p-below-0 /corruption/strategy_p "'strategy_p' is -0.5, below 0"
scen turn-at-strategy-p "$PBFT" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "turn-at", "at": "1s", "then": "mutate", "strategy_p": 2}'
refused turn-at-strategy-p /corruption/strategy_p "'strategy_p' is 2, above 1"
scen mutation-typo "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 0.5, "mutations": ["value", "valu"]}'
refused mutation-typo /agents/1/mutations/1
exactly mutation-typo "4:92: error: at /agents/1/mutations/1: unknown mutation 'valu'; accepted: value, round; did you mean 'value'?"
scen mutation-unknown "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 0.5, "mutations": ["sender"]}'
refused mutation-unknown /agents/1/mutations/0 "unknown mutation 'sender'" "accepted: value, round"
scen mutations-empty "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 0.5, "mutations": []}'
refused mutations-empty /agents/1/mutations "'mutations' is empty"
scen rounds-too-big "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 0.5, "rounds": [70000]}'
refused rounds-too-big /agents/1/rounds/0 "'rounds' is 70000, above 65535"

# --- strategies that act on agent-to-agent messages, under a trusted coordinator ---
for s in mutate isolate follow-majority turn-at; do
  case $s in
    mutate) opts=', "p": 0.5' ;;
    isolate) opts=', "targets": [0]' ;;
    turn-at) opts=', "at": "1s", "then": "drop-phase", "phases": ["vote"]' ;;
    *) opts= ;;
  esac
  scen "$s-under-cv" "$CV" "{\"role\": \"malicious\", \"count\": 1, \"strategy\": \"$s\"$opts}"
  refused "$s-under-cv" /agents/1/strategy \
    "strategy '$s' needs protocol pbft, om, sm, hotstuff, bracha, tendermint, not coordinator-vote" \
    "accepted with coordinator-vote: " "drop-phase" "or set \"protocol\": {\"type\": \"pbft\"}"
  check "$s-under-cv: line:column of the strategy's name" \
    grep -q "^$T/$s-under-cv.json:4:49: " "$T/$s-under-cv.err"
  check "$s-under-cv: not among the strategies accepted there" \
    bash -c "! grep -q 'accepted with coordinator-vote: .*\\b$s\\b' '$T/$s-under-cv.err'"
done
scen mutate-corruption-under-majority "$MAJ" "$HONEST" \
  '{"count": 1, "role": "malicious", "strategy": "mutate", "strategy_p": 0.5}'
refused mutate-corruption-under-majority /corruption/strategy "strategy 'mutate' needs protocol" \
  "not majority" "accepted with majority: "

# --- nothing is written on refusal ---
"$BIN" run "$T/target-out-of-range.json" --quiet -o "$T/refused.csv" >"$T/r.out" 2>"$T/r.err"; code=$?
check "run of a refused scenario with -o: exit 2, no file, no sidecar, the message on stderr" \
  sh -c "test $code = 2 && test ! -e '$T/refused.csv' && test ! -e '$T/refused.csv.meta.json' &&
    test ! -s '$T/r.out' && grep -q 'at /agents/1/targets/0: target agent 9' '$T/r.err'"
"$BIN" trace "$T/then-itself.json" -o "$T/refused.txt" >"$T/t.out" 2>"$T/t.err"; code=$?
check "trace of a refused scenario with -o: exit 2, no file, the message on stderr" \
  sh -c "test $code = 2 && test ! -e '$T/refused.txt' && test ! -s '$T/t.out' &&
    grep -q 'cannot turn into itself' '$T/t.err'"
"$BIN" exact "$T/phase-of-pbft-under-cv.json" -o "$T/refused-exact.csv" >"$T/e.out" 2>"$T/e.err"; code=$?
check "exact of a refused scenario with -o: exit 2, no file, no sidecar, the message on stderr" \
  sh -c "test $code = 2 && test ! -e '$T/refused-exact.csv' && test ! -e '$T/refused-exact.csv.meta.json' &&
    test ! -s '$T/e.out' && grep -q \"unknown phase 'commit' of protocol coordinator-vote\" '$T/e.err'"
"$BIN" validate "$T/phase-typo.json" --set '/agents/1/phases=["prepar"]' >"$T/s.out" 2>"$T/s.err"; code=$?
check "--set of a misspelt phase: exit 2, names the option and suggests the phase" \
  sh -c "test $code = 2 && test ! -s '$T/s.out' &&
    grep -q \"^<command line>: error: at /agents/1/phases/0: unknown phase 'prepar' of protocol pbft (from --set /agents/1/phases=\" '$T/s.err' &&
    grep -q \"did you mean 'prepare'?\" '$T/s.err'"

# --- what loads ---
loads() {  # loads NAME: validate exits 0
  "$BIN" validate --quiet "$T/$1.json" >"$T/$1.out" 2>"$T/$1.err"
  local code=$?
  check "$1: loads (validate exit 0, no problem printed)" test "$code" = 0 -a ! -s "$T/$1.err"
}
for p in pbft:commit om:order sm:order; do
  proto=${p%%:*} phase=${p#*:}
  case $proto in pbft) P=$PBFT ;; om) P=$OM ;; sm) P=$SM ;; esac
  scen "$proto-follow-majority" "$P" '{"role": "malicious", "count": 1, "strategy": "follow-majority"}'
  scen "$proto-drop-phase" "$P" "{\"role\": \"malicious\", \"count\": 1, \"strategy\": \"drop-phase\", \"phases\": [\"$phase\"]}"
  scen "$proto-isolate" "$P" '{"role": "faulty", "count": 1, "strategy": "isolate", "targets": [0, 2]}'
  scen "$proto-turn-at" "$P" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "50ms", "then": "mutate", "p": 0.5, "mutations": ["round"]}'
  scen "$proto-mutate" "$P" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 1, "rounds": [0, 1], "mutations": ["value", "round"]}'
  scen "$proto-equivocate-phases" "$P" "{\"role\": \"malicious\", \"count\": 1, \"strategy\": \"equivocate\", \"phases\": [\"$phase\"]}"
  scen "$proto-mutate-corruption" "$P" "$HONEST" \
    '{"count": 1, "role": "malicious", "strategy": "mutate", "strategy_p": 0.5, "mutations": ["value"]}'
  for s in follow-majority drop-phase isolate turn-at mutate equivocate-phases mutate-corruption; do
    loads "$proto-$s"
  done
done
scen pbft-mutate-p-0 "$PBFT" '{"role": "malicious", "count": 1, "strategy": "mutate", "p": 0}'
loads pbft-mutate-p-0
scen pbft-turn-at-drop-phase "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": {"dist": "uniform", "min": "0s", "max": "1s"}, "then": "drop-phase", "phases": ["prepare", "view-change"]}'
loads pbft-turn-at-drop-phase
scen pbft-turn-at-isolate "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "isolate", "targets": [3]}'
loads pbft-turn-at-isolate
scen pbft-turn-at-equivocate "$PBFT" '{"role": "malicious", "count": 1, "strategy": "turn-at", "at": "1s", "then": "equivocate", "phases": ["commit"]}'
loads pbft-turn-at-equivocate
scen cv-drop-phase-vote "$CV" '{"role": "malicious", "count": 1, "strategy": "drop-phase", "phases": ["vote"]}'
loads cv-drop-phase-vote
scen majority-drop-phase-vote "$MAJ" "$HONEST" \
  '{"count": 1, "role": "faulty", "strategy": "drop-phase", "phases": ["vote"]}'
loads majority-drop-phase-vote
for f in "$SRC"/scenarios/adversary/*.json; do
  "$BIN" validate --quiet "$f" >"$T/shipped.out" 2>"$T/shipped.err"
  check "shipped $(basename "$f"): loads" test $? = 0 -a ! -s "$T/shipped.err"
done

finish
