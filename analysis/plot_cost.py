#!/usr/bin/python3
"""Plot byzsim expected cost against a column (default n), one line per group, cheapest marked.

Reads a byzsim results CSV (contract section 5) whose scenarios have a `costs` block (the
CSV then has an `expected_cost` column) and draws the cost against --x for each value of
--group (default protocol), with a star and a note at the cheapest setting of each line:
where adding agents stops paying off. Runs headless (matplotlib Agg).
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import byzsim_csv as bc  # noqa: E402

MAX_LINES = 20

EPILOG = """\
lines: one per value of --group (default protocol; 'none': one line). Rows of a group
  that would still meet at the same x with other settings (another scenario, a second
  swept pointer...) get their own lines automatically; rows of the very same setting
  (other seeds) are averaged. Simulated rows are solid lines with dots, exact rows
  (method=exact) dashed lines of the same colour.
cheapest: per line, the x with the lowest cost (the smallest x on ties), marked with a
  star and annotated with its x and cost.
interval: when the file has COST_lo and COST_hi columns they are shaded.
x axis: --x COLUMN (default n when it varies, else the swept axis with the most values);
  it must vary (exit 2 otherwise). Axis labels are words, never JSON pointers.
--dump-data FILE writes what was drawn (lines, points, labels) as JSON.
needed columns: the --x, --cost and --group columns (rows with an empty cost are
  skipped; at least one row must have one).
exit status: 0 plot written; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/plot_cost.py out/results.csv -o out/cost.png --x n
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="plot_cost.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="byzsim results CSV with an expected_cost column")
    parser.add_argument("-o", "--out", required=True,
                        help="image to write (.png, .pdf or .svg)")
    parser.add_argument("--x", metavar="COLUMN",
                        help="column on the x axis (default n when it varies, else the "
                             "swept axis with the most values)")
    parser.add_argument("--cost", metavar="COLUMN", default="expected_cost",
                        help="column to plot (default expected_cost)")
    parser.add_argument("--group", metavar="COLUMN", default="protocol",
                        help="one line per value of COLUMN (default protocol); 'none' for one")
    parser.add_argument("--logy", action="store_true", help="logarithmic y axis")
    parser.add_argument("--title", help="figure title (default: 'Expected cost against X')")
    parser.add_argument("--dpi", type=int, default=130, help="resolution (default 130)")
    parser.add_argument("--dump-data", metavar="FILE",
                        help="also write what was drawn as JSON (for tests)")
    args = parser.parse_args(argv)
    if args.dpi < 10:
        parser.error("--dpi must be at least 10")
    return args


class Line:
    def __init__(self, name, method):
        self.name, self.method = name, method
        self.xs, self.texts, self.costs, self.los, self.his = [], [], [], [], []


def default_x(table):
    if table.varies("n"):
        return "n"
    swept = sorted((c for c in table.swept() if table.varies(c)),
                   key=lambda c: -table.distinct(c))
    return swept[0] if swept else "n"


def build_lines(table, args):
    group_col = None if args.group.lower() == "none" else args.group
    if not table.has(args.cost) and args.cost == "expected_cost":
        bc.fail(f"{table.path}: no 'expected_cost' column: the scenarios have no 'costs' "
                f"block (add one, e.g. \"costs\": {{\"wrong\": 1000, \"per_agent\": 1}}), or "
                f"plot another column with --cost COLUMN (e.g. mean_messages). The file has the "
                f"columns: {', '.join(table.columns)}")
    if args.x is None:
        args.x = default_x(table)
    needed = [(args.x, "--x"), (args.cost, "--cost")]
    if group_col:
        needed.append((group_col, "--group"))
    table.require(needed)
    if table.kind(args.cost) in ("rate", "interval"):
        # A rate's lowest point is no "cheapest setting": plot_rate.py draws it as it is.
        bc.fail(f"{table.path}: --cost {args.cost} is a rate, not a cost; draw it with "
                f"analysis/plot_rate.py {args.csv} --rate {args.cost} --x {args.x} -o FILE")
    rows = [i for i in table.filled(args.cost) if table.text(i, args.x) != ""]
    if not rows:
        bc.fail(f"{table.path}: no row has both a '{args.cost}' and a '{args.x}' value "
                f"(the cost column is empty: does the scenario have a 'costs' block?)")
    for i in rows:
        table.number(i, args.cost)  # exits 2 on text
    table.require_varies(args.x, "--x", rows)
    band = table.has(args.cost + "_lo") and table.has(args.cost + "_hi")
    position, ticks = bc.axis_positions(table, args.x, rows)

    fixed = ([group_col] if group_col else []) + [args.x, "method"]
    candidates = [c for c in table.swept() if c != args.x] + list(bc.SETTING_COLUMNS)
    extra = bc.splitting_columns(table, rows, fixed, candidates)
    key_cols = ([group_col] if group_col else []) + extra
    groups = bc.group_rows(table, rows, key_cols)
    if len(groups) > MAX_LINES:
        bc.warn(f"{len(groups)} lines would be needed; averaging rows with different "
                f"settings at the same x instead (choose --x and --group to split them)")
        key_cols = [group_col] if group_col else []
        groups = bc.group_rows(table, rows, key_cols)

    lines, averaged = [], 0
    for key, indices in groups.items():
        name = bc.key_label(key_cols, key, table) or args.cost
        methods = bc.group_rows(table, indices, ["method"] if table.has("method") else [])
        for mkey, mrows in methods.items():
            method = "exact" if mkey and mkey[0].lower() == "exact" else "sim"
            line = Line(name, method)
            points = []
            for (text,), at in bc.group_rows(table, mrows, [args.x]).items():
                averaged += len(at) - 1
                mean = lambda col: sum(table.number(i, col) for i in at) / len(at)  # noqa
                points.append((position(text), text, mean(args.cost),
                               mean(args.cost + "_lo") if band else math.nan,
                               mean(args.cost + "_hi") if band else math.nan))
            points.sort()
            for pos, text, cost, lo, hi in points:
                line.xs.append(pos)
                line.texts.append(text)
                line.costs.append(cost)
                line.los.append(lo)
                line.his.append(hi)
            lines.append(line)
    if averaged:
        bc.warn(f"averaged {averaged} row(s) into others with the same setting and x")
    return lines, ticks


