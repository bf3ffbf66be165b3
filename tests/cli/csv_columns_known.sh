#!/usr/bin/env bash
# The plotting scripts tell swept axes from byzsim's extra columns by name
# (analysis/byzsim_csv.py, EXTRA_COLUMNS): a column byzsim adds that the list lacks would be
# plotted as a sweep axis. For every shipped scenario (every protocol, its result columns), the
# axes the scripts find must be exactly the axes the run's sidecar records.
source "$(dirname "$0")/lib.bash"

# scenarios/plans/ holds plan files (byzsim plan, tests/cli/plan.sh), not scenarios.
for file in $(cd "$SRC" && find scenarios tests/golden/scenarios -name '*.json' -not -path 'scenarios/plans/*' | sort); do
  out="$T/$(echo "$file" | tr / _).csv"
  "$BIN" run "$SRC/$file" --trials 5 --quiet -o "$out" 2>/dev/null || { fail "$file runs"; continue; }
  check "$file: the scripts' axes are the sidecar's" $PY - "$SRC/analysis" "$out" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import byzsim_csv
table = byzsim_csv.Table(sys.argv[2])
meta = json.load(open(sys.argv[2] + ".meta.json"))
axes = []
for scenario in meta["scenarios"]:
    for axis in scenario["axes"]:
        column = axis.get("name") or axis["pointer"]
        if column not in axes:
            axes.append(column)
found = table.swept()
if found != axes:
    print("scripts see axes", found, "; the run swept", axes)
    sys.exit(1)
PY
done
finish
