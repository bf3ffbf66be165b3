# merge verifies its inputs or refuses them (exit 2, naming the file and what is wrong): every
# input needs its sidecar; all are of one run (scenario_hash, seed, trials, version, method,
# shard count); shards are complete and disjoint; every cell is what byzsim writes for its
# point and column kind. --partial merges what is there and says so.
source "$(dirname "$0")/lib.bash"

sweep="$SRC/scenarios/sweeps/sweep-faults-7.json"  # 8 points: /corruption/count = 0..7
"$BIN" run "$sweep" --trials 200 --quiet -o "$T/full.csv"
for k in 1 2 3 4 5 6 7 8; do "$BIN" run "$sweep" --trials 200 --quiet --shard $k/8 -o "$T/e$k.csv"; done
for k in 1 2; do "$BIN" run "$sweep" --trials 200 --quiet --shard $k/2 -o "$T/h$k.csv"; done

# refused NAME PATTERN FILES...: merge FILES -o $T/NAME.out exits 2, stderr matches PATTERN,
# and neither the output nor its sidecar is written.
refused() {
  local name=$1 pattern=$2
  shift 2
  "$BIN" merge "$@" -o "$T/$name.out" 2>"$T/$name.err"
  local code=$?
  check "$name: exit 2" test "$code" = 2
  check "$name: says why" grep -q -- "$pattern" "$T/$name.err"
  check "$name: writes nothing" test ! -e "$T/$name.out" -a ! -e "$T/$name.out.meta.json"
}

# --- completeness: one shard of eight is not the run ---
refused one-of-eight "shards 2, 3, 4, 5, 6, 7, 8 of 8 are missing" "$T/e1.csv"
check "one-of-eight: says how many points have no row and what is accepted" \
  grep -q "7 of 8 points have no row.*accepted: every shard's file.*--partial" "$T/one-of-eight.err"
"$BIN" merge "$T"/e[1-8].csv -o "$T/all8.csv"
check "all eight shards merge to the single run's bytes" cmp -s "$T/full.csv" "$T/all8.csv"

# More shards than points: shards 9 and 10 of 10 hold no point and may be left out.
for k in 1 2 3 4 5 6 7 8; do "$BIN" run "$sweep" --trials 200 --quiet --shard $k/10 -o "$T/ten$k.csv"; done
"$BIN" merge "$T"/ten[1-8].csv -o "$T/ten.csv"; code=$?
check "shards that hold no point (9 and 10 of 10 for 8 points) need not be given" \
  sh -c "test $code = 0 && cmp -s '$T/full.csv' '$T/ten.csv'"

# --partial merges what is there, and says so on stderr and in the sidecar.
"$BIN" merge "$T/e1.csv" "$T/e3.csv" --partial -o "$T/part.csv" 2>"$T/part.err"; code=$?
check "--partial: exit 0" test "$code" = 0
check "--partial: stderr says the output is incomplete and which shards are missing" \
  grep -q -- "--partial: the output is incomplete: 6 of 8 points have no row; shards 2, 4, 5, 6, 7, 8 of 8 are missing" "$T/part.err"
check "--partial: the rows there are, points 0 and 2" $PY -c "
import csv
rows = list(csv.DictReader(open('$T/part.csv')))
assert [r['point'] for r in rows] == ['0', '2'], rows
"
check "--partial: the sidecar says partial, the missing shards and points" $PY -c "
import json
m = json.load(open('$T/part.csv.meta.json'))
assert m['partial'] is True and m['missing_shards'] == [2, 4, 5, 6, 7, 8], m
assert m['missing_points'] == [{'scenario': 'sweep-faults-7', 'points': [1, 3, 4, 5, 6, 7]}]
assert m['shards'] == {'count': 8, 'present': [1, 3]}
"
"$BIN" merge "$T/part.csv" "$T"/e[245678].csv -o "$T/completed.csv"; code=$?
check "a partial output merged with the missing shards gives the whole run" \
  sh -c "test $code = 0 && cmp -s '$T/full.csv' '$T/completed.csv'"
check "and its sidecar is no longer partial" $PY -c "
import json
m = json.load(open('$T/completed.csv.meta.json'))
assert 'partial' not in m and 'missing_shards' not in m and m['shards']['present'] == list(range(1, 9))
"

