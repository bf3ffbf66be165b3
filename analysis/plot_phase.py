#!/usr/bin/python3
"""Heat map of a byzsim rate over (bad agents, n), with the n = 3f+1 bound drawn over it.

Reads a byzsim results CSV (contract section 5) that sweeps both the number of bad agents
and the number of agents, and colours each cell (x, y) by --rate (default p_wrong). The
staircase line is the classical bound: with n agents, up to b = floor((n-1)/3) bad ones
can be tolerated (n >= 3b+1); cells right of the line have b > floor((n-1)/3).
Runs headless (matplotlib Agg).
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import byzsim_csv as bc  # noqa: E402

EPILOG = """\
axes: --x (default: the swept corruption count K when the file sweeps one, else the agents
  that behaved as malicious or faulty, mean_malicious + mean_faulty ('mean_bad'), else the
  configured malicious + faulty ('bad')) and --y (default n) must be numeric; each
  distinct value is one column/row of cells, so uneven steps are fine. An --x with a
  single value is refused (exit 2): the map would say nothing.
rate: --rate (default p_disagreement when some row has one above 0, else p_wrong).
panels: --panel COLUMN: one heat map per value, all on one colour scale (default: none;
  rows of the same cell with another setting, such as a third swept axis or another
  protocol, get their own panels automatically; rows of the very same setting, such as
  other seeds, are averaged).
grey cells (legend below the maps): clamped (K above the honest agents: byzsim clamps K,
  so the row repeats a smaller K), fewer than two honest agents left (mean_honest < 2,
  or n minus the bad and corrupted agents), impossible (x > n) or not in the file.
colour scale: 0 to 1 for probabilities (columns of kind rate or interval in the sidecar;
  p_* names without one), else the data's range; --vmin and --vmax change it. Cell values of probabilities print as percentages with the same
  decimals across the figure, enough that nothing below 1 shows as 100% and nothing
  above 0 as 0%.
method: the simulated rows (method=sim) by default, the exact ones if there are none;
  --method picks one.
bound: drawn when --y is n (or with --bound), as the staircase x = floor((y-1)/3) + 1/2;
  --no-bound leaves it out.
cells: the value is written in each cell when the grid has at most 14 columns and 14
  rows (--values / --no-values to force).
--dump-data FILE writes what was drawn (cells, their kind, text and colour, labels, the
  colour scale) as JSON.
needed columns: the --x, --y and --rate columns (and --panel when given).
exit status: 0 plot written; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/plot_phase.py out/sweep-faults.csv -o out/phase.png
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="plot_phase.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="byzsim results CSV sweeping bad agents and n")
    parser.add_argument("-o", "--out", required=True,
                        help="image to write (.png, .pdf or .svg)")
    parser.add_argument("--x", metavar="COLUMN",
                        help="bad agents, on the x axis (default: see below)")
    parser.add_argument("--y", metavar="COLUMN", default="n",
                        help="agents, on the y axis (default n)")
    parser.add_argument("--rate", metavar="COLUMN",
                        help="the value coloured (default p_disagreement if ever > 0, "
                             "else p_wrong; any numeric column)")
    parser.add_argument("--panel", metavar="COLUMN",
                        help="one map per value of COLUMN (default: none, split as needed)")
    parser.add_argument("--method", choices=("sim", "exact"),
                        help="rows to use (default sim, or exact when there are no sim rows)")
    parser.add_argument("--bound", action=argparse.BooleanOptionalAction, default=None,
                        help="draw the n = 3f+1 bound (default: when --y is n)")
    parser.add_argument("--values", action=argparse.BooleanOptionalAction, default=None,
                        help="write the value in each cell (default: on small grids)")
    parser.add_argument("--log", action="store_true", help="logarithmic colour scale")
    parser.add_argument("--vmin", type=float,
                        help="colour scale minimum (default 0 for probabilities)")
    parser.add_argument("--vmax", type=float,
                        help="colour scale maximum (default 1 for probabilities)")
    parser.add_argument("--cmap", default="magma_r",
                        help="matplotlib colour map (default magma_r: dark = high)")
    parser.add_argument("--title", help="figure title (default: 'RATE over X and Y')")
    parser.add_argument("--cols", type=int, default=3, metavar="K",
                        help="maps per row (default 3)")
    parser.add_argument("--dpi", type=int, default=130, help="resolution (default 130)")
    parser.add_argument("--dump-data", metavar="FILE",
                        help="also write what was drawn as JSON (for tests)")
    args = parser.parse_args(argv)
    if args.cols < 1:
        parser.error("--cols must be at least 1")
    if args.dpi < 10:
        parser.error("--dpi must be at least 10")
    return args


