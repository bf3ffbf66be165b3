"""Hostile inputs, generated: hundreds of inputs that byzsim must refuse, each run once.

usage: hostile_inputs.py BYZSIM SOURCE_DIR TMPDIR

Every case is invalid by construction (a mutation that breaks a shipped scenario or plan, a
sweep spec or option value outside what is accepted, an output path that may not be written,
a merge input that was tampered with), so its expected outcome is known before byzsim runs:
exit 2 with a message that points at the problem, no crash, and no pre-existing output file
changed. A few kill/resume cases check the other side: an interrupted run continued with
--resume gives the bytes of an uninterrupted one.

Each byzsim process runs under a 60 s timeout and a 4 GiB address-space limit, so that a
regression shows up as a counted failure here instead of a hung or exhausted machine. The
counts are printed in one block at the end; the calling .sh checks the bad ones are 0.
Everything is written under TMPDIR.
"""

import concurrent.futures
import copy
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

BIN, SRC, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
WORK = os.path.join(TMP, "hostile")
os.makedirs(WORK, exist_ok=True)

TIMEOUT_S = 60
MEMORY_BYTES = 4 * 1024**3
# Bytes a pre-existing output holds before each refusal: any change to them is a destroyed output.
KNOWN_BYTES = b"pre-existing output: a refusal must leave these bytes alone\n"


