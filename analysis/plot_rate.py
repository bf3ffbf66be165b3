#!/usr/bin/python3
"""Plot any rate column of a byzsim CSV against any column, as lines with their intervals.

Reads a byzsim results CSV (docs/output.md) and draws --rate (a probability such as p_wrong,
p_correct or pbft's p_view_change) against --x, one line per value of --group (default: the
settings that would otherwise meet at the same x), with the rate's 95% Wilson interval
(RATE_lo, RATE_hi) shaded. Nothing is called best or cheapest: a rate is drawn as it is.
Runs headless (matplotlib Agg).
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import byzsim_csv as bc  # noqa: E402

MAX_LINES = 20

EPILOG = """\
rate: --rate COLUMN, a column of kind rate (p_correct, p_wrong, p_no_consensus,
  p_disagreement, a protocol's own rates); its RATE_lo and RATE_hi columns, when the file
  has them, are shaded as the interval. Exact rows (method=exact) are dashed lines.
x axis: --x COLUMN (default n when it varies, else the swept axis with the most values);
  it must vary (exit 2 otherwise). An unnamed axis answers to its pointer too
  (--x /corruption/count is the column corruption_count).
lines: one per value of --group COLUMN ('none': one line); without --group, rows that
  would meet at the same x with other settings (another scenario, a second swept axis)
  get their own lines; rows of the very same setting are averaged.
--dump-data FILE writes what was drawn (lines, points, labels) as JSON.
exit status: 0 plot written; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/plot_rate.py out/sweep.csv --rate p_wrong --x n -o out/p_wrong.png
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="plot_rate.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="byzsim results CSV")
    parser.add_argument("-o", "--out", required=True, help="image to write (.png, .pdf or .svg)")
    parser.add_argument("--rate", metavar="COLUMN", default="p_wrong",
                        help="rate column to plot (default p_wrong)")
    parser.add_argument("--x", metavar="COLUMN",
                        help="column on the x axis (default n when it varies, else the swept "
                             "axis with the most values)")
    parser.add_argument("--group", metavar="COLUMN",
                        help="one line per value of COLUMN; 'none' for one line")
    parser.add_argument("--logy", action="store_true", help="logarithmic y axis")
    parser.add_argument("--title", help="figure title (default: 'RATE against X')")
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
        self.xs, self.texts, self.rates, self.los, self.his = [], [], [], [], []


def default_x(table):
    if table.varies("n"):
        return "n"
    swept = sorted((c for c in table.swept() if table.varies(c)),
                   key=lambda c: -table.distinct(c))
    return swept[0] if swept else "n"


def build_lines(table, args):
    if args.x is None:
        args.x = default_x(table)
    group_col = None if args.group is None or args.group.lower() == "none" else args.group
    needed = [(args.x, "--x"), (args.rate, "--rate")]
    if group_col:
        needed.append((group_col, "--group"))
    table.require(needed)
    kind = table.kind(args.rate)
    if kind not in ("rate", "interval"):
        bc.fail(f"{table.path}: --rate {args.rate} is a column of kind {kind}, not a rate "
                f"(rates: {', '.join(c for c in table.columns if table.kind(c) == 'rate')})")
    rows = [i for i in table.filled(args.rate) if table.text(i, args.x) != ""]
    if not rows:
        bc.fail(f"{table.path}: no row has both a '{args.rate}' and a '{args.x}' value")
    for i in rows:
        table.number(i, args.rate)  # exits 2 on text
    table.require_varies(args.x, "--x", rows)
    band = table.has(args.rate + "_lo") and table.has(args.rate + "_hi")
    position, ticks = bc.axis_positions(table, args.x, rows)

    if group_col or args.group is not None:
        key_cols = [group_col] if group_col else []
    else:
        candidates = [c for c in table.swept() if c != args.x] + list(bc.SETTING_COLUMNS)
        key_cols = bc.splitting_columns(table, rows, [args.x, "method"], candidates)
    groups = bc.group_rows(table, rows, key_cols)
    if len(groups) > MAX_LINES:
        bc.fail(f"{table.path}: {len(groups)} lines would be needed (split by "
                f"{', '.join(key_cols)}); choose --group COLUMN or --group none")

    lines, averaged = [], 0
    for key, indices in groups.items():
        name = bc.key_label(key_cols, key, table) or bc.label(args.rate, table)
        methods = bc.group_rows(table, indices, ["method"] if table.has("method") else [])
        for mkey, mrows in methods.items():
            line = Line(name, "exact" if mkey and mkey[0].lower() == "exact" else "sim")
            points = []
            for (text,), at in bc.group_rows(table, mrows, [args.x]).items():
                averaged += len(at) - 1
                mean = lambda col: sum(table.number(i, col) for i in at) / len(at)  # noqa
                points.append((position(text), text, mean(args.rate),
                               mean(args.rate + "_lo") if band else math.nan,
                               mean(args.rate + "_hi") if band else math.nan))
            for pos, text, rate, lo, hi in sorted(points):
                line.xs.append(pos)
                line.texts.append(text)
                line.rates.append(rate)
                line.los.append(lo)
                line.his.append(hi)
            lines.append(line)
    if averaged:
        bc.warn(f"averaged {averaged} row(s) into others with the same setting and x")
    return lines, ticks, band


def draw(plt, table, lines, ticks, band, args):
    from matplotlib.ticker import MaxNLocator
    fig, ax = plt.subplots(figsize=(8.5, 5.2))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    names = []
    for line in lines:
        if line.name not in names:
            names.append(line.name)
    both = len({line.method for line in lines}) > 1
    for line in lines:
        colour = colours[names.index(line.name) % len(colours)]
        exact = line.method == "exact"
        if band and not exact:
            ax.fill_between(line.xs, line.los, line.his, color=colour, alpha=0.18, linewidth=0)
        ax.plot(line.xs, line.rates, color=colour, linewidth=1.8,
                linestyle="--" if exact else "-", marker=None if exact and both else "o", ms=4,
                label=line.name + (" (exact)" if exact and both else ""))
    if ticks is not None:
        ax.set_xticks([t[0] for t in ticks], [t[1] for t in ticks])
    elif all(float(x).is_integer() for line in lines for x in line.xs):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if args.logy:
        ax.set_yscale("log")
    elif all(0 <= v <= 1 for line in lines for v in line.rates + line.los + line.his
             if not math.isnan(v)):
        ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(bc.label(args.x, table))
    ax.set_ylabel(bc.label(args.rate, table) + (" (shaded: 95% interval)" if band else ""))
    ax.set_title(args.title or f"{bc.label(args.rate, table)} against {bc.label(args.x, table)}",
                 fontsize=13)
    ax.grid(alpha=0.3)
    if len(lines) > 1:
        ax.legend(fontsize=8.5, loc="best", framealpha=0.9)
    fig.tight_layout()
    return fig, {"script": "plot_rate.py", "title": ax.get_title(),
                 "x_label": ax.get_xlabel(), "y_label": ax.get_ylabel(),
                 "lines": [{"name": line.name, "method": line.method, "x": line.xs,
                            "rate": line.rates, "lo": line.los, "hi": line.his}
                           for line in lines]}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    table = bc.Table(args.csv)
    bc.prepare_output(args.out)
    lines, ticks, band = build_lines(table, args)
    plt = bc.setup_matplotlib()
    fig, dump = draw(plt, table, lines, ticks, band, args)
    bc.save(fig, args.out, args.dpi)
    bc.dump_data(args.dump_data, dump)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