MAX_PANELS = 24
BOUND_COLOUR = "#22d3ee"  # cyan, outlined in black: visible on light and dark cells


class Grid:
    def __init__(self, title, xs, ys):
        self.title, self.xs, self.ys = title, xs, ys
        self.values = [[math.nan] * len(xs) for _ in ys]
        self.kinds = [[None] * len(xs) for _ in ys]  # None: a result; else a bc kind
        self.lines = [[[] for _ in xs] for _ in ys]  # the CSV lines behind each cell


def default_x(table, rows):
    """The swept corruption count, else who behaved badly, else the configured bad."""
    # The unnamed corruption axis first; a named one is recognised by its values only, so
    # who behaved badly (the same numbers, a plain label) comes before it.
    k_column = bc.corruption_count_column(table)
    if k_column in bc.pointer_columns("/corruption/count") and table.varies(k_column, rows):
        return k_column
    candidates = ["mean_bad"] + ([k_column] if k_column else []) + ["bad", "malicious"]
    for column in candidates:
        if table.has(column) and table.is_numeric(column, rows) and table.varies(column, rows):
            return column
    bc.fail(f"{table.path}: no column of bad agents varies (looked for a swept "
            f"corruption_count, mean_malicious + mean_faulty, malicious + faulty): "
            f"choose the x axis with --x COLUMN")


def default_rate(table):
    if table.has("p_disagreement") and table.has("p_wrong"):
        if any(v > 0 for v in table.numbers("p_disagreement") if not math.isnan(v)):
            return "p_disagreement"
    return "p_wrong"