def limit_resources():
    """preexec_fn: the 4 GiB address-space cap for one byzsim process."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def byzsim(args, cwd=WORK):
    """Runs byzsim ARGS; returns (exit status or None on timeout, stdout, stderr)."""
    try:
        p = subprocess.run([BIN] + args, cwd=cwd, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIMEOUT_S, preexec_fn=limit_resources)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", (e.stderr or b"").decode("utf-8", "replace")


# ------------------------------------------------------------------------------------------
# Cases. A case is a dict:
#   name      unique, shown in failures
#   category  for the per-category counts
#   args      byzsim's arguments
#   message   a regex stderr must match (the pointed message), searched with re.M
#   protect   paths whose content (or, for links and special files, what they are) must not
#             change; files are (re)created with KNOWN_BYTES by `setup` where they are outputs
#   setup     optional callable run just before the case (creates its pre-existing output)
# Every case here must be refused: expected exit 2.
# ------------------------------------------------------------------------------------------
cases = []
_names = set()


def case(category, name, args, message, protect=(), setup=None):
    name = "%s/%s" % (category, name)
    assert name not in _names, name
    _names.add(name)
    cases.append(dict(category=category, name=name, args=args, message=message,
                      protect=list(protect), setup=setup))


def fresh_output(path):
    """A setup: PATH holds KNOWN_BYTES (a previous result the refused command must keep)."""
    def make():
        with open(path, "wb") as f:
            f.write(KNOWN_BYTES)
    return make


def pointer_token(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def walk(doc, pointer=""):
    """Every (pointer, value) of DOC, the root included, parents before children."""
    yield pointer, doc
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from walk(v, pointer + "/" + pointer_token(k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from walk(v, pointer + "/" + str(i))


def parent_and_key(doc, pointer):
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    for t in tokens[:-1]:
        doc = doc[int(t)] if isinstance(doc, list) else doc[t]
    last = tokens[-1]
    return doc, (int(last) if isinstance(doc, list) else last)


def replaced(doc, pointer, value):
    if pointer == "":
        return value
    d = copy.deepcopy(doc)
    parent, key = parent_and_key(d, pointer)
    parent[key] = value
    return d


# Numbers whose key is one of these take any finite value (a cost may be negative or huge):
# setting them to -1 or 1e300 is not invalid for sure, so those mutations are not made.
FREE_NUMBERS = {"wrong", "no_consensus", "per_agent", "per_minute"}
# Keys byzsim requires (docs/reference.md section 3: everything else has a default). Deleting
# any other key gives a valid document with that default, e.g. a malicious group's strategy.
REQUIRED_IN_AGENT = {"role", "count"}
REQUIRED_IN_DIST = {"dist", "min", "max", "mean", "median", "sigma", "value"}


def mutations(doc):
    """(label, pointer, mutated document) for every mutation of DOC that is invalid for sure."""
    # A value the document's own sweep sets at every point (k-equals-f's /agents/0/count) is
    # never read: whatever replaces it, the document stays valid, so it is not mutated.
    swept = set(doc.get("sweep", {})) if isinstance(doc.get("sweep"), dict) else set()
    for pointer, value in walk(doc):
        tag = pointer or "(root)"
        if pointer in swept:
            continue
        # An object where anything else is expected, or an object of an unknown key where an
        # object is expected: never valid, for any key of a scenario or a plan.
        yield "object@" + tag, pointer, replaced(doc, pointer, {"zzz": 1})
        if isinstance(value, dict):
            # An unknown key (not a "_" comment) in every object.
            d = copy.deepcopy(doc)
            target = d if pointer == "" else parent_and_key(d, pointer)[0][parent_and_key(d, pointer)[1]]
            target["zzz_unknown"] = 1
            yield "unknown-key@" + tag, pointer + "/zzz_unknown", d
            # The required keys, deleted one at a time.
            if "dist" in value:
                required = REQUIRED_IN_DIST
            elif re.fullmatch(r"/agents/\d+", pointer):
                # Only a scenario's agent groups: a plan's group defaults "count" to 1, and
                # corruption (which has a role too) may give "p" instead of "count".
                required = REQUIRED_IN_AGENT
            elif pointer == "" and "agents" in value:
                required = {"agents"}
            else:
                required = set()
            for k in sorted(required & set(value)):
                if pointer + "/" + pointer_token(k) in swept:
                    continue  # the sweep sets it at every point: deleting it is valid
                d = copy.deepcopy(doc)
                sub = d if pointer == "" else parent_and_key(d, pointer)[0][parent_and_key(d, pointer)[1]]
                del sub[k]
                yield "delete-%s@%s" % (k, tag), pointer + "/" + pointer_token(k), d
        key = pointer.rsplit("/", 1)[-1]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key not in FREE_NUMBERS:
            # Counts, probabilities, seeds, trials, quorums, durations in seconds, f, sigma:
            # none takes -1 or 1e300 (the limits of docs/errors.md).
            yield "negative@" + tag, pointer, replaced(doc, pointer, -1)
            yield "huge@" + tag, pointer, replaced(doc, pointer, 1e300)
        if key in ("strategy", "role", "dist", "type") and isinstance(value, str):
            yield "enum@" + tag, pointer, replaced(doc, pointer, "zzz")


def related(reported, mutated):
    """Whether a reported pointer is the mutated one, inside it, or a parent of it."""
    # A value of a sweep axis (/sweep/~1protocol~1commander/0) is reported at the pointer the
    # axis sets (/protocol/commander), with the line:column of the value in the file.
    m = re.match(r"/sweep/([^/]+)", mutated)
    if m and m.group(1).startswith("~1"):
        target = m.group(1).replace("~1", "/").replace("~0", "~")
        if reported == target or reported.startswith(target + "/"):
            return True
    return (reported == mutated or reported.startswith(mutated + "/")
            or mutated.startswith(reported + "/") or reported == "")


# --- scenario files ----------------------------------------------------------------------
SCENARIO_BASES = ["seed/deployment-7.json", "pbft/deployment-7-pbft.json",
                  "generals/om-4-m1.json", "sweeps/k-equals-f.json",
                  "examples/deployment-v2.json"]
scenario_dir = os.path.join(WORK, "scenarios")
os.makedirs(scenario_dir, exist_ok=True)
for base in SCENARIO_BASES:
    doc = json.load(open(os.path.join(SRC, "scenarios", base)))
    stem = os.path.basename(base)[:-5]
    for i, (label, pointer, mutated) in enumerate(mutations(doc)):
        path = os.path.join(scenario_dir, "%s-%03d.json" % (stem, i))
        with open(path, "w") as f:
            json.dump(mutated, f, indent=2)
        # Half the cases are validated, half run with -o over an existing output: the
        # refusal must come before that file is touched. (No --trials: it would hide a
        # mutation of /trials.)
        message = r"^%s:\d+:\d+: error: at (/[^:]*)?:" % re.escape(path)
        if i % 2:
            out = path[:-5] + ".csv"
            case("scenario", "%s %s" % (stem, label), ["run", path, "-q", "-o", out], message,
                 protect=[out], setup=fresh_output(out))
        else:
            case("scenario", "%s %s" % (stem, label), ["validate", path], message)
        cases[-1]["pointer"] = pointer

# --- plan files --------------------------------------------------------------------------
plan_dir = os.path.join(WORK, "plans")
os.makedirs(plan_dir, exist_ok=True)
for base in sorted(os.listdir(os.path.join(SRC, "scenarios", "plans"))):
    doc = json.load(open(os.path.join(SRC, "scenarios", "plans", base)))
    for i, (label, pointer, mutated) in enumerate(mutations(doc)):
        path = os.path.join(plan_dir, "%s-%03d.json" % (base[:-5], i))
        with open(path, "w") as f:
            json.dump(mutated, f, indent=2)
        out = path[:-5] + ".csv"
        case("plan", "%s %s" % (base[:-5], label), ["plan", path, "-o", out],
             r"^%s:\d+:\d+: error: at (/[^:]*)?:" % re.escape(path),
             protect=[out], setup=fresh_output(out))
        cases[-1]["pointer"] = pointer

# --- sweeps: --vary and --where specs that are refused -----------------------------------
BAD_VARY = [
    "/seed=(a=7)*0+10",          # an assignment in an expression
    "/seed=a=1",
    "/seed=1/0", "/agents/0/count=1/0", "/protocol/f=sqrt(-1)",  # not a number
    "/seed=zzz+1", "/agents/0/count=zzz*2",                        # unknown variable
    "/protocol/f=floor((zzz-1)/3)",
    "point:/seed=1:2", "seed:/seed=1:2", "p_correct:/seed=1:2",  # names clashing with columns
    "scenario:/seed=1:2", "trials:/seed=1:2", "n:/seed=1:2", "f:/seed=1:2",
    ":/seed=1:2", ":/agents/0/count=4:6",                          # empty names
    "seed=1:2", "/zzz=1:2", "/seed=", "=1:2",                      # no pointer, unknown key
    "/seed=-1", "/seed=1:2000000", "/seed=0:4000000000:-4000000000",  # negative, too many, empty
    "/agents/0/count=-3:-1", "/agents/0/count=2000000", "/seed=1:2:0",
]
BAD_WHERE = ["a=1", "n = 4", "1/0", "sqrt(-1)", "zzz > 1", "n >", "", "n == 0", "(((", "f ="]
SWEEP_BASES = ["seed/deployment-7.json", "sweeps/sweep-faults-7.json", "sweeps/k-equals-f.json"]
for b, base in enumerate(SWEEP_BASES):
    path = os.path.join(SRC, "scenarios", base)
    stem = os.path.basename(base)[:-5]
    specs = [("--vary", v) for v in BAD_VARY] + [("--where", w) for w in BAD_WHERE]
    for j, (option, spec) in enumerate(specs):
        # Each spec once with validate, once with run -o (a pre-existing output kept) and, on
        # one base, with exact -o: the same refusal on every command that reads a sweep.
        out = os.path.join(WORK, "sweep-%d-%d.csv" % (b, j))
        message = r"^<command line>: error: .*%s" % re.escape(option)
        case("sweep", "validate %s %s '%s'" % (stem, option, spec),
             ["validate", path, option, spec], message)
        case("sweep", "run %s %s '%s'" % (stem, option, spec),
             ["run", path, "-q", option, spec, "-o", out], message,
             protect=[out], setup=fresh_output(out))
        if b == 0:
            out_e = out[:-4] + "-exact.csv"
            case("sweep", "exact %s %s '%s'" % (stem, option, spec),
                 ["exact", path, option, spec, "-o", out_e], message,
                 protect=[out_e], setup=fresh_output(out_e))

# --- options of check, trace and run -----------------------------------------------------
seed7 = os.path.join(SRC, "scenarios", "seed", "deployment-7.json")  # 1 point, 20000 trials
om4 = os.path.join(SRC, "scenarios", "generals", "om-4-m1.json")     # 2 points
BAD_OPTIONS = {
    "trace": [("--point", "1"), ("--point", "-1"), ("--point", "99999999999999999999"),
              ("--point", "1e3"), ("--point", "zzz"), ("--trial", "20000"), ("--trial", "-1"),
              ("--trial", "2.5"), ("--trial", "1e30"), ("--find", "zzz"), ("--find", ""),
              ("--find", "WRONG"), ("--limit", "0"), ("--limit", "1001"),
              ("--max-events", "1e8"), ("--max-events", "0"), ("--max-events", "-1"),
              ("--max-events", "1e9"), ("--format", "zzz"), ("--threads", "100000"),
              ("--memory-limit", "1MiB"), ("--seed", "-1"), ("--trials", "0")],
    "check": [("--point", "0"), ("--trials", "0"), ("--seed", "-1"), ("--memory-limit", "zzz"),
              ("--memory-limit", "2TiB"), ("--zzz", "1")],
    "run": [("--threads", "100000"), ("--threads", "-1"), ("--shard", "3/2"), ("--shard", "0/1"),
            ("--shard", "1/2000000"), ("--shard", "1/0"), ("--shard", "a/b"), ("--format", "xml"),
            ("--progress=zzz", None), ("--trials", "0"), ("--trials", "1e13"), ("--seed", "-1"),
            ("--memory-limit", "1MiB"), ("--memory-limit", "0")],
    "exact": [("--threads", "100000"), ("--format", "xml"), ("--seed", "-1"),
              ("--trials", "-1"), ("--memory-limit", "8XB")],
}
for command, options in BAD_OPTIONS.items():
    scenario = om4 if command == "check" else seed7
    for k, (option, value) in enumerate(options):
        name = option.split("=")[0]
        args = [command, scenario, option] + ([] if value is None else [value])
        # The message names the option, or for a trace trial/point out of range its own
        # wording ("--point 1 is out of range").
        message = re.escape(name.lstrip("-")) if name != "--zzz" else "zzz"
        protect = []
        setup = None
        if command in ("trace", "run", "exact"):
            out = os.path.join(WORK, "opt-%s-%d.out" % (command, k))
            args += ["-o", out]
            protect, setup = [out], fresh_output(out)
        case("options", "%s %s %s" % (command, option, value), args, message, protect, setup)
# check refuses a protocol it does not search, and sizes beyond its enumeration.
case("options", "check coordinator-vote", ["check", seed7], r"searches protocols om and sm")
case("options", "check n = 10", ["check", om4, "--set", "/agents/0/count=9"], r"enumerates up to n = 8")

# --- output paths ------------------------------------------------------------------------
out_dir = os.path.join(WORK, "outputs")
os.makedirs(out_dir, exist_ok=True)
S = os.path.join(out_dir, "s.json")
# The scripted deployment (constant think times): `exact` models it, so every command reaches
# its output checks (the lognormal seed is refused by exact for its think times first).
seed7_scripted = os.path.join(SRC, "scenarios", "seed", "deployment-7-scripted.json")
shutil.copy(seed7_scripted, S)
hard = os.path.join(out_dir, "hard.json")
os.link(S, hard)
real = os.path.join(out_dir, "real")
os.makedirs(real)
dirlink = os.path.join(out_dir, "dirlink")
os.symlink(real, dirlink)
target = os.path.join(out_dir, "target.csv")
filelink = os.path.join(out_dir, "filelink.csv")
os.symlink(target, filelink)
fifo = os.path.join(out_dir, "fifo")
os.mkfifo(fifo)
long_name = os.path.join(out_dir, "x" * 300 + ".csv")
in_dir = os.path.join(out_dir, "dir")
os.makedirs(in_dir)
shutil.copy(seed7_scripted, os.path.join(in_dir, "deployment-7-scripted.json"))
twin = os.path.join(out_dir, "twin.json")  # another file whose scenario has the same name
shutil.copy(seed7_scripted, twin)
plan_copy = os.path.join(out_dir, "plan.json")
shutil.copy(os.path.join(SRC, "scenarios", "plans", "deployment-7.json"), plan_copy)
r_csv = os.path.join(out_dir, "r.csv")
O = "(-o|--meta|--out)"
for command in ("run", "exact", "trace"):
    case("output", command + " -o its scenario", [command, S, "-o", S], "is the input", [S])
    case("output", command + " -o a hard link of its scenario", [command, S, "-o", hard],
         "is the input", [S])
    case("output", command + " -o a symlink to a file", [command, S, "-o", filelink], O,
         [filelink, target], fresh_output(target))
    case("output", command + " -o a symlink to a directory", [command, S, "-o", dirlink], O,
         [dirlink, real])
    case("output", command + " -o a FIFO", [command, S, "-o", fifo], "FIFO", [fifo])
    case("output", command + " -o a too-long name", [command, S, "-o", long_name],
         "longer than this system accepts")
    # No case names a system path such as /dev/null: a regression would replace it, and tests
    # write only inside their own folder (the FIFO above stands for every non-regular file).
    if command == "trace":
        # run and exact take -o DIR (no slash) as a directory of per-scenario files, as
        # documented; trace writes one file, so a directory is refused.
        case("output", command + " -o a directory", [command, S, "-o", real], O, [real])
for command in ("run", "exact"):
    case("output", command + " -o LINK/", [command, S, "-o", dirlink + "/"], O, [dirlink, real])
    case("output", command + " --meta its scenario", [command, S, "-o", r_csv, "--meta", S],
         "is the input", [S, r_csv], fresh_output(r_csv))
    case("output", command + " --meta equal to -o", [command, S, "-o", r_csv, "--meta", r_csv],
         "--meta: .* is also -o", [r_csv], fresh_output(r_csv))
    case("output", command + " -o DIR/ over its own scenario",
         [command, os.path.join(in_dir, "deployment-7-scripted.json"), "--format", "json", "-o",
          in_dir + "/"], "input", [os.path.join(in_dir, "deployment-7-scripted.json")])
    case("output", command + " -o DIR/ two scenarios, one name",
         [command, S, twin, "-o", real + "/"], "would both write", [real])
case("output", "plan -o its plan file", ["plan", plan_copy, "-o", plan_copy], "is the input",
     [plan_copy])
case("output", "plan -o a FIFO", ["plan", plan_copy, "-o", fifo], "FIFO", [fifo])
case("output", "plan -o a symlink to a file", ["plan", plan_copy, "-o", filelink], O,
     [filelink, target], fresh_output(target))

# --- merge: shards of one run, tampered ------------------------------------------------
merge_dir = os.path.join(WORK, "merge")
os.makedirs(merge_dir, exist_ok=True)
sweep7 = os.path.join(SRC, "scenarios", "sweeps", "sweep-faults-7.json")  # 8 points
h1, h2 = os.path.join(merge_dir, "h1.csv"), os.path.join(merge_dir, "h2.csv")
for k, path in ((1, h1), (2, h2)):
    code, _, err = byzsim(["run", sweep7, "--trials", "200", "-q", "--shard", "%d/2" % k, "-o", path])
    assert code == 0, err
merged = os.path.join(merge_dir, "merged.csv")
rows = [line.split(",") for line in open(h2).read().splitlines()]
header = rows[0]
t = 0
for r in range(1, len(rows)):
    for c, column in enumerate(header):
        # Every cell of every row, once as text and once as -1: no column of byzsim's takes
        # "zzz" (numbers, or identity strings that must equal this point's value), and none of
        # sweep-faults-7's cells is -1, which is neither a count, a rate, a mean nor the value.
        for bad in ("zzz", "-1"):
            if rows[r][c] == bad:
                continue
            t += 1
            tampered = os.path.join(merge_dir, "t%03d.csv" % t)
            new = copy.deepcopy(rows)
            new[r][c] = bad
            with open(tampered, "w") as f:
                f.write("".join(",".join(x) + "\n" for x in new))
            shutil.copy(h2 + ".meta.json", tampered + ".meta.json")
            case("merge", "row %d column %s = %s" % (r - 1, column, bad),
                 ["merge", h1, tampered, "-o", merged],
                 r"^%s:%d: error: column '%s'" % (re.escape(tampered), r + 1, re.escape(column)),
                 [merged], fresh_output(merged))
nosidecar = os.path.join(merge_dir, "nosidecar.csv")
shutil.copy(h2, nosidecar)
case("merge", "a deleted sidecar", ["merge", h1, nosidecar, "-o", merged], "no sidecar",
     [merged], fresh_output(merged))
case("merge", "one of two shards", ["merge", h1, "-o", merged], "shards? 2 of 2 (is|are) missing",
     [merged], fresh_output(merged))
case("merge", "the same shard twice", ["merge", h1, h1, h2, "-o", merged], "shard 1 of 2",
     [merged], fresh_output(merged))
case("merge", "-o one of its inputs", ["merge", h1, h2, "-o", h2], "is the input", [h2])
case("merge", "-o an input's sidecar", ["merge", h1, h2, "-o", h2 + ".meta.json"], "input",
     [h2 + ".meta.json"])
headerless = os.path.join(merge_dir, "headerless.csv")
with open(headerless, "w") as f:
    f.write("".join(",".join(x) + "\n" for x in rows[1:]))
shutil.copy(h2 + ".meta.json", headerless + ".meta.json")
case("merge", "a shard without its header", ["merge", h1, headerless, "-o", merged],
     re.escape(headerless), [merged], fresh_output(merged))
badside = os.path.join(merge_dir, "badside.csv")
shutil.copy(h2, badside)
with open(badside + ".meta.json", "w") as f:
    f.write("{ not json")
case("merge", "a sidecar that is not JSON", ["merge", h1, badside, "-o", merged],
     re.escape(badside + ".meta.json"), [merged], fresh_output(merged))


# ------------------------------------------------------------------------------------------
# Running and classifying.
# ------------------------------------------------------------------------------------------
def snapshot(path):
    """What a protected path is: its kind, link target and bytes (for a regular file)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if os.path.islink(path):
        return ("link", os.readlink(path))
    if os.path.isdir(path):
        return ("dir", tuple(sorted(os.listdir(path))))
    if not os.path.isfile(path):
        return ("special", st.st_mode, st.st_rdev)
    with open(path, "rb") as f:
        return ("file", f.read())


