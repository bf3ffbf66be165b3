# hotstuff from the command line (docs/hotstuff.md): the shipped scenarios run; with b = f no
# disagreement, violation or uncertified decision; at b = f + 1 blind equivocators split the
# honest agents; the same bytes on 1 and 2 threads; bad protocol input is exit 2 with the
# loader's pointed message; trace formats work.
# Confidence: at b = f + 1 the measured rate is 0.20 at n = 4; P(0 in 1000 trials) < 1e-90.
source "$(dirname "$0")/lib.bash"
DIR="$SRC/scenarios/hotstuff"

# all FILE EXPR: EXPR (Python) holds for every row r of FILE, with num(x) = float(x).
all() {
  $PY - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows, "no rows"
num = float
for r in rows:
    assert eval(sys.argv[2]), (sys.argv[2], r)
PY
}

"$BIN" run "$DIR/normal-4.json" --trials 500 --quiet -o "$T/normal.csv"
check "normal case: every trial decides after 4 views, 24 messages at n = 4" \
  all "$T/normal.csv" "r['no_consensus'] == '0' and num(r['mean_views_to_decide']) == 4 and num(r['mean_messages']) <= 24"
for n in 4 7; do
  "$BIN" run "$DIR/safety-b-equals-f-$n.json" --trials 500 --quiet -o "$T/safety-$n.csv"
  check "b = f, n = $n: no disagreement, violation or uncertified decision in any row" \
    all "$T/safety-$n.csv" "r['disagreement'] == '0' and r['safety_violations'] == '0' and r['uncertified_decisions'] == '0' and r['invalid_decisions'] == '0'"
done
"$BIN" run "$DIR/attack-b-f-plus-1-4.json" --trials 1000 --quiet -o "$T/attack.csv"
check "b = f + 1, n = 4: blind equivocators make honest agents disagree" \
  $PY -c "import csv; r = list(csv.DictReader(open('$T/attack.csv'))); assert int(r[0]['disagreement']) > 0"
"$BIN" run "$DIR/safety-b-equals-f-7.json" --trials 300 --threads 1 --quiet -o "$T/one.csv"
"$BIN" run "$DIR/safety-b-equals-f-7.json" --trials 300 --threads 2 --quiet -o "$T/two.csv"
check "the same bytes on 1 and 2 threads" cmp -s "$T/one.csv" "$T/two.csv"

bad() {  # bad NAME PROTOCOL_JSON AGENTS_JSON WORDS...: exit 2, each of WORDS in the message
  local name=$1 protocol=$2 agents=$3; shift 3
  printf '{"protocol": %s, "agents": %s}\n' "$protocol" "$agents" >"$T/$name.json"
  "$BIN" run "$T/$name.json" --trials 1 -o "$T/$name.csv" 2>"$T/$name.err"
  local rc=$?
  check "$name: exit 2" test "$rc" = 2
  for words in "$@"; do check "$name: says '$words'" grep -qF "$words" "$T/$name.err"; done
}
FOUR='[{"role": "honest", "count": 4}]'
bad quorum-above-n '{"type": "hotstuff", "quorum": 5}' "$FOUR" "/protocol/quorum" "n = 4"
bad unknown-key '{"type": "hotstuff", "quorom": 3}' "$FOUR" "/protocol/quorom" "unknown key"
bad leader-views-zero '{"type": "hotstuff", "leader_views": 0}' "$FOUR" "/protocol/leader_views"
bad rejudge '{"type": "hotstuff", "rejudge": true}' "$FOUR" "does not apply to hotstuff"
bad quorum-percent '{"type": "hotstuff", "quorum": "120%"}' "$FOUR" "/protocol/quorum"
bad no-agents '{"type": "hotstuff"}' '[]' "/agents"
bad new-view-wait-zero '{"type": "hotstuff", "new_view_wait": "0ms"}' "$FOUR" "/protocol/new_view_wait" "more than 0"

for format in summary mermaid text; do
  "$BIN" trace "$DIR/normal-4.json" --point 0 --trial 0 --format "$format" >"$T/trace.$format" 2>&1
  check "trace --format $format: exit 0, names a commit" \
    bash -c "grep -qiE 'commit' '$T/trace.$format'"
done
finish
