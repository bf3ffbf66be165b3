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
axes: --x (default malicious; 'bad' = malicious + faulty is computed when the file has
  no such column) and --y (default n) must be numeric; each distinct value is one
  column/row of cells, so uneven steps are fine. Missing combinations stay grey.
panels: --panel COLUMN (default scenario; 'none': one map): one heat map per value,
  all on one colour scale. Rows of the same cell with another setting (a third swept
  pointer, another protocol...) get their own panels automatically; rows of the very
  same setting (other seeds) are averaged.
method: the simulated rows (method=sim) by default, the exact ones if there are none;
  --method picks one.
bound: drawn when --y is n (or with --bound), as the staircase x = floor((y-1)/3) + 1/2;
  --no-bound leaves it out.
cells: the value is written in each cell when the grid has at most 14 columns and 14
  rows (--values / --no-values to force).
needed columns: the --x, --y and --rate columns (and --panel when given).
exit status: 0 plot written; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/plot_phase.py out/grid.csv -o out/phase.png --rate p_wrong
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="plot_phase.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="byzsim results CSV sweeping bad agents and n")
    parser.add_argument("-o", "--out", required=True,
                        help="image to write (.png, .pdf or .svg)")
    parser.add_argument("--x", metavar="COLUMN", default="malicious",
                        help="bad agents, on the x axis (default malicious)")
    parser.add_argument("--y", metavar="COLUMN", default="n",
                        help="agents, on the y axis (default n)")
    parser.add_argument("--rate", metavar="COLUMN", default="p_wrong",
                        help="the value coloured (default p_wrong; any numeric column)")
    parser.add_argument("--panel", metavar="COLUMN",
                        help="one map per value of COLUMN (default scenario); 'none' for one")
    parser.add_argument("--method", choices=("sim", "exact"),
                        help="rows to use (default sim, or exact when there are no sim rows)")
    parser.add_argument("--bound", action=argparse.BooleanOptionalAction, default=None,
                        help="draw the n = 3f+1 bound (default: when --y is n)")
    parser.add_argument("--values", action=argparse.BooleanOptionalAction, default=None,
                        help="write the value in each cell (default: on small grids)")
    parser.add_argument("--log", action="store_true", help="logarithmic colour scale")
    parser.add_argument("--vmin", type=float, help="colour scale minimum (default 0)")
    parser.add_argument("--vmax", type=float,
                        help="colour scale maximum (default the largest value)")
    parser.add_argument("--cmap", default="magma_r",
                        help="matplotlib colour map (default magma_r: dark = high)")
    parser.add_argument("--title", help="figure title (default: 'RATE over X and Y')")
    parser.add_argument("--cols", type=int, default=3, metavar="K",
                        help="maps per row (default 3)")
    parser.add_argument("--dpi", type=int, default=130, help="resolution (default 130)")
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


def build_grids(table, args):
    panel_col = None
    if args.panel is None:
        panel_col = "scenario" if table.has("scenario") else None
    elif args.panel.lower() != "none":
        panel_col = args.panel
    needed = [(args.x, "--x"), (args.y, "--y"), (args.rate, "--rate")]
    if panel_col and args.panel:
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
    rows = [i for i in rows if all(table.text(i, c) != "" for c in (args.x, args.y, args.rate))]
    if not rows:
        bc.fail(f"{table.path}: no row has values in all of '{args.x}', '{args.y}' "
                f"and '{args.rate}'")
    for column in (args.x, args.y):
        if not table.is_numeric(column, rows):
            bc.fail(f"{table.path}: column '{column}' must be numeric for a heat map")
    for i in rows:
        table.number(i, args.rate)  # exits 2 on text

    top = bc.group_rows(table, rows, [panel_col]) if panel_col else {(): rows}
    candidates = list(table.swept()) + list(bc.SETTING_COLUMNS)
    plans = []
    for key, indices in top.items():
        fixed = ([panel_col] if panel_col else []) + [args.x, args.y]
        extra = bc.splitting_columns(table, indices, fixed, candidates)
        head = bc.key_label([panel_col], key) if panel_col else ""
        for sub_key, sub in bc.group_rows(table, indices, extra).items():
            tail = bc.key_label(extra, sub_key) if extra else ""
            plans.append((", ".join(t for t in (head, tail) if t), sub))
    if len(plans) > MAX_PANELS:
        bc.warn(f"{len(plans)} maps would be needed; averaging rows with different "
                f"settings in the same cell instead (choose --panel to split them)")
        plans = [(bc.key_label([panel_col], key) if panel_col else "", indices)
                 for key, indices in top.items()]

    grids, averaged = [], 0
    for title, indices in plans:
        xs = sorted({table.number(i, args.x) for i in indices})
        ys = sorted({table.number(i, args.y) for i in indices})
        grid = Grid(title, xs, ys)
        for (xt, yt), at in bc.group_rows(table, indices, [args.x, args.y]).items():
            averaged += len(at) - 1
            value = sum(table.number(i, args.rate) for i in at) / len(at)
            grid.values[ys.index(bc.to_float(yt))][xs.index(bc.to_float(xt))] = value
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


