#!/usr/bin/python3
"""Compare protocols side by side: messages per decision, time to decision and outcome rates
against n, with the growth exponent of messages per decision fitted per protocol.

Reads a byzsim results CSV whose rows run several protocols over several n (the studies in
scenarios/compare/ sweep /protocol/type and the agent count) and prints, per protocol, the
exponent k of messages per decision ~ c * n^k (least squares of log messages on log n over the
rows that decided), then a table of every row's figures. With -o it also draws three panels:
messages per decision (log-log, with the fitted line), mean time to decision, and the rates of
wrong, no-consensus and disagreement outcomes. Runs headless (matplotlib Agg); the table needs
only the standard library.
"""

import argparse
import math
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import byzsim_csv as bc  # noqa: E402

EPILOG = """\
messages per decision: mean_messages / (p_correct + p_wrong): every message of every trial,
  over the trials that decided (a trial that never decides still costs its messages). Rows
  where no trial decided have none and are left out of the fit.
exponent: the slope of log(messages per decision) against log(n) by least squares, per
  protocol, over its rows with at least two distinct n; "n/a" with fewer. It describes the
  rows' range of n only (a constant overhead flattens small n).
rows: grouped by --group (default protocol); rows of the same protocol and n are kept apart
  when another column varies (say a fault count): pass --where COLUMN=VALUE to pick one.
--dump-data FILE writes the fits and what was drawn as JSON.
exit status: 0 done; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/compare_protocols.py out/compare-cost.csv -o out/compare.png
"""

RATES = (("p_wrong", "wrong"), ("p_no_consensus", "no consensus"),
         ("p_disagreement", "disagreement"))


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="compare_protocols.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="byzsim results CSV with several protocols and n")
    parser.add_argument("-o", "--out", help="also draw the three panels into this image")
    parser.add_argument("--group", metavar="COLUMN", default="protocol",
                        help="one line per value of COLUMN (default protocol)")
    parser.add_argument("--where", metavar="COLUMN=VALUE", action="append", default=[],
                        help="keep only the rows whose COLUMN holds VALUE (repeatable)")
    parser.add_argument("--title", help="figure title")
    parser.add_argument("--dpi", type=int, default=130, help="resolution (default 130)")
    parser.add_argument("--dump-data", metavar="FILE",
                        help="also write the fits and what was drawn as JSON (for tests)")
    args = parser.parse_args(argv)
    if args.dpi < 10:
        parser.error("--dpi must be at least 10")
    return args