def build_grids(table, args):
    panel_col = None
    if args.panel is not None and args.panel.lower() != "none":
        panel_col = args.panel
    if args.rate is None:
        args.rate = default_rate(table)
    needed = [(args.y, "--y"), (args.rate, "--rate")]
    if args.x:
        needed.append((args.x, "--x"))
    if panel_col:
        needed.append((panel_col, "--panel"))
    table.require(needed)

    everything = list(range(len(table.rows)))
    method = args.method
    if table.has("method"):
        methods = {table.text(i, "method").lower() for i in everything}
        if method is None:
            method = "sim" if "sim" in methods or "exact" not in methods else "exact"
        rows = [i for i in everything if (table.text(i, "method").lower() == "exact")
                == (method == "exact")]
        if not rows:
            bc.fail(f"{table.path}: no rows with method={method} "
                    f"(the file has: {', '.join(sorted(methods))})")
    else:
        rows = everything
    if args.x is None:
        args.x = default_x(table, rows)
    rows = [i for i in rows if all(table.text(i, c) != "" for c in (args.x, args.y, args.rate))]
    if not rows:
        bc.fail(f"{table.path}: no row has values in all of '{args.x}', '{args.y}' "
                f"and '{args.rate}'")
    for column in (args.x, args.y):
        if not table.is_numeric(column, rows):
            bc.fail(f"{table.path}: column '{column}' must be numeric for a heat map")
    table.require_varies(args.x, "--x", rows)
    for i in rows:
        table.number(i, args.rate)  # exits 2 on text
    k_column = bc.corruption_count_column(table)

    top = bc.group_rows(table, rows, [panel_col]) if panel_col else {(): rows}
    candidates = list(table.swept()) + list(bc.SETTING_COLUMNS)
    plans = []
    for key, indices in top.items():
        fixed = ([panel_col] if panel_col else []) + [args.x, args.y]
        extra = bc.splitting_columns(table, indices, fixed, candidates)
        # A column that only follows y (the scenario of a one-n file, f...) splits nothing
        # worth a panel: drop it when every panel would hold a single y.
        head = bc.key_label([panel_col], key, table) if panel_col else ""
        for sub_key, sub in bc.group_rows(table, indices, extra).items():
            tail = bc.key_label(extra, sub_key, table) if extra else ""
            plans.append((", ".join(t for t in (head, tail) if t), sub))
    if len(plans) > MAX_PANELS:
        bc.warn(f"{len(plans)} maps would be needed; averaging rows with different "
                f"settings in the same cell instead (choose --panel to split them)")
        plans = [(bc.key_label([panel_col], key, table) if panel_col else "", indices)
                 for key, indices in top.items()]

    grids, averaged = [], 0
    for title, indices in plans:
        xs = sorted({table.number(i, args.x) for i in indices})
        ys = sorted({table.number(i, args.y) for i in indices})
        grid = Grid(title, xs, ys)
        for (xt, yt), at in bc.group_rows(table, indices, [args.x, args.y]).items():
            averaged += len(at) - 1
            value = sum(table.number(i, args.rate) for i in at) / len(at)
            j, i = ys.index(bc.to_float(yt)), xs.index(bc.to_float(xt))
            grid.values[j][i] = value
            grid.lines[j][i] = [table.lines[r] for r in at]
            kinds = {bc.row_kind(table, r, k_column) for r in at}
            grid.kinds[j][i] = (bc.CLAMPED if bc.CLAMPED in kinds else
                                bc.DEGENERATE if bc.DEGENERATE in kinds else None)
        for j, y in enumerate(ys):
            for i, x in enumerate(xs):
                if math.isnan(grid.values[j][i]):
                    grid.kinds[j][i] = "impossible" if args.y == "n" and x > y else "missing"
        grids.append(grid)
    if averaged:
        bc.warn(f"averaged {averaged} row(s) into others in the same cell")
    return grids, method


def tick_text(value):
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def cell_text(value):
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.2g}"


def is_probability(table, column):
    """A rate or a bound of one (the sidecar's kind, or inferred from the header)."""
    return table.kind(column) in ("rate", "interval")


def bound_path(xs, ys):
    """The staircase between tolerated (b <= floor((n-1)/3)) and untolerated cells."""
    path_x, path_y = [], []
    for j, n in enumerate(ys):
        limit = math.floor((n - 1) / 3)
        edge = sum(1 for x in xs if x <= limit) - 0.5  # between cell columns, index units
        path_x += [edge, edge]
        path_y += [j - 0.5, j + 0.5]
    return path_x, path_y


def colour_scale(table, grids, args):
    """(vmin, vmax): 0..1 for probabilities, else the data's range; --vmin/--vmax win."""
    finite = [v for g in grids for j, row in enumerate(g.values) for i, v in enumerate(row)
              if not math.isnan(v) and g.kinds[j][i] is None]
    finite = finite or [v for g in grids for row in g.values for v in row if not math.isnan(v)]
    if is_probability(table, args.rate) and not args.log:
        lo, hi = 0.0, 1.0
    else:
        lo, hi = (0.0 if not args.log else None), max(finite + [1e-12])
    lo = args.vmin if args.vmin is not None else lo
    hi = args.vmax if args.vmax is not None else hi
    return lo, hi, finite


