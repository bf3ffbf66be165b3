#!/usr/bin/env bash
# Writes the golden outputs of every shipped scenario and of tests/golden/scenarios/ (coverage of
# every strategy, protocol and network setting) (CSV and JSON from `run`, CSV from `exact`
# where exact accepts the scenario) into DIR. tests/cli/golden_output.sh compares a build's
# outputs against the copies committed in tests/golden/files/, which were written by the tree
# before the plug-in renovation (issue 12): the renovation must not change any old column.
# Usage: tests/golden/generate.sh BYZSIM SOURCE_DIR DIR
set -eu
BIN=$1 SRC=$2 DIR=$3
TRIALS=2000  # enough trials that every outcome and code path shows in most files
mkdir -p "$DIR"
cd "$SRC"
# scenarios/plans/ holds plan files (byzsim plan), not scenarios. scenarios/rare/ estimates by
# importance sampling, whose rows postdate the golden files: tests/cli/rare_events.sh checks them.
for file in $(find scenarios tests/golden/scenarios -name '*.json' -not -path 'scenarios/plans/*' \
              -not -path 'scenarios/rare/*' | sort); do
  base=$(echo "${file#scenarios/}" | sed 's,^tests/golden/scenarios/,golden/,' | tr / _)
  base=${base%.json}
  "$BIN" run "$file" --trials $TRIALS -q 2>/dev/null >"$DIR/$base.run.csv"
  "$BIN" run "$file" --trials $TRIALS -q --format json 2>/dev/null >"$DIR/$base.run.json"
  if "$BIN" exact "$file" >"$DIR/$base.exact.csv" 2>/dev/null; then :; else rm -f "$DIR/$base.exact.csv"; fi
done
