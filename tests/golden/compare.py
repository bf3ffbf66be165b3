#!/usr/bin/python3
"""Compares a build's outputs with the golden ones (tests/golden/files/).

Usage: compare.py GOLDEN_DIR NEW_DIR NEW_COLUMNS_FILE

Every golden file must exist in NEW_DIR and vice versa. A CSV file must keep every golden
column, in the same relative order and with byte-identical fields; a JSON file must keep every
golden member with an identical value, in the same order. The only columns allowed in addition
are those listed in NEW_COLUMNS_FILE (one per line, '#' comments), each documented in
docs/reference.md: a column added after the golden files were written.
"""
import csv
import io
import json
import os
import sys


def read_allowed(path):
    allowed = set()
    for line in open(path):
        line = line.split('#', 1)[0].strip()
        if line:
            allowed.add(line)
    return allowed


def project_check(name, golden_cols, new_cols, allowed, problems):
    extra = [c for c in new_cols if c not in golden_cols]
    missing = [c for c in golden_cols if c not in new_cols]
    if missing:
        problems.append(f"{name}: columns gone: {missing}")
    bad = [c for c in extra if c not in allowed]
    if bad:
        problems.append(f"{name}: new columns not in the allowed list: {bad}")
    kept = [c for c in new_cols if c in golden_cols]
    if not missing and kept != golden_cols:
        problems.append(f"{name}: golden columns reordered: {kept} vs {golden_cols}")


def compare_csv(name, golden_text, new_text, allowed, problems):
    golden = list(csv.reader(io.StringIO(golden_text, newline='')))
    new = list(csv.reader(io.StringIO(new_text, newline='')))
    if not golden or not new:
        if golden != new:
            problems.append(f"{name}: one file is empty")
        return
    project_check(name, golden[0], new[0], allowed, problems)
    if len(golden) != len(new):
        problems.append(f"{name}: {len(new) - 1} rows, golden has {len(golden) - 1}")
        return
    index = {c: i for i, c in enumerate(new[0])}
    for r, (g, n) in enumerate(zip(golden[1:], new[1:])):
        for c, value in zip(golden[0], g):
            if c in index and n[index[c]] != value:
                problems.append(f"{name}: row {r} column {c}: {n[index[c]]!r}, golden {value!r}")
    # Byte identity of the untouched parts: the same line endings and quoting.
    if not [c for c in new[0] if c not in golden[0]] and golden_text != new_text:
        problems.append(f"{name}: same columns and fields but different bytes")


def compare_json(name, golden_text, new_text, allowed, problems):
    golden = json.loads(golden_text)
    new = json.loads(new_text)
    if len(golden) != len(new):
        problems.append(f"{name}: {len(new)} rows, golden has {len(golden)}")
        return
    for r, (g, n) in enumerate(zip(golden, new)):
        project_check(f"{name} row {r}", list(g), list(n), allowed, problems)
        for key, value in g.items():
            if key in n and n[key] != value:
                problems.append(f"{name}: row {r} member {key}: {n[key]!r}, golden {value!r}")


def main():
    golden_dir, new_dir, allowed_file = sys.argv[1:4]
    allowed = read_allowed(allowed_file)
    problems = []
    golden_files = sorted(os.listdir(golden_dir))
    new_files = sorted(os.listdir(new_dir))
    for f in sorted(set(golden_files) ^ set(new_files)):
        where = "only golden" if f in golden_files else "only new"
        problems.append(f"{f}: {where} (a run or exact that used to work fails, or the reverse)")
    for f in golden_files:
        if f not in new_files:
            continue
        golden_text = open(os.path.join(golden_dir, f), newline='').read()
        new_text = open(os.path.join(new_dir, f), newline='').read()
        compare = compare_json if f.endswith('.json') else compare_csv
        compare(f, golden_text, new_text, allowed, problems)
    for p in problems[:40]:
        print(p)
    print(f"{len(golden_files)} golden files, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