def crashed(code, err):
    return (code is not None and (code < 0 or code >= 128)) or "internal error" in err or "BUG" in err


def over_limit(code, err):
    return code is None or "bad_alloc" in err or "cannot allocate" in err.lower()


def run_case(c):
    if c["setup"]:
        c["setup"]()
    before = [snapshot(p) for p in c["protect"]]
    start = time.monotonic()
    code, out, err = byzsim(c["args"])
    c["seconds"] = time.monotonic() - start
    after = [snapshot(p) for p in c["protect"]]
    c["code"], c["err"] = code, err
    if over_limit(code, err):
        c["verdict"] = "over"
    elif crashed(code, err):
        c["verdict"] = "crash"
    elif code == 0:
        c["verdict"] = "false-success"
    elif before != after:
        c["verdict"] = "destroyed"
    elif code != 2 or not re.search(c["message"], err, re.M):
        c["verdict"] = "bad-message"
    elif "pointer" in c and not any(related(p or "", c["pointer"]) for p in
                                    re.findall(r"^\S+:\d+:\d+: error: at (/[^:]*)?:", err, re.M)):
        # A file's problem is reported, but at none of the places the mutation touched.
        c["verdict"] = "bad-message"
    else:
        c["verdict"] = "refused"
    # A false success writes its output as any run does; only a refusal must leave it alone.
    if before != after and code not in (0, None) and c["verdict"] != "destroyed":
        c["destroyed_too"] = True
    return c


