# `byzsim trace --format jsonl|chrome|mermaid|summary` parse and agree with each other, and
# `--find` finds (or refuses to invent) the outcomes asked for, whatever the thread count.
source "$(dirname "$0")/lib.bash"
seed7="$SRC/scenarios/seed/deployment-7.json"
b4="$SRC/scenarios/pbft/sweep-b-4.json"   # points 0..4: b = 0..4 equivocators (f = 1)

# JSON lines: a header with every party, one event per line, an end line.
"$BIN" trace "$seed7" --trial 2 --format jsonl >"$T/t.jsonl"
check "jsonl: every line is a JSON object; header with 8 parties (7 agents + coordinator) with role, strategy, corruption; events; end" $PY - "$T/t.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
head, events, end = lines[0], lines[1:-1], lines[-1]
assert head["type"] == "header" and end["type"] == "end", (head, end)
assert len(head["parties"]) == 8 and head["n"] == 7
for p in head["parties"]:
    assert {"role", "strategy", "corrupted"} <= p.keys(), p
assert [p["role"] for p in head["parties"]] == ["honest"] * 5 + ["malicious", "faulty", "coordinator"]
assert all(e["type"] == "event" and {"t_s", "kind", "from", "to", "message", "value"} <= e.keys() for e in events)
assert any(e["kind"] == "deliver" and e["message"] == "VOTE" for e in events)
assert end["outcome"] in ("correct", "wrong", "no_consensus", "disagreement")
PY

