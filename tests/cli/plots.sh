#!/usr/bin/env bash
# Tests of the plotting scripts analysis/plot_outcomes.py, plot_cost.py, plot_phase.py.
# Run by ctest as: bash tests/cli/plots.sh PATH/TO/byzsim SOURCE_DIR
# Part 1 writes small synthetic byzsim CSVs (contract section 5) with Python, runs each
# script on them and checks the exit status, that the image is non-trivial (> 10 kB, not a
# single colour) and that bad input exits 2 with a message naming the missing column.
# Part 2 runs every shipped sweep (scenarios/sweeps/*.json, scenarios/pbft/sweep-b-*.json)
# with the binary at few trials, draws each script's default plot with --dump-data and
# checks what was drawn with plot_dump_check.py (no "100%" below 1, clamped/degenerate
# cells greyed, 0..1 colour scale, no raw pointer as a label), and that a constant column
# is refused. Ends with "N passed, M failed"; exits 1 on any failure.
set -u

BIN=${1:-}
SRC=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
PY=/usr/bin/python3  # Debian's python: python3-matplotlib installs for it only
ANALYSIS="$SRC/analysis"

if ! "$PY" -c "import matplotlib" 2>/dev/null; then
  echo "SKIP: matplotlib is not installed for $PY (apt-get install python3-matplotlib)"
  echo "0 passed, 0 failed"
  exit 0
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export MPLCONFIGDIR="$TMP/mplconfig"  # matplotlib's cache: never the user's home
export PYTHONDONTWRITEBYTECODE=1      # no __pycache__ in the source tree
D="$TMP/data"
O="$TMP/out"
mkdir -p "$D" "$O"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for line in "$@"; do echo "     $line"; done; }

# png_ok FILE: exists, > 10 kB, readable by matplotlib and not a single colour.
png_ok() {
  "$PY" - "$1" <<'EOF'
import os, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.image as mpimg
path = sys.argv[1]
if not os.path.isfile(path):
    sys.exit(f"no file {path}")
size = os.path.getsize(path)
if size <= 10 * 1024:
    sys.exit(f"{path} is only {size} bytes")
pixels = mpimg.imread(path)
if pixels.ndim != 3 or pixels.shape[0] < 100 or pixels.shape[1] < 100:
    sys.exit(f"{path} has shape {pixels.shape}")
if not pixels[..., :3].var() > 0:
    sys.exit(f"{path} is a single colour")
EOF
}

# plots NAME SCRIPT ARGS...: the script exits 0 and writes the -o image ($O/NAME.png).
plots() {
  local name=$1 script=$2
  shift 2
  local out="$O/$name.png"
  "$PY" "$ANALYSIS/$script" "$@" -o "$out" >"$TMP/stdout" 2>"$TMP/stderr"
  local rc=$?
  if [ $rc -ne 0 ]; then
    bad "$name: $script $* exited $rc" "$(head -c 2000 "$TMP/stderr")"
    return
  fi
  local why
  if why=$(png_ok "$out" 2>&1); then ok "$name"; else bad "$name: $script $*" "$why"; fi
}

# refuses NAME SCRIPT TEXT ARGS...: the script exits 2, says TEXT on stderr, writes no image.
refuses() {
  local name=$1 script=$2 text=$3
  shift 3
  local out="$O/$name.png"
  "$PY" "$ANALYSIS/$script" "$@" -o "$out" >"$TMP/stdout" 2>"$TMP/stderr"
  local rc=$?
  if [ $rc -ne 2 ]; then
    bad "$name: $script $* exited $rc, not 2" "$(head -c 2000 "$TMP/stderr")"
  elif ! grep -qF -- "$text" "$TMP/stderr"; then
    bad "$name: the message does not say '$text'" "$(head -c 2000 "$TMP/stderr")"
  elif [ -e "$out" ]; then
    bad "$name: an image was written although the script failed"
  elif grep -q "Traceback" "$TMP/stderr"; then
    bad "$name: a Python traceback instead of a message" "$(head -c 2000 "$TMP/stderr")"
  else
    ok "$name"
  fi
}