# The cases write distinct files except the shared output paths of the output and merge
# categories, whose setups recreate the same file: those run one at a time, the rest on two
# threads (this machine has two cores).
shared = [c for c in cases if c["category"] in ("output", "merge")]
independent = [c for c in cases if c["category"] not in ("output", "merge")]
started = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    list(pool.map(run_case, independent))
for c in shared:
    run_case(c)


# --- kill and resume ---------------------------------------------------------------------
# A multi-point run interrupted with SIGINT after a random delay, then continued with
# --resume, must give the bytes of an uninterrupted run (the interrupted file holds whole
# finished points only). The delay is random on purpose: it lands at different points.
resume_dir = os.path.join(WORK, "resume")
os.makedirs(resume_dir, exist_ok=True)
long_args = ["run", sweep7, "--trials", "100000", "--vary", "/seed=1:4", "--threads", "2", "-q"]
full = os.path.join(resume_dir, "full.csv")
code, _, err = byzsim(long_args + ["-o", full])
assert code == 0, err
rng = random.Random()
for k in range(3):
    c = dict(category="resume", name="resume/interrupt %d" % k, args=long_args, protect=[])
    cut = os.path.join(resume_dir, "cut%d.csv" % k)
    delay = rng.uniform(0.2, 2.5)
    c["name"] += " after %.2f s" % delay
    p = subprocess.Popen([BIN] + long_args + ["-o", cut], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         preexec_fn=limit_resources)
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    try:
        _, err1 = p.communicate(timeout=TIMEOUT_S)
        code1 = p.returncode
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        code1, err1 = None, b""
    err1 = err1.decode("utf-8", "replace")
    code2, _, err2 = byzsim(long_args + ["-o", cut, "--resume"])
    c["code"], c["err"] = (code1, code2), err1 + err2
    same = os.path.exists(cut) and open(cut, "rb").read() == open(full, "rb").read()
    if code1 is None or over_limit(code2, err2):
        c["verdict"] = "over"
    elif (code1 not in (0, 130)) or crashed(code2, err2) or "internal error" in err1:
        # 130 is the documented exit of an interrupted run (0 if it finished first).
        c["verdict"] = "crash"
    elif code2 != 0 or not same:
        c["verdict"] = "destroyed"
    else:
        c["verdict"] = "refused"  # counted with the cases that behaved as documented
    cases.append(c)