def number_text(value):
    if value == 0:
        return "0"
    if abs(value) >= 1000 or abs(value) < 0.01:
        return f"{value:.3g}"
    return f"{value:.4g}" if abs(value) < 10 else f"{value:.1f}"


def draw(plt, table, lines, ticks, args):
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator
    fig, ax = plt.subplots(figsize=(8.5, 5.2))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    names = []
    for line in lines:
        if line.name not in names:
            names.append(line.name)
    both = len({line.method for line in lines}) > 1
    handles = []
    stacked = {}  # x of a cheapest point -> notes already placed there
    for line in lines:
        colour = colours[names.index(line.name) % len(colours)]
        exact = line.method == "exact"
        finite = [(c, x, t) for c, x, t in zip(line.costs, line.xs, line.texts)
                  if not math.isnan(c)]
        best = min(finite, key=lambda f: (f[0], f[1])) if finite else None
        label = line.name + (" (exact)" if exact and both else "")
        if best:
            label += (f": cheapest {bc.value_label(args.x, best[2], table)}, "
                      f"{number_text(best[0])}")
        if any(not math.isnan(v) for v in line.los):
            ax.fill_between(line.xs, line.los, line.his, color=colour, alpha=0.18, linewidth=0)
        handle, = ax.plot(line.xs, line.costs, color=colour, linewidth=1.8,
                          linestyle="--" if exact else "-",
                          marker=None if exact and both else "o", ms=4, label=label)
        handles.append(handle)
        if not best:
            continue
        cost, x, text = best
        hollow = exact and both  # the simulated line's star is the one annotated
        ax.plot([x], [cost], marker="*", ms=17, linestyle="none", zorder=5,
                color="white" if hollow else colour, markeredgecolor=colour if hollow else "black",
                markeredgewidth=1.4 if hollow else 0.8)
        if hollow:
            continue
        level = stacked.get(x, 0)
        stacked[x] = level + 1
        ax.annotate(f"{number_text(cost)} at {bc.value_label(args.x, text, table)}",
                    xy=(x, cost),
                    xytext=(10, 16 + 17 * level), textcoords="offset points", fontsize=8,
                    color=colour, fontweight="bold",
                    bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none",
                              alpha=0.85),
                    arrowprops=dict(arrowstyle="-", color=colour, linewidth=0.8,
                                    shrinkA=0, shrinkB=6))
    handles.append(Line2D([], [], marker="*", ms=12, color="grey", markeredgecolor="black",
                          linestyle="none", label="cheapest setting of each line" +
                          (" (hollow: exact)" if both else "")))
    if ticks is not None:
        ax.set_xticks([t[0] for t in ticks], [t[1] for t in ticks])
    elif all(float(x).is_integer() for line in lines for x in line.xs):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if args.logy:
        ax.set_yscale("log")
    ax.set_xlabel(bc.label(args.x, table))
    ax.set_ylabel(bc.label(args.cost, table))
    ax.set_title(args.title or (f"{bc.label(args.cost, table).capitalize()} against "
                                f"{bc.label(args.x, table)}"),
                 fontsize=13)
    ax.grid(alpha=0.3)
    ax.margins(x=0.05, y=0.12)
    ax.legend(handles=handles, fontsize=8.5, loc="best", framealpha=0.9)
    fig.tight_layout()
    return fig, {"script": "plot_cost.py", "title": ax.get_title(),
                 "x_label": ax.get_xlabel(), "y_label": ax.get_ylabel(),
                 "legend": [h.get_label() for h in handles],
                 "lines": [{"name": line.name, "method": line.method, "x": line.xs,
                            "cost": line.costs} for line in lines]}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    table = bc.Table(args.csv)
    bc.prepare_output(args.out)
    lines, ticks = build_lines(table, args)
    plt = bc.setup_matplotlib()
    fig, dump = draw(plt, table, lines, ticks, args)
    bc.save(fig, args.out, args.dpi)
    bc.dump_data(args.dump_data, dump)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
