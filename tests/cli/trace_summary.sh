# `byzsim trace --format summary` explains without misleading: each agent is counted once per
# value it voted (an equivocator's two votes are said to be in both counts), every quorum that
# formed is explained (pbft with equivocators can form both), and a loyal agent forwarding
# different values along different paths (OM(m)'s relays) is relaying, not equivocation.
source "$(dirname "$0")/lib.bash"
b7="$SRC/scenarios/pbft/sweep-b-7.json"  # point 4: b = 4 equivocators at n = 7 (f = 2)

# pbft, no consensus: the leader's votes reached the reject quorum (4 of the 7 REJECT voters
# also voted APPROVE), and the views failed afterwards on the equivocators' PREPARE and COMMIT.
"$BIN" trace "$b7" --point 4 --find no_consensus --format summary >"$T/nc.txt" 2>"$T/nc.err"
check "pbft no_consensus: found in trial 10" grep -q "outcome 'no_consensus' in trial 10 " "$T/nc.err"
check "the tally says each agent is counted once per value, and who is in both counts" grep -qxF \
  "tally: 4 APPROVE against the approve quorum of 5, 7 REJECT against the reject quorum of 3; 7 agents voted, each counted once per value it sent: agent 1, agent 3, agent 5, agent 6 sent both." \
  "$T/nc.txt"
check "why: the reject quorum formed (no '7 REJECT of the 3 needed'), and what failed after it" grep -qxF \
  "why: no decision in 4 views, although REJECT reached the reject quorum of 3 (7 agents sent it, 4 of whom also sent APPROVE); 4 APPROVE of the 5 needed; the equivocators agent 1, agent 3, agent 5, agent 6 also sent conflicting PREPARE and COMMIT values." \
  "$T/nc.txt"
check "no count is called short of a quorum it reached" bash -c "! grep -q '7 REJECT of the 3 needed' '$T/nc.txt'"

# pbft, wrong: both quorums formed at the leader; the summary explains both.
"$BIN" trace "$b7" --point 4 --find wrong --format summary >"$T/wrong.txt" 2>/dev/null
check "pbft wrong: both quorums formed, both explained, the equivocators in both counts" grep -qxF \
  "why: both quorums formed: 4 malicious rejections plus 2 mistaken honest rejections reached the reject quorum of 3, and 4 malicious approvals plus 1 honest approval reached the approve quorum of 5 (agent 1, agent 3, agent 4, agent 6 counted in both); the outcome was REJECT on a good proposal." \
  "$T/wrong.txt"

# The same against the records, on the first five wrong and no_consensus trials: the counts are
# the agents whose vote for each value was sent and not lost, each count at or above its quorum
# is said to have reached it, and one below is never said to.
for outcome in wrong no_consensus; do
  "$BIN" trace "$b7" --point 4 --find $outcome --limit 5 --format jsonl >"$T/$outcome.jsonl" 2>/dev/null
  "$BIN" trace "$b7" --point 4 --find $outcome --limit 5 --format summary >"$T/$outcome.sum" 2>/dev/null
  check "$outcome x5: tallies count agents once per value; every quorum reached is explained" \
    $PY - "$T/$outcome.jsonl" "$T/$outcome.sum" <<'PY'
import json, sys
trials, cur = [], None
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "header": cur = {"head": e, "events": []}; trials.append(cur)
    elif e["type"] == "event": cur["events"].append(e)
summaries = open(sys.argv[2]).read().strip().split("\n\n")
assert len(trials) == len(summaries) == 5, (len(trials), len(summaries))
for t, text in zip(trials, summaries):
    head = t["head"]
    voters = {"APPROVE": set(), "REJECT": set()}  # votes that count: sent and not lost
    for e in t["events"]:
        if e["kind"] == "vote" or (e["message"] == "VOTE" and e["kind"] == "send"):
            voters[e["value"]].add(e["from"])
    a, r = len(voters["APPROVE"]), len(voters["REJECT"])
    tally = next(l for l in text.splitlines() if l.startswith("tally: "))
    assert tally.startswith(f"tally: {a} APPROVE against the approve quorum of {head['approve_quorum']}, "
                            f"{r} REJECT against the reject quorum of {head['reject_quorum']}"), (tally, a, r)
    both = voters["APPROVE"] & voters["REJECT"]
    if both:
        n_voters = len(voters["APPROVE"] | voters["REJECT"])
        assert f"; {n_voters} agents voted, each counted once per value it sent: " in tally, tally
    why = next(l for l in text.splitlines() if l.startswith("why: "))
    for value, count, q in (("APPROVE", a, head["approve_quorum"]), ("REJECT", r, head["reject_quorum"])):
        said = f"reached the {value.lower()} quorum of {q}" in why
        assert said == (count >= q), (why, value, count, q)