# ---------------------------------------------------------------- synthetic CSVs
if ! "$PY" - "$D" >"$TMP/gen.log" 2>&1 <<'EOF'
import csv, math, random, sys, os
out = sys.argv[1]
CORE = ("scenario,point,protocol,n,f,honest,malicious,faulty,trials,seed,method,"
        "correct,wrong,no_consensus,disagreement,"
        "p_correct,p_correct_lo,p_correct_hi,p_wrong,p_wrong_lo,p_wrong_hi,"
        "p_no_consensus,p_no_consensus_lo,p_no_consensus_hi,"
        "p_disagreement,p_disagreement_lo,p_disagreement_hi,"
        "mean_rounds,mean_latency_s,p99_latency_s,mean_messages").split(",")
OUT = ("correct", "wrong", "no_consensus", "disagreement")
rng = random.Random(7)

def wilson(k, n, z=1.959963984540054):
    p = k / n; d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)

def model(n, b, dis=0.0):
    """Made-up but plausible outcome rates with n agents of which b are bad."""
    bound = (n - 1) // 3
    w = 0.9 / (1 + math.exp(-2.2 * (b - bound - 0.5))) + 0.01 * b / n
    nc = 0.25 * math.exp(-((b - bound - 0.5) ** 2)) + 0.02
    d = dis * b / max(1, n)
    c = max(0.0, 1 - w - nc - d)
    s = c + w + nc + d
    return {"correct": c / s, "wrong": w / s, "no_consensus": nc / s, "disagreement": d / s}

def row(scenario, point, protocol, n, b, method, probs, trials=2000, swept=None, extra=None):
    f = (n - 1) // 3
    r = {"scenario": scenario, "point": point, "protocol": protocol, "n": n, "f": f,
         "honest": n - b, "malicious": b, "faulty": 0, "trials": trials, "seed": 42,
         "method": method, "mean_rounds": 1.2, "mean_latency_s": 130.5,
         "p99_latency_s": 400.1, "mean_messages": 3 * n}
    if method == "sim":
        counts = dict.fromkeys(OUT, 0)
        for _ in range(trials):
            u = rng.random(); acc = 0
            for o in OUT:
                acc += probs[o]
                if u < acc:
                    counts[o] += 1; break
            else:
                counts["correct"] += 1
        for o in OUT:
            lo, hi = wilson(counts[o], trials)
            r.update({o: counts[o], f"p_{o}": counts[o] / trials, f"p_{o}_lo": lo, f"p_{o}_hi": hi})
    else:
        r["trials"] = ""
        for o in OUT:
            r.update({o: "", f"p_{o}": probs[o], f"p_{o}_lo": probs[o], f"p_{o}_hi": probs[o]})
    r.update(swept or {}); r.update(extra or {})
    return r

def write(name, rows, swept_cols, extra_cols, drop=()):
    cols = [c for c in CORE + swept_cols + extra_cols if c not in drop]
    with open(os.path.join(out, name), "w", newline="") as h:
        w = csv.DictWriter(h, cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in cols})

# sweep.csv: two scenarios sweeping /corruption/count, sim + exact, disagreement in one.
rows = []
for scen, n, dis in (("sweep-faults-7", 7, 0.0), ("sweep-faults-10", 10, 0.15)):
    for k in range(n + 1):
        pr = model(n, k, dis)
        cost = 1000 * pr["wrong"] + 20 * pr["no_consensus"] + n
        for method in ("sim", "exact"):
            rows.append(row(scen, k, "coordinator-vote", n, 0, method, pr,
                            swept={"/corruption/count": k},
                            extra={"mean_corrupted": k, "expected_cost": round(cost, 3)}))
write("sweep.csv", rows, ["/corruption/count"], ["mean_corrupted", "expected_cost"])
write("sweep_sim.csv", [r for r in rows if r["method"] == "sim"], ["/corruption/count"],
      ["mean_corrupted", "expected_cost"])
write("sweep_exact.csv", [r for r in rows if r["method"] == "exact"], ["/corruption/count"],
      ["mean_corrupted", "expected_cost"])
write("no_p_wrong.csv", rows, ["/corruption/count"], ["mean_corrupted", "expected_cost"],
      drop=("p_wrong", "p_wrong_lo", "p_wrong_hi"))
write("header_only.csv", [], ["/corruption/count"], [])