elapsed = time.monotonic() - started

# ------------------------------------------------------------------------------------------
# Report.
# ------------------------------------------------------------------------------------------
verdicts = ["refused", "crash", "false-success", "destroyed", "over", "bad-message"]
for c in cases:
    if c["verdict"] != "refused" or c.get("destroyed_too"):
        print("FAIL  %s: %s (exit %s)\n      byzsim %s\n      %s" % (
            c["verdict"], c["name"], c["code"], " ".join(map(str, c["args"])),
            c["err"].strip().replace("\n", "\n      ")[:600]))
categories = sorted({c["category"] for c in cases})
for cat in categories:
    mine = [c for c in cases if c["category"] == cat]
    print("%-9s %4d cases, %4d as documented" % (cat, len(mine), sum(c["verdict"] == "refused" for c in mine)))
slowest = max((c for c in cases if "seconds" in c), key=lambda c: c["seconds"])
print("slowest case: %.2f s (%s)" % (slowest["seconds"], slowest["name"]))
count = {v: sum(c["verdict"] == v for c in cases) for v in verdicts}
count["destroyed"] += sum(1 for c in cases if c.get("destroyed_too"))
print("cases: %d" % len(cases))
print("refused correctly: %d" % count["refused"])
print("crashes: %d" % count["crash"])
print("false successes: %d" % count["false-success"])
print("outputs destroyed: %d" % count["destroyed"])
print("over time/memory: %d" % count["over"])
print("bad messages: %d" % count["bad-message"])
print("time: %.1f s" % elapsed)
