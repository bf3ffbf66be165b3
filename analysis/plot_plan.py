#!/usr/bin/python3
"""Plot a `byzsim plan` CSV: the Pareto frontier and the cost against n per rule, choice marked.

Reads the CSV `byzsim plan SPEC -o FILE` writes (one row per design: protocol, rule, n, quorums,
exact rates, expected_cost, feasible, dominated, chosen) and draws two panels. Left: every
design as a point of (p_wrong, cost), coloured by rule, the Pareto frontier of (p_wrong,
p_no_consensus, cost) drawn solid, designs that miss the targets faded. Right: per rule, the
cheapest design at each n (filled where it meets the targets, hollow where none does). The
chosen design (the cheapest that meets the targets) is a star on both. Runs headless
(matplotlib Agg); --table prints the per-rule summary as a markdown table instead.
"""

import argparse
import csv
import sys

RULES = {  # rule column -> legend label, colour
    "majority": ("simple majority", "tab:blue"),
    "seed": ("seed's rule (approve n-f, reject f+1)", "tab:red"),
    "quorum": ("other quorums (coordinator-vote)", "tab:green"),
}
NEEDED = ["rule", "n", "p_wrong", "p_no_consensus", "expected_cost", "feasible", "dominated",
          "chosen", "approve_quorum", "reject_quorum", "malicious"]

EPILOG = """\
left panel: x = p_wrong (log scale; 0 drawn at the smallest positive value / 10), y = cost
  (expected_cost; log scale when every cost is positive). Dots: designs; solid: on the Pareto frontier; faded: infeasible.
right panel: x = n, y = the lowest cost of the rule's designs at that n; filled markers
  where some design of the rule at that n meets the targets, hollow where none does.
star: the chosen design, annotated with its rule, n and quorums.
--table: prints, per rule, the cheapest design meeting the targets (n, quorums, p_wrong,
  p_no_consensus, cost), and p_wrong of the seed's rule and of majority at n = 3k+1 for the
  k liars of the file (the "3f+1" comparison), then exits without plotting.
exit status: 0 done; 2 bad usage or a CSV without the needed columns or rows.

example: /usr/bin/python3 analysis/plot_plan.py out/question.csv -o out/question.png
"""


def fail(message):
    print("plot_plan.py: error: " + message, file=sys.stderr)
    sys.exit(2)


def read_rows(path):
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))
    if not rows:
        fail("%s has no rows (accepted: the CSV of 'byzsim plan SPEC -o FILE')" % path)
    missing = [c for c in NEEDED if c not in rows[0]]
    if missing:
        fail("%s lacks the column(s) %s; accepted: the CSV of 'byzsim plan' (columns %s)"
             % (path, ", ".join(missing), ", ".join(NEEDED)))
    for r in rows:
        for k in ("n", "malicious"):
            r[k] = int(r[k])
        for k in ("p_wrong", "p_no_consensus", "expected_cost"):
            r[k] = float(r[k])
        for k in ("feasible", "dominated", "chosen"):
            r[k] = r[k] == "1"
    return rows


def design_text(r):
    quorums = " (approve %s, reject %s)" % (r["approve_quorum"], r["reject_quorum"]) \
        if r["approve_quorum"] else ""
    return "%s%s, n = %d" % (r["rule"], quorums, r["n"])


def table(rows):
    print("| rule | cheapest n meeting the targets | quorums | p_wrong | p_no_consensus | cost |")
    print("|---|---|---|---|---|---|")
    for rule in RULES:
        ok = [r for r in rows if r["rule"] == rule and r["feasible"]]
        if not [r for r in rows if r["rule"] == rule]:
            continue
        if not ok:
            print("| %s | none in %d..%d | | | | |" % (rule, min(r["n"] for r in rows),
                                                     max(r["n"] for r in rows)))
            continue
        best = min(ok, key=lambda r: (r["expected_cost"], r["n"]))
        quorums = "%s / %s" % (best["approve_quorum"], best["reject_quorum"]) \
            if best["approve_quorum"] else ""
        print("| %s | %d | %s | %.3g | %.3g | %.4g |" % (rule, best["n"], quorums, best["p_wrong"],
                                                       best["p_no_consensus"], best["expected_cost"]))
    k = max(r["malicious"] for r in rows)
    at = [r for r in rows if r["n"] == 3 * k + 1 and r["rule"] in ("seed", "majority")]
    for r in sorted(at, key=lambda r: (r["rule"], r.get("max_rounds", ""))):
        print("\nat n = 3k+1 = %d with k = %d liars: %s (%s round(s)) p_wrong = %.4g, "
              "p_no_consensus = %.4g" % (r["n"], k, r["rule"], r.get("max_rounds", "1"),
                                         r["p_wrong"], r["p_no_consensus"]), end="")
    print()