# An interrupted shard (its last rows lost) lacks points of its own shard: named with its file.
head -n 3 "$T/h2.csv" >"$T/cut2.csv" && cp "$T/h2.csv.meta.json" "$T/cut2.csv.meta.json"
refused interrupted "lacks points 5, 7.*cut2.csv lacks points of its shard (was its run interrupted?)" \
  "$T/h1.csv" "$T/cut2.csv"

# --- each shard once ---
cp "$T/h1.csv" "$T/h1-again.csv" && cp "$T/h1.csv.meta.json" "$T/h1-again.csv.meta.json"
refused duplicate "h1-again.csv: error: shard 1 of 2 is also in .*h1.csv" \
  "$T/h1.csv" "$T/h1-again.csv" "$T/h2.csv"
"$BIN" run "$sweep" --trials 200 --quiet --shard 2/3 -o "$T/t2.csv"
refused shard-count "describes other settings than .*(--shard K/3, not K/2)" "$T/h1.csv" "$T/t2.csv"
# A row moved into another shard's file.
$PY - "$T" <<'PY'
import sys
t = sys.argv[1]
one, two = open(t + "/h1.csv").read().splitlines(True), open(t + "/h2.csv").read().splitlines(True)
open(t + "/moved1.csv", "w").write("".join(one + two[1:2]))
open(t + "/moved2.csv", "w").write("".join(two[:1] + two[2:]))
PY
cp "$T/h1.csv.meta.json" "$T/moved1.csv.meta.json" && cp "$T/h2.csv.meta.json" "$T/moved2.csv.meta.json"
refused wrong-shard "moved1.csv:6: error: point 1 belongs to shard 2 of 2, but the sidecar .*moved1.csv.meta.json says the file holds shard 1" \
  "$T/moved1.csv" "$T/moved2.csv"

# --- sidecars: present, unedited, of one run ---
"$BIN" run "$sweep" --trials 200 --quiet --shard 1/2 --seed 42 -o "$T/s42.csv"
"$BIN" run "$sweep" --trials 200 --quiet --shard 2/2 --seed 9 -o "$T/s9.csv"
refused seeds "s9.csv.meta.json: error: describes other settings than .*s42.csv.meta.json (at /scenarios/0/document/seed: 9 here, 42 in" \
  "$T/s42.csv" "$T/s9.csv"
rm "$T/s9.csv.meta.json"
refused no-sidecar "s9.csv: error: no sidecar .*s9.csv.meta.json beside it" "$T/s42.csv" "$T/s9.csv"
"$BIN" run "$sweep" --trials 300 --quiet --shard 2/2 -o "$T/t300.csv"
refused trials "describes other settings than .*/trials: 300 here, 200 in" "$T/h1.csv" "$T/t300.csv"
"$BIN" exact "$sweep" -o "$T/exact.csv"
refused method "describes other settings than .*method \"exact\", not \"sim\"" "$T/h1.csv" "$T/exact.csv"

# edit_sidecar NAME PYTHON: a copy of h2.csv as NAME.csv whose sidecar `m` PYTHON changes.
edit_sidecar() {
  cp "$T/h2.csv" "$T/$1.csv"
  $PY -c "
import json
m = json.load(open('$T/h2.csv.meta.json'))
$2
json.dump(m, open('$T/$1.csv.meta.json', 'w'), indent=2)"
}
edit_sidecar version "m['byzsim_version'] = '0.0.1'"
refused version "describes other settings than .*byzsim version \"0.0.1\", not" "$T/h1.csv" "$T/version.csv"
edit_sidecar edited "m['scenarios'][0]['document']['seed'] = 9"
refused edited "edited.csv.meta.json: error: 'scenario_hash' is .*the sidecar was edited" \
  "$T/h1.csv" "$T/edited.csv"
edit_sidecar older "del m['scenario_hash']"
refused older "older.csv.meta.json: error: no 'scenario_hash': written by a byzsim older than merge's checks.*rerun that shard" \
  "$T/h1.csv" "$T/older.csv"

# The hash is the documented recipe: FNV-1a 64 of the canonical JSON of the scenario entries
# without "file" (Python's json.dumps with sort_keys and no spaces).
check "scenario_hash is FNV-1a 64 of the canonical scenarios, as docs/output.md says" $PY -c "
import json
m = json.load(open('$T/h1.csv.meta.json'))
text = json.dumps([{k: v for k, v in e.items() if k != 'file'} for e in m['scenarios']],
                  sort_keys=True, separators=(',', ':'))
