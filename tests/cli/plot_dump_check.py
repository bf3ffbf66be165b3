"""Check what a plotting script drew (its --dump-data JSON) against the CSV it read.

Used by tests/cli/plots.sh: python3 plot_dump_check.py DUMP.json DATA.csv. Re-derives from the
CSV alone, independently of analysis/byzsim_csv.py, which cells must be greyed and checks:
  - no label or title is a raw JSON pointer (like /corruption/count);
  - percentages: nothing below 1 printed as 100%, nothing above 0 as 0%, and one
    number of decimals across the figure;
  - heat maps of a probability use the full 0..1 colour scale;
  - a cell or point is 'clamped' exactly when it asks for more corrupted agents than
    there are honest ones (K > honest), 'degenerate' exactly when fewer than two honest
    agents are left (mean_honest < 2, or n - malicious - faulty - min(K, honest) < 2),
    and greyed cells are drawn grey (r = g = b).
Prints each problem and exits 1 if there is any.
"""
import csv
import json
import re
import sys

dump = json.load(open(sys.argv[1]))
rows = {}
with open(sys.argv[2], newline="") as handle:
    reader = csv.reader(handle)
    header = next(reader)
    for record in reader:
        if record == header or not record:
            continue
        rows[reader.line_num] = dict(zip(header, record))
problems = []
POINTER = re.compile(r"(^|[\s(=,])/[A-Za-z_]+(/[A-Za-z0-9_~]+)*")


def no_pointer(where, text):
    if text and POINTER.search(text):
        problems.append(f"{where}: a raw JSON pointer in the label '{text}'")


def expected_kind(line):
    row = rows[line]
    k = None
    # The corruption count's column: its pointer in older files, its name now.
    for column in ("/corruption/count", "corruption_count"):
        if row.get(column, "") not in ("", None):
            k = float(row[column])
    honest = float(row["honest"])
    if k is not None and k > honest:
        return "clamped"
    if row.get("mean_honest", "") != "":
        left = float(row["mean_honest"])
    else:
        corrupted = min(k, honest) if k is not None else float(row.get("mean_corrupted") or 0)
        left = float(row["n"]) - float(row["malicious"]) - float(row["faulty"]) - corrupted
    return "degenerate" if left < 2 - 1e-9 else None


def check_kind(where, item):
    lines = item.get("csv_lines") or []
    if not lines:
        return
    kinds = {expected_kind(line) for line in lines}
    want = "clamped" if "clamped" in kinds else "degenerate" if "degenerate" in kinds else None
    if item.get("kind") != want:
        problems.append(f"{where}: drawn as {item.get('kind') or 'a result'}, but the CSV "
                        f"lines {lines} make it {want or 'a result'}")


def check_percent(where, value, text, decimals):
    if not text or value is None:
        return
    if not text.endswith("%"):
        return
    if text[0] in "<>":
        return
    number = float(text.rstrip("%"))
    if value < 1 and number >= 100:
        problems.append(f"{where}: {value!r} printed as '{text}'")
    if value > 0 and number <= 0:
        problems.append(f"{where}: {value!r} printed as '{text}'")
    decimals.add(len(text.rstrip("%").partition(".")[2]))


for key in ("title", "x_label", "y_label", "colour_bar"):
    no_pointer(key, dump.get(key))
for text in dump.get("legend", []):
    no_pointer("legend", text)
decimals = set()
if dump["script"] == "plot_phase.py":
    if dump["rate"].startswith("p_") and (dump["vmin"], dump["vmax"]) != (0, 1):
        problems.append(f"colour scale {dump['vmin']}..{dump['vmax']}, not 0..1")
    for panel in dump["panels"]:
        no_pointer("panel title", panel["title"])
        no_pointer("x label", panel["x_label"])
        no_pointer("y label", panel["y_label"])
        for cell in panel["cells"]:
            where = f"panel '{panel['title']}' cell ({cell['x']}, {cell['y']})"
            check_kind(where, cell)
            check_percent(where, cell["value"], cell["text"], decimals)
            if cell["kind"] is not None:
                r, g, b = (cell["colour"][i:i + 2] for i in (1, 3, 5))
                if not r == g == b:
                    problems.append(f"{where}: {cell['kind']} but coloured {cell['colour']}")
elif dump["script"] == "plot_outcomes.py":
    for panel in dump["panels"]:
        no_pointer("panel title", panel["title"])
        no_pointer("x label", panel.get("x_label"))
        for point in panel.get("points", []):
            check_kind(f"panel '{panel['title']}' x {point['x_text']}", point)
    for item in dump.get("labels", []):
        check_percent(f"bar '{item['panel']}' {item['outcome']}", item["p"], item["text"],
                      decimals)
elif dump["script"] == "plot_cost.py":
    for line in dump["lines"]:
        no_pointer("line", line["name"])
if len(decimals) > 1:
    problems.append(f"percentages with different numbers of decimals: {sorted(decimals)}")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
