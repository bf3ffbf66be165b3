# `plan` refuses what it cannot answer honestly, with exit 2 and the pointer: a protocol listed
# twice (it would be evaluated twice), candidates that leave no design at all (it printed
# "0 designs evaluated" with exit 0), and a latency target on designs whose mean decision time
# is only a simulated estimate (lognormal think times).
source "$(dirname "$0")/lib.bash"

BASE="$SRC/scenarios/plans/deployment-7.json"
# variant NAME PYTHON: writes $T/NAME.json from the base plan changed by PYTHON (on `d`).
variant() {
  $PY - "$BASE" "$T/$1.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["candidates"]["n"] = "3:6"
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
}
refused() {  # refused NAME POINTER TEXT
  "$BIN" plan "$T/$1.json" >"$T/$1.out" 2>"$T/$1.err"
  local code=$?
  check "$1: exit 2 (got $code)" test "$code" = 2
  check "$1: names $2" grep -q "error: at $2: " "$T/$1.err"
  check "$1: says '$3'" grep -q "$3" "$T/$1.err"
  check "$1: prints no designs" test ! -s "$T/$1.out"
}

variant duplicate 'd["candidates"]["protocols"] = ["coordinator-vote", "majority", "coordinator-vote"]'
refused duplicate /candidates/protocols/2 "listed twice (first at /candidates/protocols/0)"

variant none_fit 'd["population"]["agents"].append({"role": "malicious", "count": 30, "strategy": "withhold"})'
refused none_fit /candidates/n "no design to evaluate"

variant latency_lognormal '
d["population"]["agents"][0]["think_time"] = {"dist": "lognormal", "median": "10s", "sigma": 1}
d["targets"]["max_latency"] = "1min"'
refused latency_lognormal /targets/max_latency "needs the exact mean decision time"

# Every design is a row kept in memory: candidates that could produce more than 250,000 are
# refused before any is evaluated (n = 1..10000 with both quorums "all" grew without bound).
variant too_many 'd["candidates"]["n"] = "1:10000"'
refused too_many /candidates "can produce up to 6.67e+11 designs"
variant just_over 'd["candidates"]["n"] = 501; d["candidates"]["protocols"] = ["coordinator-vote"]'
refused just_over /candidates "more than the limit of 250,000"

# Simulated designs are bounded too: a plan whose worst case (200,000 trials per simulated design,
# each costing about n^2 for pbft; here 4 population variants and 2 round limits per n) passes --max-sim-hours (default 2 core-hours) is refused up
# front with the estimate and the largest n under the budget; a population the exact model
# refuses (collude) is refused before the simulation that would pass the budget starts.
variant pbft_wide 'd["candidates"]["protocols"] = ["pbft"]; d["candidates"]["n"] = "4:100"'
refused pbft_wide /candidates/n "may need up to 60.1 core-hours of simulation"
check "pbft_wide: names the largest n under the budget" grep -q "candidate n up to 31 under this budget" "$T/pbft_wide.err"
"$BIN" plan "$T/pbft_wide.json" --max-sim-hours 1 >"$T/pbft1.out" 2>"$T/pbft1.err"
check "a smaller --max-sim-hours lowers the largest n (exit 2)" \
  sh -c "test $? = 2 && grep -q 'candidate n up to 25 under this budget' '$T/pbft1.err'"
"$BIN" plan "$T/pbft_wide.json" --max-sim-hours 0 >"$T/pbft0.out" 2>"$T/pbft0.err"
check "--max-sim-hours 0 is a usage error (exit 2)" \
  sh -c "test $? = 2 && grep -q -- '--max-sim-hours' '$T/pbft0.err'"
variant collude_huge '
d["population"]["agents"].append({"role": "malicious", "count": 2, "strategy": "collude"})
d["candidates"]["protocols"] = ["coordinator-vote"]
d["candidates"]["n"] = 10000
d["candidates"]["rounds"] = [100]
d["candidates"]["approve_quorum"] = "67%"
d["candidates"]["reject_quorum"] = "34%"'
refused collude_huge /candidates/n "must be simulated (the exact model refuses this population)"

# The same targets with constant think times are answered exactly.
variant latency_constant '
d["population"]["agents"][0]["think_time"] = "10s"
d["targets"]["max_latency"] = "1min"'
"$BIN" plan "$T/latency_constant.json" >"$T/c.out" 2>"$T/c.err"
check "a latency target with constant think times is answered (exit 0)" test $? = 0
check "with designs in its CSV" test "$(wc -l <"$T/c.out")" -gt 1
finish
