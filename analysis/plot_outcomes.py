#!/usr/bin/python3
"""Plot byzsim outcome rates (correct / wrong / no consensus / disagreement) against a column.

Reads a byzsim results CSV (contract section 5) and draws, per panel, the four exclusive
outcome rates stacked (they add up to 1) against --x, with the 95% Wilson intervals of
the simulated rows as error bars, and the exact rows (method=exact) as dashed lines over
the simulated points when a file holds both. Runs headless (matplotlib Agg).
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import byzsim_csv as bc  # noqa: E402

COLOURS = {"correct": "#2ca25f", "wrong": "#de2d26",
           "no_consensus": "#fdae61", "disagreement": "#756bb1"}
NAMES = {"correct": "correct", "wrong": "wrong decision",
         "no_consensus": "no consensus", "disagreement": "disagreement (honest agents split)"}
MAX_PANELS = 24

EPILOG = """\
x axis: --x COLUMN, any numeric or text column. Default: per panel, the swept-axis
  column (a pointer header, or the axis's name) with the most distinct values among the
  panel's rows (the first one on ties), else 'malicious'. 'bad' (= malicious + faulty) also works.
panels: --panel COLUMN makes one panel per value (default: scenario; 'none': one panel).
  Rows that would still be drawn at the same x with other settings (a second swept
  pointer, another protocol...) get their own panels automatically; rows with the very
  same setting (e.g. other seeds) are pooled: counts summed, Wilson interval recomputed.
  When every panel has a single point (no sweep, e.g. `make run` on the seed scenarios)
  the figure is one horizontal stacked bar per panel instead.
styles: area (stacked areas; default for numeric x with 2+ values), bar (stacked bars;
  default otherwise), lines (each rate its own line with a shaded Wilson band; use with
  --logy to see small rates).
  In the stacked styles the error bar on the boundary between two layers is the 95%
  Wilson interval of the rate below that boundary (e.g. the top of 'correct' is
  p_correct with [p_correct_lo, p_correct_hi]).
needed columns: p_correct, p_wrong, p_no_consensus and their _lo/_hi, and the --x
  and --panel columns. Used when present: method, trials, the counts, p_disagreement
  (drawn when non-zero anywhere in the file).
grey: points that are not results to read are covered in grey, with a legend entry:
  clamped (the swept corruption count K is above the honest agents: byzsim clamps K, so
  the row repeats a smaller K) and fewer than two honest agents left.
labels: the one-bar-per-scenario figure prints percentages with one number of decimals
  for the whole figure, enough that nothing below 1 shows as 100% and nothing above 0
  as 0%. Axis labels are words (a named axis's name, a pointer put into words).
--x must vary in the file (exit 2 otherwise). --dump-data FILE writes what was drawn
  (points, labels, their kind) as JSON.
exit status: 0 plot written; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/plot_outcomes.py out/results.csv -o out/outcomes.png
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="plot_outcomes.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="byzsim results CSV (byzsim run/exact output)")
    parser.add_argument("-o", "--out", required=True,
                        help="image to write (.png, .pdf or .svg)")
    parser.add_argument("--x", metavar="COLUMN",
                        help="column on the x axis (default: see below)")
    parser.add_argument("--panel", metavar="COLUMN",
                        help="one panel per value of COLUMN (default: scenario); 'none' for one")
    parser.add_argument("--style", choices=("area", "bar", "lines"),
                        help="area, bar or lines (default: area for numeric x, else bar)")
    parser.add_argument("--logy", action="store_true",
                        help="logarithmic y axis (lines style only)")
    parser.add_argument("--title", help="figure title (default: 'Outcome rates against X')")
    parser.add_argument("--cols", type=int, default=3, metavar="K",
                        help="panels per row (default 3)")
    parser.add_argument("--dpi", type=int, default=130, help="resolution (default 130)")
    parser.add_argument("--dump-data", metavar="FILE",
                        help="also write what was drawn as JSON (for tests)")
    args = parser.parse_args(argv)
    if args.cols < 1:
        parser.error("--cols must be at least 1")
    if args.dpi < 10:
        parser.error("--dpi must be at least 10")
    if args.logy and args.style != "lines":
        parser.error("--logy needs --style lines (stacked rates are drawn on a linear axis)")
    return args


class Point:
    """Rates at one x for one method: p, lo, hi per outcome (+ counts when known)."""

    def __init__(self, pos, text, method):
        self.pos, self.text, self.method = pos, text, method
        self.p, self.lo, self.hi, self.counts = {}, {}, {}, None
        self.trials = math.nan
        self.lines = []  # the CSV lines behind the point
        self.kind = None  # bc.CLAMPED / bc.DEGENERATE: drawn greyed, not read as a result


def pool(table, indices, pos, text, method, outcomes):
    """One Point from the rows at one x (normally a single row)."""
    point = Point(pos, text, method)
    if len(indices) == 1 or method == "exact":
        for o in outcomes:
            for suffix, target in (("", point.p), ("_lo", point.lo), ("_hi", point.hi)):
                values = [table.number(i, f"p_{o}{suffix}") for i in indices]
                target[o] = sum(values) / len(values)
            if method == "exact":
                point.lo[o] = point.hi[o] = point.p[o]
        trials = [table.number(i, "trials") if table.has("trials") else math.nan
                  for i in indices]
        point.trials = sum(trials)
        if (method != "exact" and len(indices) == 1 and point.trials > 0
                and all(table.has(o) for o in outcomes)):
            counts = {o: table.number(indices[0], o) for o in outcomes}
            if all(not math.isnan(c) for c in counts.values()):
                point.counts = counts
        return point
    # Several simulated rows of the same setting: sum the counts when the file has them.
    have_counts = table.has("trials") and all(table.has(o) for o in outcomes)
    if have_counts:
        trials = sum(table.number(i, "trials") for i in indices)
        counts = {o: sum(table.number(i, o) for i in indices) for o in outcomes}
        if trials > 0 and not math.isnan(trials) and not any(map(math.isnan, counts.values())):
            point.trials, point.counts = trials, counts
            for o in outcomes:
                point.p[o] = counts[o] / trials
                point.lo[o], point.hi[o] = bc.wilson(counts[o], trials)
            return point
    for o in outcomes:
        for suffix, target in (("", point.p), ("_lo", point.lo), ("_hi", point.hi)):
            values = [table.number(i, f"p_{o}{suffix}") for i in indices]
            target[o] = sum(values) / len(values)
    return point


def boundaries(point, outcomes):
    """Cumulative rates (top of each layer) and the Wilson interval of each boundary."""
    tops, los, his = [], [], []
    total = 0.0
    for k, o in enumerate(outcomes):
        total += point.p[o]
        tops.append(total)
        if point.method == "exact":
            lo = hi = total
        elif k == 0:
            lo, hi = point.lo[o], point.hi[o]
        elif k == len(outcomes) - 2:  # only the top layer is above: its complement
            top = outcomes[-1]
            lo, hi = 1.0 - point.hi[top], 1.0 - point.lo[top]
        elif k == len(outcomes) - 1:
            lo = hi = math.nan  # the top of the stack is 1: nothing to show
        elif point.counts is not None:
            lo, hi = bc.wilson(sum(point.counts[q] for q in outcomes[:k + 1]), point.trials)
        else:
            lo = hi = math.nan
        los.append(lo)
        his.append(hi)
    return tops, los, his


def outcomes_in(table):
    outcomes = ["correct", "wrong", "no_consensus"]
    if table.has("p_disagreement"):
        values = table.numbers("p_disagreement")
        if any(v > 0 for v in values if not math.isnan(v)):
            outcomes.append("disagreement")
            table.require([("p_disagreement_lo", "the interval of p_disagreement"),
                           ("p_disagreement_hi", "the interval of p_disagreement")])
    return outcomes


def default_x(table, indices):
    """The swept column with the most distinct values in these rows, else malicious."""
    best, best_count = None, 1
    for column in table.swept():
        rows = table.filled(column, indices)
        if len(rows) < len(indices):
            continue
        count = table.distinct(column, rows)
        if count > best_count:
            best, best_count = column, count
    if best is None:
        filled = [c for c in table.swept() if len(table.filled(c, indices)) == len(indices)]
        best = filled[0] if filled else "malicious"
    return best


class Panel:
    def __init__(self, title, x, indices):
        self.title, self.x, self.indices = title, x, indices
        self.series = {}  # method -> [Point], sorted by position
        self.ticks = None
        self.numeric = True


def build_panels(table, args, outcomes):
    panel_col = None
    if args.panel is None:
        panel_col = "scenario" if table.has("scenario") else None
    elif args.panel.lower() != "none":
        panel_col = args.panel
    needed = [(c, "the outcome rates") for o in ("correct", "wrong", "no_consensus")
              for c in (f"p_{o}", f"p_{o}_lo", f"p_{o}_hi")]
    if args.x:
        needed.append((args.x, "--x"))
    if panel_col and args.panel:
        needed.append((panel_col, "--panel"))
    table.require(needed)

    everything = list(range(len(table.rows)))
    if args.x:
        table.require_varies(args.x, "--x")
    k_column = bc.corruption_count_column(table)
    top_groups = (bc.group_rows(table, everything, [panel_col]) if panel_col
                  else {(): everything})
    plans = []  # (title parts, x column, indices)
    for key, indices in top_groups.items():
        x = args.x or default_x(table, indices)
        if not table.has(x):
            table.require([(x, "the default x axis, as the file has no swept column; or pass --x")])
        fixed = ([panel_col] if panel_col else []) + [x, "method"]
        candidates = [c for c in table.swept() if c != x] + list(bc.SETTING_COLUMNS)
        extra = bc.splitting_columns(table, indices, fixed, candidates)
        head = [bc.key_label([panel_col], key, table)] if panel_col else []
        for sub_key, sub in bc.group_rows(table, indices, extra).items():
            tail = [bc.key_label(extra, sub_key, table)] if extra else []
            plans.append((head + tail, x, sub, extra))
    if len(plans) > MAX_PANELS:
        bc.warn(f"{len(plans)} panels would be needed; pooling rows with different "
                f"settings at the same x instead (choose --x and --panel to split them)")
        plans = []
        for key, indices in top_groups.items():
            x = args.x or default_x(table, indices)
            plans.append(([bc.key_label([panel_col], key, table)] if panel_col else [], x, indices, []))

    panels = []
    pooled = skipped = 0
    for title_parts, x, indices, _ in plans:
        panel = Panel(", ".join(p for p in title_parts if p), x, indices)
        rows = table.filled(x, indices)
        complete = [i for i in rows if not any(
            math.isnan(table.number(i, f"p_{o}{suffix}"))
            for o in outcomes for suffix in ("", "_lo", "_hi"))]
        if len(complete) < len(rows):
            skipped += len(rows) - len(complete)
        rows = complete
        if not rows:
            bc.warn(f"panel '{panel.title}' left out: no row has '{x}' and all the rates")
            continue
        position, panel.ticks = bc.axis_positions(table, x, rows)
        panel.numeric = panel.ticks is None
        by_method = bc.group_rows(table, rows, ["method"] if table.has("method") else [])
        for mkey, mrows in by_method.items():
            method = "exact" if mkey and mkey[0].lower() == "exact" else "sim"
            points = []
            for (text,), at in bc.group_rows(table, mrows, [x]).items():
                pooled += len(at) - 1
                point = pool(table, at, position(text), text, method, outcomes)
                kinds = {bc.row_kind(table, i, k_column) for i in at}
                point.lines = [table.lines[i] for i in at]
                point.kind = (bc.CLAMPED if bc.CLAMPED in kinds else
                              bc.DEGENERATE if bc.DEGENERATE in kinds else None)
                points.append(point)
            points.sort(key=lambda p: p.pos)
            panel.series.setdefault(method, []).extend(points)
            panel.series[method].sort(key=lambda p: p.pos)
        panels.append(panel)
    if skipped:
        bc.warn(f"left out {skipped} row(s) with an empty rate or interval column")
    if pooled:
        bc.warn(f"pooled {pooled} row(s) into others with the same setting and x")
    if not panels:
        bc.fail(f"{table.path}: no row has a value in the x column and in every "
                f"p_* rate and interval column")
    return panels


def trials_note(panel):
    sim = panel.series.get("sim", [])
    values = {p.trials for p in sim if not math.isnan(p.trials)}
    if len(values) == 1:
        return f"{int(values.pop())} trials/point"
    if values:
        return f"{int(min(values))}-{int(max(values))} trials/point"
    return ""


def draw_stacked(ax, panel, outcomes, style):
    """Stacked areas (or bars): the simulated rows, or the exact ones if there are none.
    Greyed points (clamped, degenerate) are covered, not drawn: an area must not
    interpolate towards them."""
    everything = panel.series.get("sim", []) or panel.series.get("exact", [])
    all_xs = [p.pos for p in everything]
    sim, exact = (readable(panel.series.get(m, [])) for m in ("sim", "exact"))
    base = sim or exact
    xs = [p.pos for p in base]
    if style == "area" and len(set(xs)) < 2:
        style = "bar"
    gaps = [b - a for a, b in zip(sorted(set(all_xs)), sorted(set(all_xs))[1:])]
    width = 0.7 * (min(gaps) if gaps else 1.0)
    bottom = [0.0] * len(base)
    for o in outcomes:
        top = [b + p.p[o] for b, p in zip(bottom, base)]
        if style == "area":
            ax.fill_between(xs, bottom, top, color=COLOURS[o], alpha=0.9, linewidth=0.6,
                            edgecolor="white")
        else:
            ax.bar(xs, [t - b for t, b in zip(top, bottom)], bottom=bottom, width=width,
                   color=COLOURS[o], edgecolor="white", linewidth=0.6)
        bottom = top
    if sim:
        bounds = [boundaries(p, outcomes) for p in sim]
        for k in range(len(outcomes) - 1):
            ys = [b[0][k] for b in bounds]
            lo = [max(0.0, y - b[1][k]) if not math.isnan(b[1][k]) else 0.0
                  for y, b in zip(ys, bounds)]
            hi = [max(0.0, b[2][k] - y) if not math.isnan(b[2][k]) else 0.0
                  for y, b in zip(ys, bounds)]
            ax.errorbar(xs, ys, yerr=[lo, hi], fmt="o", ms=2.2, color="black",
                        ecolor="black", elinewidth=0.9, capsize=2.5, zorder=4)
    if sim and exact:
        exs = [p.pos for p in exact]
        ebounds = [boundaries(p, outcomes) for p in exact]
        for k in range(len(outcomes) - 1):
            ys = [b[0][k] for b in ebounds]
            if style == "area":
                ax.plot(exs, ys, linestyle="--", color="black", linewidth=1.3, zorder=5)
            else:
                ax.hlines(ys, [x - width / 2 for x in exs], [x + width / 2 for x in exs],
                          colors="black", linestyles="--", linewidth=1.3, zorder=5)
    ax.set_ylim(0, 1.0)
    ax.set_xlim(min(all_xs) - (width if style == "bar" else 0),
                max(all_xs) + (width if style == "bar" else 0))
    grey_points(ax, everything, width if style == "bar" else step_of(all_xs),
                touch=style == "area")


def readable(points):
    """The points drawn as results: all but the greyed ones."""
    return [p for p in points if p.kind is None]


def step_of(xs):
    values = sorted(set(xs))
    gaps = [b - a for a, b in zip(values, values[1:])]
    return min(gaps) if gaps else 1.0


def grey_points(ax, points, width, touch=False):
    """Cover clamped and degenerate points with a grey band: not results to read.
    touch: the band starts at the previous point (areas and lines end there)."""
    points = sorted(points, key=lambda p: p.pos)
    for k, p in enumerate(points):
        if p.kind is None:
            continue
        left = points[k - 1].pos if touch and k > 0 else p.pos - width / 2
        ax.axvspan(left, p.pos + width / 2, facecolor=bc.KIND_COLOUR[p.kind],
                   alpha=1.0, zorder=6, linewidth=0,
                   hatch="///" if p.kind == bc.CLAMPED else None, edgecolor="#666666")


def draw_lines(ax, panel, outcomes, logy):
    everything = panel.series.get("sim", []) or panel.series.get("exact", [])
    sim, exact = (readable(panel.series.get(m, [])) for m in ("sim", "exact"))
    # On a log axis zero rates cannot be drawn: their points are left out, and interval
    # ends below the axis are drawn at its bottom.
    positive = [v for pts in (sim, exact) for p in pts for o in outcomes
                for v in (p.p[o], p.hi[o]) if v > 1e-15]
    floor = max(min(positive, default=1e-3) / 3, 1e-15)

    def shown(v):
        return v if not logy or v > 1e-15 else math.nan

    for o in outcomes:
        if sim:
            xs = [p.pos for p in sim]
            ax.fill_between(xs, [max(p.lo[o], floor) if logy else p.lo[o] for p in sim],
                            [max(p.hi[o], floor) if logy else p.hi[o] for p in sim],
                            color=COLOURS[o], alpha=0.22, linewidth=0)
            ax.plot(xs, [shown(p.p[o]) for p in sim], marker="o", ms=3.5, color=COLOURS[o],
                    linewidth=1.6)
        if exact:
            xs = [p.pos for p in exact]
            ax.plot(xs, [shown(p.p[o]) for p in exact], linestyle="--", color=COLOURS[o],
                    linewidth=1.5, marker=None if sim else "s", ms=3)
    if logy:
        ax.set_yscale("log")
        ax.set_ylim(floor, 1.5)
    else:
        ax.set_ylim(-0.02, 1.02)
    grey_points(ax, everything, step_of([p.pos for p in everything]), touch=True)


def legend_handles(outcomes, panels, style):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    handles = [Patch(facecolor=COLOURS[o], label=NAMES[o]) for o in outcomes]
    any_sim = any(p.series.get("sim") for p in panels)
    any_exact = any(p.series.get("exact") for p in panels)
    if any_sim:
        if style == "lines":
            handles.append(Patch(facecolor="grey", alpha=0.3, label="95% Wilson interval"))
        else:
            handles.append(Line2D([], [], color="black", marker="o", ms=2.5, linewidth=0.9,
                                  label="simulated, 95% Wilson interval"))
    if any_exact and any_sim:
        handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1.3,
                              label="exact (analytic)"))
    kinds = {p.kind for panel in panels for pts in panel.series.values() for p in pts}
    for kind in (bc.CLAMPED, bc.DEGENERATE):
        if kind in kinds:
            handles.append(Patch(facecolor=bc.KIND_COLOUR[kind], edgecolor="#666666",
                                 hatch="///" if kind == bc.CLAMPED else None,
                                 label=bc.KIND_TEXT[kind]))
    return handles