def draw(plt, table, grids, args, method):
    import numpy as np
    from matplotlib import colors, patheffects
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle
    count = len(grids)
    cols = min(args.cols, count)
    rows = math.ceil(count / cols)
    widest = max(len(g.xs) for g in grids)
    tallest = max(len(g.ys) for g in grids)
    cell = min(0.55, max(0.22, 5.0 / max(widest, tallest)))
    width = max(3.6, cell * widest + 1.2)
    height = max(3.0, cell * tallest + 1.1)
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols + 1.4, height * rows + 1.6),
                             squeeze=False)
    vmin, vmax, finite = colour_scale(table, grids, args)
    if args.log:
        positive = [v for v in finite if v > 0]
        if not positive:
            bc.fail(f"--log: '{args.rate}' has no positive value to show on a log scale")
        vmin = args.vmin if args.vmin is not None else min(positive)
        if vmax <= vmin:
            vmax = vmin * 10
        norm = colors.LogNorm(vmin=vmin, vmax=vmax)
    else:
        if vmax <= vmin:
            vmax = vmin + 1e-12
        norm = colors.Normalize(vmin=vmin, vmax=vmax)
    try:
        cmap = plt.get_cmap(args.cmap).copy()
    except ValueError:
        bc.fail(f"--cmap: '{args.cmap}' is not a matplotlib colour map "
                f"(e.g. magma_r, viridis, Reds, cividis)")
    cmap.set_bad(bc.KIND_COLOUR["missing"])
    cmap.set_under(cmap(0.0))
    show_bound = args.bound if args.bound is not None else args.y == "n"
    # Every cell value of the figure as text, with one precision for the whole figure.
    plain = [(g, j, i) for g in grids for j in range(len(g.ys)) for i in range(len(g.xs))
             if g.kinds[j][i] is None]
    if is_probability(table, args.rate):
        texts = bc.percent_texts([g.values[j][i] for g, j, i in plain])
    else:
        texts = [cell_text(g.values[j][i]) for g, j, i in plain]
    text_of = {(id(g), j, i): t for (g, j, i), t in zip(plain, texts)}
    dump = {"script": "plot_phase.py", "x": args.x, "y": args.y, "rate": args.rate,
            "method": method, "vmin": vmin, "vmax": vmax, "panels": []}
    kinds_used = set()
    image = None
    for k, grid in enumerate(grids):
        ax = axes[k // cols][k % cols]
        data = np.array([[v if grid.kinds[j][i] is None else math.nan
                          for i, v in enumerate(row)] for j, row in enumerate(grid.values)],
                        dtype=float)
        if args.log:
            data = np.where(data > 0, data, np.nan)
        image = ax.imshow(np.ma.masked_invalid(data), origin="lower", aspect="auto",
                          cmap=cmap, norm=norm, interpolation="nearest",
                          extent=(-0.5, len(grid.xs) - 0.5, -0.5, len(grid.ys) - 0.5))
        step_x = max(1, math.ceil(len(grid.xs) / 16))
        step_y = max(1, math.ceil(len(grid.ys) / 16))
        ax.set_xticks(range(0, len(grid.xs), step_x),
                      [tick_text(v) for v in grid.xs[::step_x]])
        ax.set_yticks(range(0, len(grid.ys), step_y),
                      [tick_text(v) for v in grid.ys[::step_y]])
        write = (args.values if args.values is not None
                 else len(grid.xs) <= 14 and len(grid.ys) <= 14)
        size = 6 if max(len(grid.xs), len(grid.ys)) > 9 else 7.5
        cells = []
        for j, row in enumerate(grid.values):
            for i, value in enumerate(row):
                kind = grid.kinds[j][i]
                text = ""
                if kind is None:
                    colour = colors.to_hex(cmap(norm(value)) if not (args.log and value <= 0)
                                           else cmap.get_bad())
                    if write:
                        text = text_of[(id(grid), j, i)]
                        shade = norm(value) if value > 0 or not args.log else 0.0
                        shade = 0.0 if np.ma.is_masked(shade) else float(shade)
                        ax.text(i, j, text, ha="center", va="center", fontsize=size,
                                color="white" if shade > 0.55 else "black")
                else:
                    kinds_used.add(kind)
                    colour = bc.KIND_COLOUR[kind]
                    ax.add_patch(Rectangle((i - 0.5, j - 0.5), 1, 1, facecolor=colour,
                                           edgecolor="#bbbbbb" if kind == "impossible" else
                                           "none", linewidth=0.4,
                                           hatch="///" if kind == bc.CLAMPED else None,
                                           zorder=2))
                cells.append({"x": grid.xs[i], "y": grid.ys[j], "value": value,
                              "kind": kind, "text": text, "colour": colour,
                              "csv_lines": grid.lines[j][i]})
        if show_bound:
            path_x, path_y = bound_path(grid.xs, grid.ys)
            ax.plot(path_x, path_y, color="black", linewidth=4.6, solid_joinstyle="miter",
                    zorder=4)
            ax.plot(path_x, path_y, color=BOUND_COLOUR, linewidth=2.6,
                    solid_joinstyle="miter", zorder=5)
        ax.set_xlim(-0.5, len(grid.xs) - 0.5)
        ax.set_ylim(-0.5, len(grid.ys) - 0.5)
        ax.set_xlabel(bc.label(args.x, table))
        if k % cols == 0:
            ax.set_ylabel(bc.label(args.y, table))
        if grid.title:
            ax.set_title(grid.title, fontsize=10)
        dump["panels"].append({"title": grid.title, "x_label": ax.get_xlabel(),
                               "y_label": bc.label(args.y, table), "cells": cells})
    for k in range(count, rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    rate = bc.label(args.rate, table)
    title = args.title or (f"{rate} over {bc.label(args.x, table)} and "
                           f"{bc.label(args.y, table)}")
    if method == "exact" and not args.title:
        title += " (exact)"
    fig.text(0.5, 1 - 0.08 / fig.get_figheight(), title, ha="center", va="top", fontsize=13)
    handles = []
    if show_bound:
        handles.append(Line2D([], [], color=BOUND_COLOUR, linewidth=2.6,
                              path_effects=[patheffects.Stroke(linewidth=4.6,
                                                               foreground="black"),
                                            patheffects.Normal()],
                              label="n = 3f+1 bound: right of the line, more bad agents "
                                    "than floor((" + ("n" if args.y == "n" else args.y)
                                    + " - 1)/3)"))
    for kind in (bc.CLAMPED, bc.DEGENERATE, "impossible", "missing"):
        if kind in kinds_used:
            handles.append(Patch(facecolor=bc.KIND_COLOUR[kind], edgecolor="#888888",
                                 hatch="///" if kind == bc.CLAMPED else None,
                                 label=bc.KIND_TEXT[kind]))
    legend_in = (0.15 + 0.24 * len(handles)) / fig.get_figheight() if handles else 0.0
    fig.tight_layout(rect=(0, legend_in, 1, 1 - 0.42 / fig.get_figheight()))
    over = args.vmax is not None and finite and max(finite) > args.vmax
    bar = fig.colorbar(image, ax=[a for row in axes for a in row if a.get_visible()],
                       fraction=0.05, pad=0.03, extend="max" if over else "neither")
    bar.set_label(rate)
    if handles:
        fig.legend(handles=handles, loc="lower center", fontsize=8.5, frameon=False,
                   bbox_to_anchor=(0.5, 0.0), ncol=1)
    dump.update({"title": title, "colour_bar": rate,
                 "legend": [h.get_label() for h in handles]})
    return fig, dump


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    table = bc.Table(args.csv)
    bc.prepare_output(args.out)
    grids, method = build_grids(table, args)
    plt = bc.setup_matplotlib()
    fig, dump = draw(plt, table, grids, args, method)
    bc.save(fig, args.out, args.dpi)
    bc.dump_data(args.dump_data, dump)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
