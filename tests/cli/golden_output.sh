#!/usr/bin/env bash
# Every shipped scenario (and tests/golden/scenarios/, which covers every strategy, protocol
# and network setting) gives the same CSV and JSON rows as the files committed in
# tests/golden/files/ before the plug-in renovation: the same columns, in the same order, with
# byte-identical values; new columns only from tests/golden/new_columns.txt.
# Regenerate only for a deliberate change of output: tests/golden/generate.sh BYZSIM . tests/golden/files
source "$(dirname "$0")/lib.bash"

# The comparison is of Release output; the sanitizer build (make test-san) runs the same code
# through every other test, and 2,000 trials of every shipped scenario would take it minutes.
if under_asan; then
  echo "skipped under AddressSanitizer (the Release suite runs it)"
  exit 0
fi

bash "$SRC/tests/golden/generate.sh" "$BIN" "$SRC" "$T/new"
check "golden files compared" $PY "$SRC/tests/golden/compare.py" "$SRC/tests/golden/files" "$T/new" \
  "$SRC/tests/golden/new_columns.txt"

# The comparison itself can fail: a changed value and an unlisted new column are caught.
mkdir -p "$T/bad"
cp "$T/new/seed_deployment-7.run.csv" "$T/bad/seed_deployment-7.run.csv"
sed -i '2s/,sim,/,sim,/; 2s/^\(deployment-7,0,coordinator-vote,7,2,5,1,1,2000,42,sim,\)[0-9]*/\11/' \
  "$T/bad/seed_deployment-7.run.csv"
mkdir -p "$T/golden1" && cp "$SRC/tests/golden/files/seed_deployment-7.run.csv" "$T/golden1/"
check "a changed count is caught" bash -c "! $PY '$SRC/tests/golden/compare.py' '$T/golden1' '$T/bad' /dev/null >/dev/null"
sed '1s/$/,surprise/; 2,$s/$/,1/' "$T/golden1/seed_deployment-7.run.csv" >"$T/bad/seed_deployment-7.run.csv"
check "an unlisted new column is caught" bash -c "! $PY '$SRC/tests/golden/compare.py' '$T/golden1' '$T/bad' /dev/null >/dev/null"
echo surprise >"$T/allowed"
check "a listed new column is accepted" $PY "$SRC/tests/golden/compare.py" "$T/golden1" "$T/bad" "$T/allowed"
finish