# Chrome: valid trace events, one named track per party, every flow id one start and one end.
for f in "$seed7" "$SRC/scenarios/pbft/tightness-4.json"; do
  "$BIN" trace "$f" --trial 2 --format chrome -o "$T/t.json"
  check "chrome ($(basename "$f")): trace events with matched flow ids" \
    $PY "$SRC/tests/cli/chrome_flows.py" "$T/t.json"
  check "chrome ($(basename "$f")): named tracks" $PY - "$T/t.json" <<'PY'
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
names = [e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"]
assert any("malicious" in n or "honest" in n for n in names), names
PY
done

# Mermaid: a sequenceDiagram, participants declared, one arrow per delivered message.
"$BIN" trace "$seed7" --trial 2 --format mermaid >"$T/t.mmd"
check "mermaid: sequenceDiagram with declared participants and one ->> per delivery in the jsonl" $PY - "$T/t.mmd" "$T/t.jsonl" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read().splitlines()
assert text[0] == "sequenceDiagram", text[0]
declared = {m.group(1) for l in text if (m := re.match(r"  participant (\w+) as ", l))}
assert len(declared) == 8, declared
arrows = [re.match(r"  (\w+)(->>|-x)(\w+): ", l) for l in text]
arrows = [a for a in arrows if a]
for a in arrows:
    assert a.group(1) in declared and a.group(3) in declared, a.group(0)
delivered = sum(1 for l in open(sys.argv[2]) if json.loads(l).get("kind") == "deliver")
assert sum(1 for a in arrows if a.group(2) == "->>") == delivered, (len(arrows), delivered)
assert not any("folded" in l for l in text)
PY
"$BIN" trace "$SRC/scenarios/pbft/deployment-7-pbft.json" --format mermaid >"$T/big.mmd"
check "mermaid: a large pbft run is folded with a note of what was left out" \
  sh -c "head -1 '$T/big.mmd' | grep -qx sequenceDiagram && grep -Eq 'folded: [0-9]+ more [A-Z-]+ messages? of view [0-9]+ not drawn \([0-9]+ in all\)' '$T/big.mmd'"

# --find
"$BIN" trace "$SRC/scenarios/seed/majority-4-3-scripted.json" --find wrong --format summary \
  >"$T/wrong.txt" 2>"$T/wrong.err"
check "--find wrong on the seed's 4-3 majority finds trial 0 and explains the wrong majority" \
  sh -c "grep -q \"outcome 'wrong' in trial 0 \" '$T/wrong.err' && grep -q '^why: 2 malicious approvals plus 2 mistaken honest approvals outnumbered' '$T/wrong.txt'"
"$BIN" trace "$b4" --point 1 --find disagreement -o "$T/none.txt" 2>"$T/none.err"; code=$?
check "--find disagreement with b = f = 1 under pbft: exit 3, says none in the point's trials, writes nothing" \
  sh -c "test $code = 3 && grep -q \"no trial of point 1 (trials 0..1999, seed 42) has outcome 'disagreement'\" '$T/none.err' && test ! -e '$T/none.txt'"
"$BIN" trace "$b4" --point 2 --find disagreement --format summary >"$T/split.txt" 2>/dev/null
check "--find disagreement with b = f+1 = 2: found, and the summary names the equivocators" \
  sh -c "grep -q '^equivocation: agent [0-9] (malicious equivocate, corrupted) sent conflicting values' '$T/split.txt' && grep -q '^why: honest agents committed different values.*the equivocators agent' '$T/split.txt'"
"$BIN" trace "$seed7" --find no_consensus --limit 5 --threads 1 --format jsonl >"$T/f1.jsonl" 2>"$T/f1.err"
"$BIN" trace "$seed7" --find no_consensus --limit 5 --threads 3 --format jsonl >"$T/f3.jsonl" 2>"$T/f3.err"
check "--find --limit 5: the same five trials and bytes on 1 and 3 threads, each with that outcome" \
  sh -c "cmp -s '$T/f1.jsonl' '$T/f3.jsonl' && cmp -s '$T/f1.err' '$T/f3.err' && test \$(grep -c '\"type\": \"end\", \"outcome\": \"no_consensus\"' '$T/f1.jsonl') = 5"
check "--find's trials replay with --trial to the same trace" $PY - "$T/f1.jsonl" "$BIN" "$seed7" <<'PY'
import json, subprocess, sys
heads = [json.loads(l) for l in open(sys.argv[1]) if '"type": "header"' in l]
for h in heads:
    out = subprocess.run([sys.argv[2], "trace", sys.argv[3], "--trial", str(h["trial"]), "--format", "jsonl"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out.splitlines()[-1])["outcome"] == "no_consensus", h["trial"]
PY
"$BIN" trace "$seed7" --find wrong --limit 3 --format chrome -o "$T/three.json" 2>/dev/null
"$BIN" trace "$seed7" --find wrong --limit 3 --format json -o "$T/three-doc.json" 2>/dev/null
"$BIN" trace "$seed7" --find wrong --limit 3 --format mermaid -o "$T/three.md" 2>/dev/null
check "--limit 3: chrome has 3 processes with unique matched flow ids, json an array of 3 wrong trials, mermaid 3 blocks" \
  $PY - "$T/three.json" "$T/three-doc.json" "$T/three.md" <<'PY'
import collections, json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
assert len({e["pid"] for e in ev}) == 3
flows = collections.Counter((e["id"], e["ph"]) for e in ev if e["ph"] in "sf")
assert flows and all(n == 1 for n in flows.values()), flows.most_common(3)
assert {i for i, _ in flows} == {i for i, ph in flows if ph == "s"} == {i for i, ph in flows if ph == "f"}
docs = json.load(open(sys.argv[2]))
assert [d["outcome"] for d in docs] == ["wrong"] * 3 and len({d["trial"] for d in docs}) == 3
md = open(sys.argv[3]).read()
assert md.count("```mermaid\nsequenceDiagram\n") == 3, md[:200]
PY
"$BIN" trace "$seed7" --find no_consensus --limit 5 --format summary >"$T/f1.sum" 2>/dev/null
check "summary of 5 no_consensus trials: tally and silent agents agree with the jsonl's votes and decision" \
  $PY - "$T/f1.jsonl" "$T/f1.sum" <<'PY'
import json, re, sys
trials, cur = [], None
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "header": cur = {"head": e, "events": []}; trials.append(cur)
    elif e["type"] == "event": cur["events"].append(e)
summaries = open(sys.argv[2]).read().strip().split("\n\n")
assert len(summaries) == len(trials) == 5
for t, text in zip(trials, summaries):
    ev, n = t["events"], t["head"]["n"]
    last = [e["round"] for e in ev if e["kind"] == "decide"][-1]
    voted = {}
    for e in ev:
        if e["message"] == "VOTE" and e["kind"] in ("send", "lost") and e["round"] == last:
            voted[e["from"]] = e["value"]
    silent = [f"agent {i}" for i in range(n) if i not in voted]
    approvals = sum(v == "APPROVE" for v in voted.values())
    why = next(l for l in text.splitlines() if l.startswith("why: "))
    assert why.startswith(f"why: no decision in 2 rounds: {approvals} APPROVE of the 5 needed"), (why, approvals)
    named = re.findall(r"agent \d+", why.split("no vote from")[1]) if silent else []
    assert named == silent, (why, silent)
PY
for bad in "--find wrongly" "--find wrong --trial 3" "--limit 2" "--find wrong --limit 0" "--format svg" \
  "--max-events 0"; do
  "$BIN" trace "$seed7" $bad >"$T/bad.out" 2>"$T/bad.err"; code=$?
  check "trace $bad: exit 2 with a message" sh -c "test $code = 2 && test -s '$T/bad.err' && test ! -s '$T/bad.out'"
done
"$BIN" trace "$seed7" --max-events 5 2>"$T/cap.err" >"$T/cap.txt"
check "--max-events 5: five events, a notice in the output and on stderr" \
  sh -c "test \$(grep -vc '^#' '$T/cap.txt') = 5 && grep -q 'trace truncated' '$T/cap.txt' && grep -q 'trace truncated' '$T/cap.err'"

# The manual's diagram (docs/howto/find-a-failing-run.md) is what the command beside it writes.
"$BIN" trace "$seed7" --find wrong --format mermaid -o "$T/readme.mmd" 2>/dev/null
check "docs/howto/find-a-failing-run.md: the Mermaid diagram equals the output of its command" $PY - "$SRC/docs/howto/find-a-failing-run.md" "$T/readme.mmd" <<'PY'
import re, sys
readme = open(sys.argv[1]).read()
command = "build/byzsim trace scenarios/seed/deployment-7.json --find wrong --format mermaid -o out/deployment-7-wrong.mmd"
assert command in readme, "the page no longer shows the command"
block = re.search(r"<!-- out/deployment-7-wrong\.mmd[^\n]*-->\n```mermaid\n(.*?)```\n", readme, re.S)
assert block, "no mermaid block after the marker"
assert block.group(1) == open(sys.argv[2]).read(), "the page's diagram differs from the command's output"
PY
# --find ic-violation: interactive consistency broken (IC1 = disagreement, or the protocol's
# own trial_violation: om/sm's IC2). OM(1) with n = 3 and a traitor lieutenant has one (the
# paper's Fig. 1); with n = 4 none exists (byzsim check proves it), so the search exits 3.
"$BIN" trace "$SRC/scenarios/generals/om-3-m1.json" --point 0 --find ic-violation --format jsonl \
  -o "$T/ic.jsonl" 2>"$T/ic.err"; code=$?
check "--find ic-violation finds OM(1)'s failure at n = 3" test "$code" = 0 -a -s "$T/ic.jsonl"
check "and names the trial on stderr" grep -q "outcome 'ic-violation' in trial" "$T/ic.err"
"$BIN" run "$SRC/scenarios/generals/om-3-m1.json" --quiet >"$T/om3.csv"
check "a trial found is one the run counted as an IC2 violation" \
  $PY -c "import csv; r = next(csv.DictReader(open('$T/om3.csv'))); assert int(r['ic2_violations']) > 0"
"$BIN" trace "$SRC/scenarios/generals/om-4-m1.json" --point 0 --find ic-violation >"$T/ic4.txt" 2>"$T/ic4.err"; code=$?
check "--find ic-violation at n = 4 finds none and exits 3" test "$code" = 3 -a ! -s "$T/ic4.txt"
"$BIN" trace "$SRC/scenarios/generals/om-3-m1.json" --find ic_violation >/dev/null 2>"$T/bad.err"; code=$?
check "a misspelt --find target exits 2 listing ic-violation" test "$code" = 2 -a -n "$(grep -- 'ic-violation' "$T/bad.err")"

# om/sm fill the generic message fields: their orders are arrows in the Mermaid diagram (OM(1),
# n = 4: 3 + 3 x 2 = 9 orders), and the summary lists decisions instead of a vote tally.
"$BIN" trace "$SRC/scenarios/generals/om-4-m1.json" --format mermaid >"$T/om4.mmd"
check "om's 9 orders are 9 arrows in the Mermaid diagram" test "$(grep -c -- '->>' "$T/om4.mmd")" = 9
"$BIN" trace "$SRC/scenarios/generals/om-3-m1.json" --point 0 --find ic-violation --format summary \
  >"$T/om3.txt" 2>/dev/null
check "om's summary lists the lieutenants' decisions, not a vote tally" \
  bash -c "grep -q '^decisions: agent 1 ' '$T/om3.txt' && ! grep -q '^tally:' '$T/om3.txt'"

finish