# two.csv: one scenario sweeping two pointers (n via /agents/0/count and /corruption/count).
rows = []
point = 0
for honest in (7, 10):
    for k in range(0, 6):
        pr = model(honest, k)
        for method in ("sim", "exact"):
            rows.append(row("sweep-faults", point, "coordinator-vote", honest, 0, method, pr,
                            swept={"/agents/0/count": honest, "/corruption/count": k}))
        point += 1
write("two.csv", rows, ["/agents/0/count", "/corruption/count"], [])
# named.csv: the same rows as byzsim writes them now, each unnamed axis named from its pointer
# (agents_0_count, corruption_count), without a sidecar.
for r in rows:
    r["agents_0_count"], r["corruption_count"] = r["/agents/0/count"], r["/corruption/count"]
write("named.csv", rows, ["agents_0_count", "corruption_count"], ["mean_corrupted"])

# phase.csv: n = 4..13 x malicious 0..n-1 (the model's wrong rate jumps past the bound).
rows = []
point = 0
for n in range(4, 14):
    for b in range(0, n):
        rows.append(row("phase", point, "pbft", n, b, "sim", model(n, b), trials=500,
                        swept={"/agents/0/count": n - b, "/agents/1/count": b}))
        point += 1
write("phase.csv", rows, ["/agents/0/count", "/agents/1/count"], [])
rows[3]["p_wrong"] = "high"
write("phase_text.csv", rows, ["/agents/0/count", "/agents/1/count"], [])

# cost.csv: three protocols x n = 4..16; the cost falls with n, then per-agent costs win.
rows = []
point = 0
for proto, scale, per_agent in (("coordinator-vote", 1.0, 2.5), ("majority", 1.6, 1.0),
                               ("pbft", 0.8, 6.0)):
    for n in range(4, 17):
        b = 2
        pr = model(n, b)
        cost = scale * (1000 * pr["wrong"] + 20 * pr["no_consensus"]) + per_agent * n
        rows.append(row("cost-" + proto, point, proto, n, b, "sim", pr, trials=1000,
                        swept={"/agents/0/count": n - b}, extra={"expected_cost": round(cost, 4)}))
        point += 1
write("cost.csv", rows, ["/agents/0/count"], ["expected_cost"])
write("cost_missing.csv", rows, ["/agents/0/count"], [])
# cost_empty.csv: the cost column is there but empty (no costs block).
write("cost_empty.csv", [dict(r, expected_cost="") for r in rows], ["/agents/0/count"],
      ["expected_cost"])

# seed.csv: single-point scenarios (no sweep), as `make run` on scenarios/seed writes.
rows = []
def certain(outcome):
    return {o: float(o == outcome) for o in OUT}

for name, n, b, pr in (
        ("deployment-7-scripted", 7, 1, certain("correct")),
        ("majority-4-3-scripted", 7, 2, certain("wrong")),
        ("byzantine-4-3-symmetric-scripted", 7, 2, certain("no_consensus")),
        ("deployment-7", 7, 1, model(7, 1)), ("payment-10", 10, 2, model(10, 2)),
        ("financial-10", 10, 2, model(10, 2, 0.1))):
    rows.append(row(name, 0, "coordinator-vote", n, b, "sim", pr, trials=20000))
write("seed.csv", rows, [], [])

# strategies.csv: a text-valued swept column.
rows = []
for k, s in enumerate(("oppose-truth", "random", "withhold", "collude")):
    pr = model(7, 1 + k % 3)
    rows.append(row("strategies", k, "coordinator-vote", 7, 2, "sim", pr,
                    swept={"/agents/1/strategy": s}))
write("strategies.csv", rows, ["/agents/1/strategy"], [])
# text_p.csv: a non-number where a number is needed.
rows[1]["p_correct"] = "high"
write("text_p.csv", rows, ["/agents/1/strategy"], [])
EOF
then
  bad "generate the synthetic CSVs" "$(cat "$TMP/gen.log")"
  echo "$passed passed, $failed failed"
  exit 1
fi
# Two files joined with cat: the repeated header line is skipped.
cat "$D/sweep_sim.csv" "$D/sweep_exact.csv" >"$D/joined.csv"

# ---------------------------------------------------------------- --help
for script in plot_outcomes.py plot_cost.py plot_phase.py; do
  if "$PY" "$ANALYSIS/$script" --help >"$TMP/help" 2>&1 && grep -q -- "--x" "$TMP/help" \
     && grep -q "usage:" "$TMP/help"; then
    ok "$script --help"
  else
    bad "$script --help" "$(head -c 1000 "$TMP/help")"
  fi