def draw_compare(plt, table, panels, outcomes, args):
    """Every panel has one point: one horizontal stacked bar per panel."""
    names = []
    for p in panels:
        name = p.title or "(all rows)"
        point = (p.series.get("sim") or p.series.get("exact"))[0]
        if args.x and p.title:
            name += f" ({bc.value_label(p.x, point.text, table)})"
        elif args.x:
            name = bc.value_label(p.x, point.text, table)
        names.append(name)
    fig, ax = plt.subplots(figsize=(9.5, 1.4 + 0.42 * len(panels)))
    ys = list(range(len(panels)))
    # The segments wide enough for a label, all printed with the figure's one precision.
    labelled = [((panel.series.get("sim") or panel.series.get("exact"))[0].p[o])
                for panel in panels for o in outcomes]
    texts = iter(bc.percent_texts([w for w in labelled if w >= 0.07]))
    dump_points = []
    for y, panel in zip(ys, panels):
        sim, exact = panel.series.get("sim", []), panel.series.get("exact", [])
        point = (sim or exact)[0]
        left = 0.0
        for o in outcomes:
            width = point.p[o]
            ax.barh(y, width, left=left, height=0.68, color=COLOURS[o], edgecolor="white",
                    linewidth=0.6)
            text = ""
            if width >= 0.07:
                text = next(texts)
                ax.text(left + width / 2, y, text, ha="center", va="center", fontsize=8,
                        color="black")
            dump_points.append({"panel": names[y], "outcome": o, "p": width, "text": text,
                                "kind": point.kind, "csv_lines": point.lines})
            left += width
        tops, los, his = boundaries(point, outcomes)
        if sim:
            for k in range(len(outcomes) - 1):
                if math.isnan(los[k]) or tops[k] <= 0 or tops[k] >= 1:
                    continue
                ax.errorbar([tops[k]], [y], xerr=[[max(0, tops[k] - los[k])],
                                                  [max(0, his[k] - tops[k])]],
                            fmt="none", ecolor="black", elinewidth=0.9, capsize=2.5)
        if sim and exact:
            etops = boundaries(exact[0], outcomes)[0]
            ax.vlines(etops[:-1], y - 0.38, y + 0.38, colors="black", linestyles="--",
                      linewidth=1.3)
    ax.set_yticks(ys, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability (stacked; the outcomes add up to 1)")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    title = args.title or "Outcome rates per " + ("scenario" if panels[0].title else "row")
    ax.set_title(title, fontsize=13, pad=30)
    handles = legend_handles(outcomes, panels, "bar")
    ax.legend(handles=handles, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncol=min(6, len(outcomes) + 2), fontsize=8,
              frameon=False)
    return fig, {"script": "plot_outcomes.py", "style": "compare", "title": title,
                 "x_label": ax.get_xlabel(), "panels": [{"title": n} for n in names],
                 "labels": dump_points, "legend": [h.get_label() for h in handles]}


def draw(plt, table, panels, outcomes, args):
    from matplotlib.ticker import MaxNLocator
    if all(len({p.pos for pts in panel.series.values() for p in pts}) == 1
           for panel in panels) and len(panels) > 1:
        return draw_compare(plt, table, panels, outcomes, args)
    count = len(panels)
    cols = min(args.cols, count)
    rows = math.ceil(count / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.9 * cols + 0.4, 3.7 * rows + 1.1),
                             squeeze=False, sharey=True)
    style_used = "area"
    for k, panel in enumerate(panels):
        ax = axes[k // cols][k % cols]
        style = args.style or ("area" if panel.numeric else "bar")
        style_used = style
        if style == "lines":
            draw_lines(ax, panel, outcomes, args.logy)
        else:
            draw_stacked(ax, panel, outcomes, style)
        if panel.ticks is not None:
            ax.set_xticks([t[0] for t in panel.ticks], [t[1] for t in panel.ticks],
                          rotation=30 if max(len(t[1]) for t in panel.ticks) > 6 else 0,
                          ha="right" if max(len(t[1]) for t in panel.ticks) > 6 else "center")
        else:
            values = [p.pos for pts in panel.series.values() for p in pts]
            if all(float(v).is_integer() for v in values):
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        note = trials_note(panel)
        sub = " · ".join(s for s in (panel.title, note) if s)
        if not panel.series.get("sim"):
            sub = " · ".join(s for s in (panel.title, "exact") if s)
        ax.set_title(sub, fontsize=10)
        ax.set_xlabel(bc.label(panel.x, table))
        if k % cols == 0:
            ax.set_ylabel("probability" if style == "lines"
                          else "probability (stacked)")
        ax.grid(alpha=0.25)
        ax.set_axisbelow(True)
    for k in range(count, rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    xs = {p.x for p in panels}
    title = args.title or ("Outcome rates against " +
                           (bc.label(xs.pop(), table) if len(xs) == 1 else "the swept value"))
    fig.text(0.5, 1 - 0.08 / fig.get_figheight(), title, ha="center", va="top", fontsize=13)
    handles = legend_handles(outcomes, panels, style_used)
    needed = sum(0.6 + 0.068 * len(h.get_label()) for h in handles)  # inches, roughly
    lines = max(1, math.ceil(needed / (fig.get_figwidth() - 0.3)))
    ncol = math.ceil(len(handles) / lines)
    legend_in = (0.1 + 0.22 * lines) / fig.get_figheight()
    fig.tight_layout(rect=(0, legend_in, 1, 1 - 0.42 / fig.get_figheight()))
    fig.legend(handles=handles, loc="lower center", ncol=ncol, fontsize=8.5,
               frameon=False, bbox_to_anchor=(0.5, 0.0))
    dump = {"script": "plot_outcomes.py", "style": style_used, "title": title,
            "legend": [h.get_label() for h in handles], "labels": [], "panels": []}
    for panel in panels:
        dump["panels"].append({
            "title": panel.title, "x": panel.x, "x_label": bc.label(panel.x, table),
            "points": [{"method": method, "x": p.pos, "x_text": p.text, "kind": p.kind,
                        "p": p.p, "csv_lines": p.lines}
                       for method, pts in panel.series.items() for p in pts]})
    return fig, dump


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    table = bc.Table(args.csv)
    bc.prepare_output(args.out)
    outcomes = outcomes_in(table)
    panels = build_panels(table, args, outcomes)
    plt = bc.setup_matplotlib()
    fig, dump = draw(plt, table, panels, outcomes, args)
    bc.save(fig, args.out, args.dpi)
    bc.dump_data(args.dump_data, dump)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