h = 14695981039346656037
for b in text.encode():
    h = ((h ^ b) * 1099511628211) % 2**64
assert m['scenario_hash'] == 'fnv1a64:%016x' % h, (m['scenario_hash'], h)
assert m['method'] == 'sim' and m['shards'] == {'count': 2, 'present': [1]}
"

# --- every cell: tamper NAME ROW COLUMN VALUE edits one cell of h2.csv (data row ROW) ---
tamper() {
  $PY - "$T/h2.csv" "$T/$1.csv" "$2" "$3" "$4" <<'PY'
import csv, sys
src, dst, row, column, value = sys.argv[1:]
rows = list(csv.reader(open(src)))
rows[int(row) + 1][rows[0].index(column)] = value
csv.writer(open(dst, "w", newline=""), lineterminator="\n").writerows(rows)
PY
  cp "$T/h2.csv.meta.json" "$T/$1.csv.meta.json"
}
cell() {  # cell NAME ROW COLUMN VALUE PATTERN: the tampered file is refused naming line and column
  tamper "$1" "$2" "$3" "$4"
  refused "$1" "$1.csv:$(($2 + 2)): error: column '$3': $5" "$T/h1.csv" "$T/$1.csv"
}
cell seed 0 seed 9 "'9' is not this point's value ('42', from the run's sidecar"
cell n 1 n 8 "'8' is not this point's value ('7', from"
cell protocol 2 protocol majority "'majority' is not this point's value ('coordinator-vote', from"
cell axis 3 corruption_count 6 "'6' is not this point's value ('7', from"
cell method-cell 0 method exact "'exact' is not this point's value ('sim', from"
cell scenario 0 scenario other "'other' is not a scenario of its sidecar"
cell point 0 point 8 "8 is not a point of scenario 'sweep-faults-7'; accepted: 0 to 7"
cell messages 1 mean_messages -1 "'-1' is not a finite number >= 0"
cell nan 2 mean_latency_s NaN "'NaN' is not a finite number >= 0"
cell inf 2 p99_latency_s inf "'inf' is not a finite number >= 0"
cell quorum 0 approve_quorum 4 "'4' is not this point's value ('5', from"
cell version-cell 0 byzsim_version 9.9.9 "'9.9.9', but the sidecar says byzsim"
cell set 1 set /truth/p_good=0.1 "'/truth/p_good=0.1', other rows say ''"
cell honest-mean 1 mean_honest 1e999 "'1e999' is not a finite number >= 0"
cell count 0 no_consensus -0 "'-0' is not a count; accepted: a whole number >= 0"
cell rate 3 p_correct 1.5 "'1.5' is not a probability; accepted: a number from 0 to 1"

# Exact rows: no counts, lo = hi = p, and the rates add up to 1.
exact_tamper() {
  $PY - "$T/exact.csv" "$T/$1.csv" "$2" "$3" <<'PY'
import csv, sys
src, dst, column, value = sys.argv[1:]
rows = list(csv.reader(open(src)))
for c in column.split("+"):
    rows[2][rows[0].index(c)] = value
csv.writer(open(dst, "w", newline=""), lineterminator="\n").writerows(rows)
PY
  cp "$T/exact.csv.meta.json" "$T/$1.csv.meta.json"
}
exact_tamper exact-rate p_wrong+p_wrong_lo+p_wrong_hi 0.5
refused exact-rate "exact-rate.csv:3: error: column 'p_correct': the four outcome rates add up to" "$T/exact-rate.csv"
exact_tamper exact-lo p_correct_lo 0
refused exact-lo "exact-lo.csv:3: error: column 'p_correct_lo': not equal to p_correct" "$T/exact-lo.csv"
exact_tamper exact-count correct 3
refused exact-count "exact-count.csv:3: error: column 'correct': '3' in an exact row, which has no counts" "$T/exact-count.csv"

# A row repeated inside one file.
{ cat "$T/h2.csv"; tail -n 1 "$T/h2.csv"; } >"$T/repeat.csv" && cp "$T/h2.csv.meta.json" "$T/repeat.csv.meta.json"
refused repeat "repeat.csv:6: error: scenario 'sweep-faults-7' point 7 is also at .*repeat.csv:5" \
  "$T/h1.csv" "$T/repeat.csv"
finish
