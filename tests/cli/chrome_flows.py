# Checks a Chrome Trace Event file written by `byzsim trace --format chrome`: every event has
# the required fields and a known phase; every flow id joins exactly one start and one finish,
# in time order, each end on a message slice of its track; one flow per delivery slice.
# Used by trace_formats.sh and adversary_trace.sh: exits non-zero with the failing event.
import collections
import json
import sys

ev = json.load(open(sys.argv[1]))["traceEvents"]
for e in ev:
    assert {"ph", "pid", "tid", "name"} <= e.keys(), e
    assert e["ph"] in "MXisf", e
    if e["ph"] != "M":
        assert isinstance(e["ts"], (int, float)) and e["ts"] >= 0, e
flows = collections.defaultdict(list)
for e in ev:
    if e["ph"] in "sf":
        flows[e["id"]].append(e)
assert flows, "no flow arrows"
for i, pair in flows.items():
    assert sorted(x["ph"] for x in pair) == ["f", "s"], (i, pair)
    s = next(x for x in pair if x["ph"] == "s")
    f = next(x for x in pair if x["ph"] == "f")
    assert s["ts"] <= f["ts"], pair
    for x in pair:  # each end sits on a message slice of its track at that time
        assert any(y["ph"] == "X" and y["tid"] == x["tid"] and y["ts"] <= x["ts"] <= y["ts"] + y["dur"]
                   for y in ev), x
deliveries = sum(1 for e in ev if e["ph"] == "X" and e["name"].startswith("deliver"))
assert deliveries == len(flows), (deliveries, len(flows))