def plot(rows, out, title, dpi):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    positive = [r["p_wrong"] for r in rows if r["p_wrong"] > 0]
    floor = (min(positive) if positive else 1e-12) / 10
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    for rule, (label, colour) in RULES.items():
        mine = [r for r in rows if r["rule"] == rule]
        if not mine:
            continue
        for feasible, alpha in ((True, 0.9), (False, 0.15)):
            pts = [r for r in mine if r["feasible"] == feasible]
            left.scatter([max(r["p_wrong"], floor) for r in pts], [r["expected_cost"] for r in pts],
                         s=8, color=colour, alpha=alpha,
                         label=label + (" (meets targets)" if feasible else " (misses)"))
        front = sorted((r for r in mine if not r["dominated"]), key=lambda r: r["p_wrong"])
        left.plot([max(r["p_wrong"], floor) for r in front], [r["expected_cost"] for r in front],
                  color=colour, linewidth=1)
        ns = sorted({r["n"] for r in mine})
        best = [min((r for r in mine if r["n"] == n), key=lambda r: r["expected_cost"]) for n in ns]
        best_ok = {n: min([r["expected_cost"] for r in mine if r["n"] == n and r["feasible"]],
                          default=None) for n in ns}
        right.plot(ns, [b["expected_cost"] for b in best], color=colour, linewidth=1, label=label)
        right.scatter([n for n in ns if best_ok[n] is not None],
                      [best_ok[n] for n in ns if best_ok[n] is not None], color=colour, s=18)
        right.scatter([n for n in ns if best_ok[n] is None],
                      [b["expected_cost"] for n, b in zip(ns, best) if best_ok[n] is None],
                      facecolors="none", edgecolors=colour, s=18)
    chosen = [r for r in rows if r["chosen"]]
    for r in chosen:
        for axis, x in ((left, max(r["p_wrong"], floor)), (right, r["n"])):
            axis.scatter([x], [r["expected_cost"]], marker="*", s=220, color="gold",
                         edgecolors="black", zorder=5, label="chosen: " + design_text(r))
    left.set_xscale("log")
    if min(r["expected_cost"] for r in rows) > 0:  # costs span decades: wrong decisions are dear
        left.set_yscale("log")
        right.set_yscale("log")
    left.set_xlabel("P(wrong decision), worst case")
    left.set_ylabel("cost (expected_cost, or n without costs)")
    left.set_title("Designs and the Pareto frontier")
    left.legend(fontsize=7)
    right.set_xlabel("n (agents)")
    right.set_ylabel("lowest cost at this n")
    right.set_title("Cost against n per rule (filled: meets the targets)")
    right.legend(fontsize=7)
    fig.suptitle(title or ("Cheapest design: " + design_text(chosen[0]) if chosen
                           else "No design meets the targets"))
    fig.tight_layout()
    fig.savefig(out, dpi=dpi)


def main(argv):
    parser = argparse.ArgumentParser(
        prog="plot_plan.py", description=__doc__.split("\n\n")[0].strip(),
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="the CSV of 'byzsim plan SPEC -o FILE'")
    parser.add_argument("-o", "--out", help="image to write (.png, .pdf or .svg)")
    parser.add_argument("--table", action="store_true",
                        help="print the per-rule summary (markdown) instead of plotting")
    parser.add_argument("--title", help="figure title (default: the chosen design)")
    parser.add_argument("--dpi", type=int, default=130, help="resolution (default 130)")
    args = parser.parse_args(argv)
    if not args.table and not args.out:
        parser.error("give -o FILE (the image) or --table")
    rows = read_rows(args.csv)
    if args.table:
        table(rows)
    else:
        plot(rows, args.out, args.title, args.dpi)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