done
# Every script in analysis/ answers --help (and -h) with a usage and exit status 0, whatever
# its job: a newcomer's first try must not look like an error.
for path in "$ANALYSIS"/*.py; do
  script=$(basename "$path")
  for flag in --help -h; do
    if "$PY" "$path" $flag >"$TMP/help" 2>"$TMP/help.err" && grep -q "usage:" "$TMP/help"; then
      ok "$script $flag exits 0 with a usage"
    else
      bad "$script $flag exits 0 with a usage" "$(head -c 1000 "$TMP/help" "$TMP/help.err")"
    fi
  done
done

# ---------------------------------------------------------------- plot_outcomes.py
plots outcomes-sim-exact   plot_outcomes.py "$D/sweep.csv"          # 2 panels, disagreement
plots outcomes-sim         plot_outcomes.py "$D/sweep_sim.csv"
plots outcomes-exact       plot_outcomes.py "$D/sweep_exact.csv"
plots outcomes-two-sweeps  plot_outcomes.py "$D/two.csv"            # split by /agents/0/count
plots outcomes-x-given     plot_outcomes.py "$D/two.csv" --x /corruption/count --panel /agents/0/count
plots outcomes-named-axes  plot_outcomes.py "$D/named.csv" --x corruption_count --panel agents_0_count
plots outcomes-by-pointer  plot_outcomes.py "$D/named.csv" --x /corruption/count --panel agents_0_count
plots outcomes-one-panel   plot_outcomes.py "$D/sweep.csv" --panel none --x n
plots outcomes-bar         plot_outcomes.py "$D/sweep.csv" --style bar
plots outcomes-lines-log   plot_outcomes.py "$D/sweep.csv" --style lines --logy --cols 1
plots outcomes-seed        plot_outcomes.py "$D/seed.csv"           # single points: one bar each
plots outcomes-text-x      plot_outcomes.py "$D/strategies.csv"     # text-valued swept column
plots outcomes-bad-x       plot_outcomes.py "$D/phase.csv" --x bad --panel n --title "by n"
plots outcomes-joined      plot_outcomes.py "$D/joined.csv"
"$PY" "$ANALYSIS/plot_outcomes.py" "$D/sweep.csv" -o "$O/outcomes.svg" >/dev/null 2>&1 \
  && [ -s "$O/outcomes.svg" ] && ok "outcomes-svg" || bad "outcomes-svg: no SVG written"

refuses outcomes-missing-column plot_outcomes.py "'p_wrong'" "$D/no_p_wrong.csv"
refuses outcomes-lists-columns  plot_outcomes.py "p_no_consensus_hi" "$D/no_p_wrong.csv"
refuses outcomes-no-rows        plot_outcomes.py "no data rows" "$D/header_only.csv"
refuses outcomes-unknown-x      plot_outcomes.py "'nonesuch'" "$D/sweep.csv" --x nonesuch
refuses outcomes-unknown-panel  plot_outcomes.py "'nonesuch'" "$D/sweep.csv" --panel nonesuch
refuses outcomes-no-file        plot_outcomes.py "no-such.csv" "$D/no-such.csv"
refuses outcomes-text-number    plot_outcomes.py "'high'" "$D/text_p.csv"

# ---------------------------------------------------------------- plot_cost.py
plots cost-protocols   plot_cost.py "$D/cost.csv"                    # 3 groups, default --x n
plots cost-sim-exact   plot_cost.py "$D/sweep.csv" --x /corruption/count --logy
plots cost-one-line    plot_cost.py "$D/cost.csv" --group none --cost mean_messages
plots cost-by-scenario plot_cost.py "$D/cost.csv" --group scenario --x honest

refuses cost-missing-column plot_cost.py "'expected_cost'" "$D/cost_missing.csv"
refuses cost-lists-columns  plot_cost.py "/agents/0/count" "$D/cost_missing.csv"
refuses cost-empty-column   plot_cost.py "expected_cost" "$D/cost_empty.csv"
refuses cost-no-rows        plot_cost.py "no data rows" "$D/header_only.csv"
refuses cost-unknown-group  plot_cost.py "'nonesuch'" "$D/cost.csv" --group nonesuch
refuses cost-of-a-rate      plot_cost.py "draw it with analysis/plot_rate.py" "$D/cost.csv" --cost p_wrong

# ---------------------------------------------------------------- plot_phase.py
plots phase-default    plot_phase.py "$D/phase.csv"                  # malicious x n, p_wrong
plots phase-named-axes plot_phase.py "$D/named.csv" --y agents_0_count   # x: corruption_count
plots phase-log        plot_phase.py "$D/phase.csv" --rate p_no_consensus --log --cmap viridis
plots phase-bad        plot_phase.py "$D/phase.csv" --x bad --no-values
plots phase-panels     plot_phase.py "$D/sweep.csv" --x /corruption/count     # 2 panels, sim rows
plots phase-exact      plot_phase.py "$D/sweep_exact.csv" --x /corruption/count --rate p_correct

refuses phase-missing-column plot_phase.py "'p_wrong'" "$D/no_p_wrong.csv"
refuses phase-lists-columns  plot_phase.py "mean_messages" "$D/no_p_wrong.csv"
refuses phase-no-rows        plot_phase.py "no data rows" "$D/header_only.csv"
refuses phase-unknown-rate   plot_phase.py "'p_bogus'" "$D/phase.csv" --rate p_bogus
refuses phase-text-axis      plot_phase.py "must be numeric" "$D/strategies.csv" --x /agents/1/strategy
refuses phase-text-number    plot_phase.py "'high'" "$D/phase_text.csv"
refuses phase-bad-cmap       plot_phase.py "colour map" "$D/phase.csv" --cmap no-such-map

# ---------------------------------------------------------------- plot_rate.py
plots rate-named       plot_rate.py "$D/named.csv" --rate p_wrong --x corruption_count
plots rate-pointer     plot_rate.py "$D/sweep.csv" --rate p_correct --x /corruption/count
plots rate-group-none  plot_rate.py "$D/phase.csv" --rate p_no_consensus --x n --group none --logy
refuses rate-not-a-rate  plot_rate.py "not a rate" "$D/sweep.csv" --rate mean_rounds
refuses rate-unknown     plot_rate.py "'p_bogus'" "$D/sweep.csv" --rate p_bogus
refuses rate-constant-x  plot_rate.py "--x" "$D/cost.csv" --x seed
# What was drawn: each scenario's line at its own points, the rate inside its interval, and
# no line called cheapest or best.
if "$PY" "$ANALYSIS/plot_rate.py" "$D/sweep_sim.csv" --rate p_wrong --x /corruption/count \
     -o "$O/rate-dump.png" --dump-data "$TMP/rate.json" 2>"$TMP/rate.err" &&
   "$PY" - "$TMP/rate.json" >"$TMP/rate.log" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["x_label"] == "corrupted agents (K)", d["x_label"]
assert len(d["lines"]) == 2, [l["name"] for l in d["lines"]]  # sweep-faults-7 and -10
assert sorted(len(l["x"]) for l in d["lines"]) == [8, 11], [l["x"] for l in d["lines"]]
for l in d["lines"]:
    for r, lo, hi in zip(l["rate"], l["lo"], l["hi"]):
        assert lo <= r <= hi, (l["name"], r, lo, hi)
text = json.dumps(d).lower()
assert "cheapest" not in text and "best" not in text
EOF
then ok "rate-dump: two lines, each rate inside its interval"
else bad "rate-dump: two lines, each rate inside its interval" "$(cat "$TMP/rate.err" "$TMP/rate.log" 2>/dev/null)"; fi

# ---------------------------------------------------------------- helpers
if "$PY" - "$ANALYSIS" >"$TMP/helpers.log" 2>&1 <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import byzsim_csv as bc
import plot_phase
# Wilson 95% interval, against known values.
lo, hi = bc.wilson(0, 10)
assert lo == 0 and abs(hi - 0.27753) < 1e-4, (lo, hi)
lo, hi = bc.wilson(50, 100)
assert abs(lo - 0.40383) < 1e-4 and abs(hi - 0.59617) < 1e-4, (lo, hi)
# The bound: with n = 4..7 and b = 0..6, the line sits right of b = floor((n-1)/3).
xs, ys = [0, 1, 2, 3, 4, 5, 6], [4, 5, 6, 7]
px, py = plot_phase.bound_path(xs, ys)
assert px == [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 2.5, 2.5], px
assert py == [-0.5, 0.5, 0.5, 1.5, 1.5, 2.5, 2.5, 3.5], py
EOF
then ok "helpers (wilson, bound)"; else bad "helpers (wilson, bound)" "$(cat "$TMP/helpers.log")"; fi

# ---------------------------------------------------------------- the shipped sweeps
# drawn NAME SCRIPT CSV ARGS...: the script exits 0 and what it drew passes the checks.
drawn() {
  local name=$1 script=$2 data=$3
  shift 3
  if ! "$PY" "$ANALYSIS/$script" "$data" "$@" --dpi 50 -o "$O/$name.png" \
      --dump-data "$O/$name.json" >"$TMP/stdout" 2>"$TMP/stderr"; then
    bad "$name: $script $(basename "$data") $* failed" "$(head -c 2000 "$TMP/stderr")"
  elif ! "$PY" "$SRC/tests/cli/plot_dump_check.py" "$O/$name.json" "$data" >"$TMP/check" 2>&1; then
    bad "$name: what $script drew" "$(head -c 3000 "$TMP/check")"
  else
    ok "$name"
  fi
}

if [ ! -x "$BIN" ]; then
  bad "the shipped sweeps: no byzsim binary given (argument 1)"
else
  S="$TMP/shipped"
  mkdir -p "$S"
  for scenario in "$SRC"/scenarios/sweeps/*.json "$SRC"/scenarios/pbft/sweep-b-*.json; do
    name=$(basename "$scenario" .json)
    # Few trials keep the test fast; the checks are about what is drawn, not the rates.
    if ! "$BIN" run "$scenario" --trials 200 --quiet -o "$S/$name.csv" 2>"$TMP/stderr"; then
      bad "$name: byzsim run failed" "$(head -c 2000 "$TMP/stderr")"
      continue
    fi
    drawn "$name-outcomes" plot_outcomes.py "$S/$name.csv"
    drawn "$name-phase" plot_phase.py "$S/$name.csv"
    # No shipped sweep has a costs block: the cost plot must say so, not draw nothing.
    if grep -q '"costs"' "$scenario"; then
      drawn "$name-cost" plot_cost.py "$S/$name.csv"
    else
      refuses "$name-cost" plot_cost.py "no 'expected_cost' column" "$S/$name.csv"
    fi
  done
  # The issue's cases: the configured malicious column is constant (0) in a corruption
  # sweep, so a phase map over it is refused, as is an outcome plot over a constant n.
  refuses sweep-faults-malicious plot_phase.py "column 'malicious' (--x) has the single value" \
    "$S/sweep-faults.csv" --x malicious
  refuses sweep-faults-7-over-n plot_outcomes.py "column 'n' (--x) has the single value" \
    "$S/sweep-faults-7.csv" --x n
  # The pbft sweeps drawn together, as make run does.
  { head -n 1 "$S/sweep-b-4.csv"; for f in "$S"/sweep-b-*.csv; do tail -n +2 "$f"; done; } \
    >"$S/pbft-sweep-b.csv"
  drawn pbft-sweep-b-phase plot_phase.py "$S/pbft-sweep-b.csv"
  if "$PY" - "$O/pbft-sweep-b-phase.json" >"$TMP/check" 2>&1 <<'EOF'
import json, sys
dump = json.load(open(sys.argv[1]))
assert dump["rate"] == "p_disagreement", dump["rate"]  # the default when some row splits
labels = {p["x_label"] for p in dump["panels"]}
assert labels == {"corrupted agents (K)"}, labels
greyed = [(c["x"], c["y"]) for p in dump["panels"] for c in p["cells"] if c["kind"] == "degenerate"]
assert (3, 4) in greyed and (12, 13) in greyed, greyed  # b = n - 1: one honest agent left
assert any(t.startswith("fewer than two honest") for t in dump["legend"]), dump["legend"]
EOF
  then ok "pbft-sweep-b: p_disagreement by default, b >= n-1 greyed with a legend entry"
  else bad "pbft-sweep-b: the default map" "$(cat "$TMP/check")"; fi
  # sweep-faults asks for K = 8..10 of 7 honest agents: clamped, greyed, in the legend.
  if "$PY" - "$O/sweep-faults-phase.json" >"$TMP/check" 2>&1 <<'EOF'
import json, sys
dump = json.load(open(sys.argv[1]))
clamped = sorted(c["x"] for p in dump["panels"] for c in p["cells"] if c["kind"] == "clamped")
assert clamped == [8, 9, 10], clamped
assert any(t.startswith("clamped") for t in dump["legend"]), dump["legend"]
assert dump["x"] == "corruption_count" and dump["rate"] == "p_wrong", (dump["x"], dump["rate"])
EOF
  then ok "sweep-faults: K = 8..10 at n = 7 clamped and greyed"
  else bad "sweep-faults: the default map" "$(cat "$TMP/check")"; fi
  # Labels and kinds come from the run's sidecar: byzsim's label for its columns, a named
  # axis by its name; the sidecar's axes are what the scripts sweep over.
  if "$PY" - "$ANALYSIS" "$S/k-equals-f.csv" >"$TMP/check" 2>&1 <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import byzsim_csv as bc
table = bc.Table(sys.argv[2])
assert table.described
assert bc.label("n", table) == "agents (n)", bc.label("n", table)
assert bc.label("p_wrong", table) == "P(wrong decision)", bc.label("p_wrong", table)
assert bc.label("liars", table) == "liars" and table.kind("liars") == "axis"
assert table.swept() == ["agents", "tolerance", "liars"], table.swept()
assert table.kind("mean_bad") == "mean" and bc.label("mean_bad", table).startswith("bad agents")
assert "Wilson" in table.description("p_wrong_lo")
EOF
  then ok "k-equals-f: labels, kinds and axes from the sidecar"
  else bad "k-equals-f: labels, kinds and axes from the sidecar" "$(cat "$TMP/check")"; fi
fi

# ---------------------------------------------------------------- percentages and labels
# The issue's case: p_wrong = 0.495% must not leave "100%" correct, and one figure
# prints one precision (not "9%" next to "14.0%").
if "$PY" - "$ANALYSIS" >"$TMP/pct.log" 2>&1 <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import byzsim_csv as bc
def same(got, want):
    assert got == want, (got, want)
same(bc.percent_texts([0.99505, 0.00495]), ["99.5%", "0.5%"])
same(bc.percent_texts([0.09, 0.14, 1.0, 0.0]), ["9%", "14%", "100%", "0%"])
same(bc.percent_texts([0.9999999, 0.5]), [">99.999%", "50.000%"])
same(bc.percent_texts([1e-9]), ["<0.001%"])
same(bc.label("/corruption/count"), "corrupted agents (K)")
same(bc.label("/agents/1/accuracy"), "accuracy in group 1")
same(bc.label("liars"), "liars")
# An unnamed axis's column, without a sidecar: its pointer's label; with an unknown pointer,
# the column as is (an axis), never a pointer.
same(bc.pointer_column("/corruption/count"), "corruption_count")
same(bc.pointer_column("/a~1b/x-y"), "a_b_x_y")
same(bc.pointer_column("/0/count"), "axis_0_count")
same(bc.infer_columns(["scenario", "correct", "p_correct", "mean_rounds", "corruption_count",
                       "mean_honest", "set"])["corruption_count"], "axis")
assert not bc.label("/network/latency/max").startswith("/")
# Without a sidecar: labels derived from the names, kinds inferred from the header.
same(bc.label("p_wrong"), "P(wrong)")
same(bc.label("p_no_consensus_lo"), "P(no consensus), lower bound")
same(bc.label("mean_latency_s"), "mean latency (s)")
same(bc.label("p99_latency_s"), "p99 latency (s)")
same(bc.infer_columns(["scenario", "n", "correct", "p_correct", "p_correct_lo", "mean_rounds",
                       "liars", "/protocol/f", "mean_corrupted", "ic2_violations",
                       "mean_honest", "max_rounds", "set"]),
     {"scenario": "fixed", "n": "fixed", "correct": "count", "p_correct": "rate",
      "p_correct_lo": "interval", "mean_rounds": "mean", "liars": "axis", "/protocol/f": "axis",
      "mean_corrupted": "mean", "ic2_violations": "count", "mean_honest": "mean",
      "max_rounds": "fixed", "set": "fixed"})
EOF
then ok "percent_texts and labels"; else bad "percent_texts and labels" "$(cat "$TMP/pct.log")"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
