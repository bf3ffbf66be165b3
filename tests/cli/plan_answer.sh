# `byzsim plan`'s answer paragraph on the shipped plans: every rule named by what it is, the
# cheapest n told apart from the smallest feasible n, and Byzantine quorums called worth it only
# when a 3f+1 design is the one chosen. Each sentence is checked against the plan's own CSV.
source "$(dirname "$0")/lib.bash"

answer() {  # answer NAME: the answer of scenarios/plans/NAME.json, on one line, in $T/NAME.txt
  "$BIN" plan "$SRC/scenarios/plans/$1.json" -o "$T/$1.csv" 2>"$T/$1.err"
  tr '\n' ' ' <"$T/$1.err" >"$T/$1.txt"
}
says() { grep -qF -- "$2" "$T/$1.txt"; }

# Reviewers wrong 10% of the time, up to two liars: a 9-of-15 vote either way is cheapest, and
# the seed's 3f+1 rule meets the targets at no n up to 40, so BFT is not what pays off.
answer question-0.9
check "question-0.9: the winner is named a symmetric 9-of-15 supermajority" \
  says question-0.9 "Cheapest design meeting p_wrong <= 0.0001 and p_no_consensus <= 0.01: coordinator-vote with a symmetric 9-of-15 supermajority, n = 15 (p_wrong 9.92854864e-05,"
check "question-0.9: the seed's 3f+1 quorums meet the targets at no n" \
  says question-0.9 "The seed's 3f+1 quorums (approve n-f, reject f+1): no n in 3..40 meets the targets."
check "question-0.9: simple majority's cheapest n is also its smallest" \
  says question-0.9 "Simple majority: the cheapest n is 18, also the smallest feasible (p_wrong 6.13254529315e-05,"
check "question-0.9: Byzantine 3f+1 quorums are not worth it (none qualifies)" \
  says question-0.9 "Byzantine 3f+1 quorums are not worth it here: no design with them meets the targets at n in 3..40, while a symmetric 9-of-15 supermajority does."
check "question-0.9: nothing calls BFT worth it" bash -c "! grep -q 'are worth it' '$T/question-0.9.txt'"

# deployment-7: the seed's rule's cheapest n (19) is not its smallest feasible n (16), nor is
# majority's (11 against 9): the answer says both.
answer deployment-7
check "deployment-7: the seed's 3f+1 quorums: cheapest n 19, smallest feasible n 16" \
  says deployment-7 "The seed's 3f+1 quorums (approve n-f, reject f+1): the cheapest n is 19 (p_wrong 0.00320758024421, p_no_consensus 0.00873840274429, expected cost 22.20758024; smallest feasible n: 16, expected cost 22.36033513)."
check "deployment-7: simple majority: cheapest n 11, smallest feasible n 9" \
  says deployment-7 "Simple majority: the cheapest n is 11 (p_wrong 0.0016349374, p_no_consensus 0.007440174, expected cost 12.6349374; smallest feasible n: 9, expected cost 14.02435)."
check "deployment-7: not worth it, the seed's cheapest design against the 6-of-10 vote" \
  says deployment-7 "Byzantine 3f+1 quorums are not worth it here: their cheapest design, coordinator-vote with the seed's 3f+1 quorums (approve n-f = 13, reject f+1 = 7), n = 19, has expected cost 22.20758024 against 11.1848528 for a symmetric 6-of-10 majority quorum."
check "deployment-7: no 'needs n' (it meant the cheapest)" bash -c "! grep -q 'needs n' '$T/deployment-7.txt'"
check "the CSV agrees: feasible seed rows at n = 16 and 19, majority at 9 and 11, the cheapest as said" \
  $PY - "$T/deployment-7.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["feasible"] == "1"]
for rule, cheapest, smallest in (("seed", 19, 16), ("majority", 11, 9)):
    mine = [r for r in rows if r["rule"] == rule]
    assert min(int(r["n"]) for r in mine) == smallest, rule
    assert int(min(mine, key=lambda r: float(r["expected_cost"]))["n"]) == cheapest, rule
PY

# payment-10 and bft-worth-it: simple majority wins outright.
for plan in payment-10 bft-worth-it; do
  answer $plan
  check "$plan: simple majority is the chosen design and BFT is not worth it" \
    bash -c "grep -q 'Cheapest design meeting [^:]*: simple majority, n = ' '$T/$plan.txt' &&
      grep -q 'Byzantine 3f+1 quorums are not worth it here: their cheapest design, coordinator-vote with the seed.s 3f+1 quorums' '$T/$plan.txt' &&
      ! grep -q 'are worth it' '$T/$plan.txt'"
done

finish