PY
done

# coordinator-vote with a faulty omission agent: a lost vote is not counted, so the tally is the
# coordinator's own count (its decide record: "approve 6, reject 3, received 9"), never a quorum
# reached by a vote that never arrived.
sc10="$SRC/scenarios/seed/smart-contract-10.json"
"$BIN" trace "$sc10" --find no_consensus --format summary >"$T/lost.txt" 2>/dev/null
check "a lost vote is named and left out of the tally" grep -qxF \
  "why: no decision in 3 rounds: 6 APPROVE of the 7 needed, 3 REJECT of the 4 needed; APPROVE from agent 9 (faulty omission) lost or late, not counted." \
  "$T/lost.txt"
"$BIN" trace "$sc10" --find no_consensus --limit 5 --format jsonl >"$T/sc.jsonl" 2>/dev/null
"$BIN" trace "$sc10" --find no_consensus --limit 5 --format summary >"$T/sc.sum" 2>/dev/null
check "coordinator-vote x5: the tally is the coordinator's count in the last round" \
  $PY - "$T/sc.jsonl" "$T/sc.sum" <<'PY'
import json, re, sys
trials, cur = [], None
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "header": cur = []; trials.append(cur)
    elif e["type"] == "event" and e["kind"] == "decide": cur.append(e["detail"])
summaries = open(sys.argv[2]).read().strip().split("\n\n")
assert len(trials) == len(summaries) == 5
for details, text in zip(trials, summaries):
    a, r = map(int, re.match(r"approve (\d+), reject (\d+)", details[-1]).groups())
    tally = next(l for l in text.splitlines() if l.startswith("tally: "))
    assert tally.startswith(f"tally: {a} APPROVE against the approve quorum of 7, {r} REJECT "), (tally, details[-1])
PY

# OM(2) at n = 7: loyal lieutenants 2 and 4 relay the traitors' different orders along
# different paths; only the traitors 5 and 6 equivocate.
"$BIN" trace "$SRC/scenarios/generals/om-7-m2.json" --point 0 --trial 0 --format summary >"$T/om.txt"
"$BIN" trace "$SRC/scenarios/generals/om-7-m2.json" --point 0 --trial 0 --format jsonl >"$T/om.jsonl"
check "om: loyal agent 2 is relaying, not equivocating" bash -c \
  "grep -q '^relaying: agent 2 (loyal) forwarded what it received, different values along different paths: ORDER (round 2) ATTACK(APPROVE) to ' '$T/om.txt' &&
   ! grep -q '^equivocation: agent 2 ' '$T/om.txt'"
check "om: loyal agent 4 is relaying too" grep -q '^relaying: agent 4 (loyal) forwarded' "$T/om.txt"
check "om: the traitors 5 and 6 equivocate, and only they" bash -c \
  "test \$(grep -c '^equivocation: ' '$T/om.txt') = 2 &&
   grep -q '^equivocation: agent 5 (malicious equivocate) sent conflicting values: ORDER (round 1) ' '$T/om.txt' &&
   grep -q '^equivocation: agent 6 (malicious equivocate) sent conflicting values: ORDER (round 1) ' '$T/om.txt'"
check "om: why names only the traitors as sending conflicting values" grep -qxF \
  "why: honest agents decided RETREAT(REJECT): agent 1, agent 2, agent 3, agent 4; agent 5 (malicious equivocate), agent 6 (malicious equivocate) sent conflicting values." \
  "$T/om.txt"
check "om: the records agree: agent 2 sent both orders in round 2, each one it received in round 1" \
  $PY - "$T/om.jsonl" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ev = [e for e in ev if e["type"] == "event"]
sent = {e["value"] for e in ev if e["kind"] == "send" and e["from"] == 2 and e["round"] == 2}
got = {e["value"] for e in ev if e["kind"] == "deliver" and e["to"] == 2 and e["round"] == 1}
assert sent == {"ATTACK(APPROVE)", "RETREAT(REJECT)"} and sent <= got, (sent, got)
PY

finish