def fit_exponent(points):
    """Least-squares slope and intercept of log y on log x; None with fewer than two x."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len({x for x, _ in pts}) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    slope = sum((x - mx) * (y - my) for x, y in pts) / sxx
    return slope, my - slope * mx


def selected_rows(table, wheres):
    keep = list(range(len(table.rows)))
    for item in wheres:
        column, sep, value = item.partition("=")
        if not sep:
            bc.fail(f"--where '{item}': expected COLUMN=VALUE")
        table.require([(column, "--where")])
        keep = [i for i in keep if table.text(i, column) == value]
    if not keep:
        bc.fail(f"{table.path}: no row matches {' and '.join(wheres)}")
    return keep


def collect(table, indices, group):
    """Per group value: its rows as dicts of the figures, in n order."""
    lines = {}
    for i in indices:
        decided = table.number(i, "p_correct") + table.number(i, "p_wrong")
        messages = table.number(i, "mean_messages")
        row = {
            "n": table.number(i, "n"),
            "messages_per_decision": messages / decided if decided > 0 else math.nan,
            "mean_latency_s": table.number(i, "mean_latency_s"),
            "mean_rounds": table.number(i, "mean_rounds") if table.has("mean_rounds")
            else math.nan,
            "line": table.lines[i],
        }
        for column, _ in RATES:
            row[column] = table.number(i, column)
        lines.setdefault(table.text(i, group), []).append(row)
    for rows in lines.values():
        rows.sort(key=lambda r: r["n"])
    return lines


def text_of(value, digits=4):
    return "" if math.isnan(value) else f"{value:.{digits}g}"


def print_report(lines):
    fits = {}
    print("messages per decision ~ c * n^k, fitted per protocol:")
    for name, rows in lines.items():
        fit = fit_exponent([(r["n"], r["messages_per_decision"]) for r in rows
                            if not math.isnan(r["messages_per_decision"])])
        fits[name] = fit
        ns = [int(r["n"]) for r in rows]
        where = f"n = {min(ns)}..{max(ns)}, {len(rows)} rows"
        print(f"  {name:<20} k = {fit[0]:.2f}  ({where})" if fit
              else f"  {name:<20} k = n/a  ({where}: fewer than two n that decided)")
    print()
    header = ("protocol", "n", "msgs/decision", "mean_latency_s", "mean_rounds", "p_wrong",
              "p_no_consensus", "p_disagreement")
    print("  ".join(f"{h:>14}" if k else f"{h:<20}" for k, h in enumerate(header)))
    for name, rows in lines.items():
        for r in rows:
            cells = [f"{name:<20}", f"{int(r['n']):>14}"]
            cells += [f"{text_of(r[c]):>14}" for c in ("messages_per_decision",
                                                       "mean_latency_s", "mean_rounds")]
            cells += [f"{text_of(r[c]):>14}" for c, _ in RATES]
            print("  ".join(cells))
    return fits


def draw(args, lines, fits):
    bc.prepare_output(args.out)
    plt = bc.setup_matplotlib()
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    drawn = {}
    for k, (name, rows) in enumerate(lines.items()):
        colour = f"C{k % 10}"
        ns = [r["n"] for r in rows]
        msgs = [r["messages_per_decision"] for r in rows]
        fit = fits.get(name)
        label = f"{name} (k = {fit[0]:.2f})" if fit else name
        axes[0].plot(ns, msgs, "o-", color=colour, label=label)
        if fit:
            xs = [min(ns), max(ns)]
            axes[0].plot(xs, [math.exp(fit[1]) * x ** fit[0] for x in xs], ":", color=colour)
        axes[1].plot(ns, [r["mean_latency_s"] for r in rows], "o-", color=colour, label=name)
        styles = ("-", "--", ":")
        for (column, word), style in zip(RATES, styles):
            axes[2].plot(ns, [r[column] for r in rows], style, marker="o", color=colour,
                         label=f"{name}: {word}")
        drawn[name] = {"n": ns, "messages_per_decision": msgs,
                       "mean_latency_s": [r["mean_latency_s"] for r in rows],
                       **{c: [r[c] for r in rows] for c, _ in RATES}}
    axes[0].set_xscale("log")
    axes[0].set_yscale("log")
    axes[0].set_title("messages per decision (dotted: fitted n^k)")
    axes[1].set_title("mean time to decision (s)")
    axes[2].set_title("outcome rates (wrong, no consensus, disagreement)")
    for ax in axes:
        ax.set_xlabel("agents (n)")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7)
    if args.title:
        fig.suptitle(args.title)
    fig.tight_layout()
    bc.save(fig, args.out, args.dpi)
    return drawn


def main(argv):
    # `... | head` closes the pipe early: end quietly, as a command-line tool does.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = parse_args(argv)
    table = bc.Table(args.csv)
    table.require([("n", "the x axis"), (args.group, "--group"),
                   ("mean_messages", "messages per decision"),
                   ("p_correct", "messages per decision"), ("p_wrong", "the rates"),
                   ("p_no_consensus", "the rates"), ("p_disagreement", "the rates"),
                   ("mean_latency_s", "the time to decision")])
    lines = collect(table, selected_rows(table, args.where), args.group)
    fits = print_report(lines)
    drawn = draw(args, lines, fits) if args.out else {}
    bc.dump_data(args.dump_data, {
        "fits": {name: ({"k": fit[0], "log_c": fit[1]} if fit else None)
                 for name, fit in fits.items()},
        "drawn": drawn})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