def bound_path(xs, ys):
    """The staircase between tolerated (b <= floor((n-1)/3)) and untolerated cells."""
    path_x, path_y = [], []
    for j, n in enumerate(ys):
        limit = math.floor((n - 1) / 3)
        edge = sum(1 for x in xs if x <= limit) - 0.5  # between cell columns, index units
        path_x += [edge, edge]
        path_y += [j - 0.5, j + 0.5]
    return path_x, path_y


def draw(plt, grids, args, method):
    import numpy as np
    from matplotlib import colors, patheffects
    from matplotlib.lines import Line2D
    count = len(grids)
    cols = min(args.cols, count)
    rows = math.ceil(count / cols)
    widest = max(len(g.xs) for g in grids)
    tallest = max(len(g.ys) for g in grids)
    cell = min(0.55, max(0.22, 5.0 / max(widest, tallest)))
    width = max(3.6, cell * widest + 1.2)
    height = max(3.0, cell * tallest + 1.1)
    fig, axes = plt.subplots(rows, cols, figsize=(width * cols + 1.4, height * rows + 1.2),
                             squeeze=False)
    finite = [v for g in grids for row in g.values for v in row if not math.isnan(v)]
    vmin = args.vmin if args.vmin is not None else (0.0 if not args.log else None)
    vmax = args.vmax if args.vmax is not None else max(finite + [1e-12])
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
    cmap.set_bad("#dddddd")
    cmap.set_under(cmap(0.0))
    show_bound = args.bound if args.bound is not None else args.y == "n"
    image = None
    for k, grid in enumerate(grids):
        ax = axes[k // cols][k % cols]
        data = np.array(grid.values, dtype=float)
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
        if write:
            size = 7 if max(len(grid.xs), len(grid.ys)) > 9 else 8
            for j, row in enumerate(grid.values):
                for i, value in enumerate(row):
                    if math.isnan(value):
                        continue
                    shade = norm(value) if value > 0 or not args.log else 0.0
                    shade = 0.0 if np.ma.is_masked(shade) else float(shade)
                    ax.text(i, j, cell_text(value), ha="center", va="center", fontsize=size,
                            color="white" if shade > 0.55 else "black")
        if show_bound:
            path_x, path_y = bound_path(grid.xs, grid.ys)
            ax.plot(path_x, path_y, color="black", linewidth=4.6, solid_joinstyle="miter",
                    zorder=4)
            ax.plot(path_x, path_y, color=BOUND_COLOUR, linewidth=2.6,
                    solid_joinstyle="miter", zorder=5)
        ax.set_xlim(-0.5, len(grid.xs) - 0.5)
        ax.set_ylim(-0.5, len(grid.ys) - 0.5)
        ax.set_xlabel(bc.label(args.x))
        if k % cols == 0:
            ax.set_ylabel(bc.label(args.y))
        if grid.title:
            ax.set_title(grid.title, fontsize=10)
    for k in range(count, rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    rate = bc.label(args.rate)
    title = args.title or f"{rate} over {bc.label(args.x)} and {bc.label(args.y)}"
    if method == "exact" and not args.title:
        title += " (exact)"
    fig.text(0.5, 1 - 0.08 / fig.get_figheight(), title, ha="center", va="top", fontsize=13)
    legend_in = 0.45 / fig.get_figheight() if show_bound else 0.0
    fig.tight_layout(rect=(0, legend_in, 1, 1 - 0.42 / fig.get_figheight()))
    bar = fig.colorbar(image, ax=[a for row in axes for a in row if a.get_visible()],
                       fraction=0.05, pad=0.03, extend="max" if args.vmax is not None
                       and max(finite) > args.vmax else "neither")
    bar.set_label(rate)
    if show_bound:
        handle = Line2D([], [], color=BOUND_COLOUR, linewidth=2.6,
                        path_effects=[patheffects.Stroke(linewidth=4.6, foreground="black"),
                                      patheffects.Normal()],
                        label=f"n = 3f+1 bound: right of the line, {args.x} > "
                              f"floor(({args.y}-1)/3) (more bad agents than tolerated)")
        fig.legend(handles=[handle], loc="lower center", fontsize=8.5, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
    return fig


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    table = bc.Table(args.csv)
    bc.prepare_output(args.out)
    grids, method = build_grids(table, args)
    plt = bc.setup_matplotlib()
    fig = draw(plt, grids, args, method)
    bc.save(fig, args.out, args.dpi)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
