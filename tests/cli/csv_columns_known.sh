#!/usr/bin/env bash
# Every output says what its columns are: the sidecar <out>.meta.json lists every column of the
# file, in order, with its kind and a one-line description (docs/output.md), and the plotting
# scripts read them from there (analysis/byzsim_csv.py keeps no list of columns). For every
# shipped scenario (every protocol, its result columns, sweeps with named and unnamed axes):
# - the sidecar's "columns" are exactly the CSV header, each with a known kind and a
#   non-empty description, and the JSON rows' keys are the same list;
# - the axes the scripts find are exactly the axes the run's sidecar records;
# - without the sidecar (a CSV joined with cat, written to stdout), the kinds the scripts infer
#   from the header alone are the sidecar's.
source "$(dirname "$0")/lib.bash"
export PYTHONDONTWRITEBYTECODE=1  # importing byzsim_csv writes no __pycache__ into the source

cat >"$T/check.py" <<'PY'
import csv, json, sys
sys.path.insert(0, sys.argv[1])
import byzsim_csv
path, json_path, bare = sys.argv[2:5]
meta = json.load(open(path + ".meta.json"))
header = next(csv.reader(open(path)))
columns = meta["columns"]
problems = []
if [c["name"] for c in columns] != header:
    problems.append(f"sidecar columns {[c['name'] for c in columns]} != header {header}")
for c in columns:
    if c.get("kind") not in byzsim_csv.KINDS:
        problems.append(f"{c['name']}: unknown kind {c.get('kind')!r}")
    if not str(c.get("description", "")).strip():
        problems.append(f"{c['name']}: no description")
json_meta = json.load(open(json_path + ".meta.json"))
if [c["name"] for c in json_meta["columns"]] != header:
    problems.append("the JSON output's sidecar lists other columns")
if any(list(row) != header for row in json.load(open(json_path))):
    problems.append("JSON rows' keys are not the sidecar's columns")
axes = []
for scenario in meta["scenarios"]:
    for axis in scenario["axes"]:
        # An unnamed axis is named from its pointer (corruption_count, or seed_axis).
        column = axis.get("name") or next(
            c for c in byzsim_csv.pointer_columns(axis["pointer"]) if c in header)
        if column not in axes:
            axes.append(column)
table = byzsim_csv.Table(path)
if not table.described:
    problems.append("the scripts did not read the sidecar")
if table.swept() != axes:
    problems.append(f"scripts see axes {table.swept()}; the run swept {axes}")
inferred = byzsim_csv.Table(bare)
wrong = [(c["name"], c["kind"], inferred.kind(c["name"])) for c in columns
         if inferred.kind(c["name"]) != c["kind"]]
if inferred.described or wrong:
    problems.append(f"without the sidecar, inferred kinds differ (column, sidecar, inferred): {wrong}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

# scenarios/plans/ holds plan files (byzsim plan, tests/cli/plan.sh), not scenarios.
for file in $(cd "$SRC" && find scenarios tests/golden/scenarios -name '*.json' -not -path 'scenarios/plans/*' | sort); do
  out="$T/$(echo "$file" | tr / _).csv"
  "$BIN" run "$SRC/$file" --trials 5 --quiet -o "$out" 2>/dev/null || { fail "$file runs"; continue; }
  "$BIN" run "$SRC/$file" --trials 5 --quiet --format json -o "${out%.csv}.json" 2>/dev/null ||
    { fail "$file runs (json)"; continue; }
  cp "$out" "$T/bare.csv"  # the same file without a sidecar
  check "$file: the sidecar describes the file's columns, the scripts read them" \
    $PY "$T/check.py" "$SRC/analysis" "$out" "${out%.csv}.json" "$T/bare.csv"
done

# The check itself can fail: a sidecar missing a column, or with an empty description.
out="$T/scenarios_sweeps_k-equals-f.json.csv"
for damage in "del m['columns'][3]" "m['columns'][3]['description'] = ''"; do
  cp "$out" "$T/damaged.csv" && cp "$out.meta.json" "$T/damaged.csv.meta.json"
  $PY -c "
import json
m = json.load(open('$T/damaged.csv.meta.json')); $damage
json.dump(m, open('$T/damaged.csv.meta.json', 'w'))"
  check "a damaged sidecar is caught ($damage)" \
    bash -c "! $PY '$T/check.py' '$SRC/analysis' '$T/damaged.csv' '${out%.csv}.json' '$T/bare.csv' >/dev/null 2>&1"
done
finish
