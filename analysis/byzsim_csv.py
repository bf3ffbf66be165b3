"""Read and check byzsim result CSVs for the plotting scripts (standard library only).

What the columns are comes from the output's sidecar, CSV_PATH.meta.json, which byzsim run,
exact and merge write beside every file: its "columns" list every column of the file in order
with its kind (fixed, axis, count, rate, interval, mean, quantile), a short label for a plot's
axis and a one-line description (docs/output.md). These helpers keep no list of byzsim's
columns. A CSV without a sidecar (written to stdout, joined with cat, made by hand) has its
kinds inferred from the header alone (infer_columns: p_*, mean_*, p99_* ... follow naming
rules, a sweep axis is recognised by where byzsim puts the axes, and a JSON-pointer header,
as byzsim wrote unnamed axes before they were named from their pointers, is an axis too)
and its labels derived from the names. An unnamed axis's column is its pointer made a name
(/corruption/count -> corruption_count, pointer_column); the pointer itself is accepted
wherever a column is asked for (--x /corruption/count).

Every problem with the input (no file, no rows, a missing column, a non-number where a
number is needed) ends the program with exit status 2 and a message on stderr that names
the file, the column and, for a missing column, the columns the file does have.
"""

import csv
import json
import math
import os
import re
import sys

# The four exclusive outcomes of a trial (contract section 4), bottom to top of a stack.
OUTCOMES = ("correct", "wrong", "no_consensus", "disagreement")

# What a column holds: the sidecar's "kind" of each column (docs/output.md).
KINDS = ("fixed", "axis", "count", "rate", "interval", "mean", "quantile")

# Columns a script may use that the file need not have: the sum of others, with its kind and
# label. bad: the configured malicious and faulty groups; mean_bad: who behaved as malicious or
# faulty in the trials, after corruption (the truthful count, when the file has it).
VIRTUAL_COLUMNS = {
    "bad": (("malicious", "faulty"), "fixed", "bad agents (malicious + faulty)"),
    "mean_bad": (("mean_malicious", "mean_faulty"), "mean",
                 "bad agents (behaving malicious or faulty)"),
}


def infer_columns(columns):
    """The kind of each header of a CSV without a sidecar, from the names and their order.

    A JSON-pointer header (/corruption/count, older files) is a sweep axis. Counts of trials are the
    outcomes and names ending in _violations or _decisions; p_X_lo and p_X_hi are interval
    bounds, p_X_se, p_X_rel_err and p_X_ess (importance rows) means, other p_X rates; pNN_X quantiles; mean_X and expected_X means. A header that
    follows none of these rules is a fixed column (the point's identity, before the outcome
    counts, and its design, after the last mean) or, between the two, a sweep axis (named, or
    named from its pointer: corruption_count):
    byzsim writes the axes after the leading results and before its extras and the means of
    who behaved how (mean_honest ...). Returns {header: kind}."""
    def by_name(c):
        if c.startswith("/"):
            return "axis"
        if c in OUTCOMES or c.endswith(("_violations", "_decisions")):
            return "count"
        if c in ("estimator", "importance_status"):  # importance sampling (rare-events.md)
            return "fixed"
        if c.startswith("p_") and c.endswith(("_se", "_rel_err", "_ess")):
            return "mean"
        if c.startswith("p_"):
            return "interval" if c.endswith(("_lo", "_hi")) else "rate"
        if re.match(r"p[0-9]+_", c):
            return "quantile"
        if c.startswith(("mean_", "expected_")):
            return "mean"
        return None

    kinds = [by_name(c) for c in columns]
    named = [k for k, kind in enumerate(kinds) if kind not in (None, "axis")]
    first, last = (named[0], named[-1]) if named else (len(kinds), -1)
    return {c: kind or ("axis" if first < k < last else "fixed")
            for k, (c, kind) in enumerate(zip(columns, kinds))}


def derived_label(column):
    """A label from a column's name alone: p_wrong is 'P(wrong)', mean_latency_s 'mean
    latency (s)', p_wrong_lo 'P(wrong), lower bound'; other names stay as they are."""
    words = lambda text: text.replace("_", " ")
    bound = re.fullmatch(r"p_(.+)_(lo|hi)", column)
    if bound:
        return f"P({words(bound[1])}), {'lower' if bound[2] == 'lo' else 'upper'} bound"
    if column.startswith("p_"):
        return f"P({words(column[2:])})"
    measure = re.fullmatch(r"(p[0-9]+|mean|expected)_(.+)", column)
    if measure:
        name, unit = measure[2], ""
        if name.endswith("_s"):
            name, unit = name[:-2], " (s)"
        return f"{measure[1]} {words(name)}{unit}"
    return column


def pointer_column(pointer):
    """The column of an unnamed axis on this JSON pointer, as byzsim names it (docs/sweeps.md,
    "Names"): the leading '/' dropped, '/' (and an escaped ~1 or ~0) and every other character
    that is not an ASCII letter, digit or '_' made '_', "axis_" before a name that does not
    start with a letter. byzsim also adds "_axis" to a name that repeats one of its own
    columns (/seed -> seed_axis): the caller tries both (pointer_columns)."""
    text = re.sub(r"~[01]", "_", pointer[1:] if pointer.startswith("/") else pointer)
    text = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not text:
        return "axis"
    return text if re.match(r"[A-Za-z]", text) else "axis_" + text


def pointer_columns(pointer):
    """The columns an unnamed axis on this pointer may have: its derived name, that name with
    "_axis" (when it repeats a byzsim column) and, in files written before axes were named
    from their pointers, the pointer itself."""
    return (pointer_column(pointer), pointer_column(pointer) + "_axis", pointer)


# Readable names for the JSON pointers byzsim sweeps; a pointer never becomes a label. An
# unnamed axis's column (corruption_count) has its pointer's label (POINTER_OF_COLUMN).
POINTER_LABELS = {
    "/corruption/count": "corrupted agents (K)",
    "/corruption/p": "corruption probability",
    "/corruption/strategy": "corruption strategy",
    "/corruption/role": "corruption role",
    "/protocol/f": "assumed tolerance (f)",
    "/protocol/approve_quorum": "approve quorum",
    "/protocol/reject_quorum": "reject quorum",
    "/protocol/max_rounds": "max rounds",
    "/protocol/type": "protocol",
    "/protocol/prepare_quorum": "prepare quorum",
    "/protocol/commit_quorum": "commit quorum",
    "/protocol/max_views": "max views",
    "/truth/p_good": "P(good proposal)",
    "/network/drop": "message drop probability",
    "/seed": "seed",
    "/trials": "trials",
}
POINTER_OF_COLUMN = {column: pointer for pointer in POINTER_LABELS
                     for column in pointer_columns(pointer)[:2]}

# Columns that describe a setting: when rows that would be drawn at the same place
# differ in one of these, the scripts split them into separate panels or lines (in this
# order of preference). The contract's identity columns, named for what they mean.
SETTING_COLUMNS = ("protocol", "n", "f", "honest", "malicious", "faulty", "scenario")


def label(column, table=None):
    """A readable axis label: the sidecar's label, a pointer put into words, a named axis
    as is, else one derived from the name (derived_label)."""
    if table is not None and table.label_of(column):
        return table.label_of(column)
    if column in VIRTUAL_COLUMNS:
        return VIRTUAL_COLUMNS[column][2]
    if not column.startswith("/"):
        pointer = table.pointer_of(column) if table is not None else None
        if pointer is None and table is not None and table.kind(column) == "axis" \
                and not table.described:
            pointer = POINTER_OF_COLUMN.get(column)  # no sidecar: a known pointer's name
        if pointer is not None:
            return label(pointer)
        if table is not None and table.kind(column) == "axis":
            return column  # a named axis: its name is the user's
        return derived_label(column)
    if column in POINTER_LABELS:
        return POINTER_LABELS[column]
    parts = [p.replace("~1", "/").replace("~0", "~") for p in column.strip("/").split("/")]
    words = [p.replace("_", " ") for p in parts if not p.isdigit()]
    numbers = [p for p in parts if p.isdigit()]
    text = " ".join(reversed(words[-2:])) if len(words) > 1 else (words[0] if words else "value")
    if parts and parts[0] == "agents" and numbers:
        what = words[-1] if len(words) > 1 else "count"
        return f"{'agents' if what == 'count' else what} in group {numbers[0]}"
    return text + (f" (#{numbers[0]})" if numbers else "")


def value_label(column, value, table=None):
    """'corruption strategy = collude' for a panel or line title."""
    if column in ("scenario", "protocol"):
        return value if value else f"(no {column})"
    return f"{label(column, table)} = {value}"


def percent_texts(values, max_decimals=3):
    """The values (probabilities) as percentages, all with one number of decimals.

    The fewest decimals (0..max_decimals) such that nothing below 1 prints as 100% and
    nothing above 0 as 0%; a value that still would at max_decimals prints as
    '>99.999%' or '<0.001%'. One call per figure keeps its precision consistent."""
    finite = [v for v in values if v is not None and not math.isnan(v)]
    decimals = max_decimals
    for d in range(max_decimals + 1):
        if all(_percent_ok(v, d) for v in finite):
            decimals = d
            break
    texts = []
    for v in values:
        if v is None or math.isnan(v):
            texts.append("")
            continue
        text = f"{100 * v:.{decimals}f}%"
        if not _percent_ok(v, decimals):
            bound = f"{100 - 10 ** -decimals:.{decimals}f}" if v > 0.5 else f"{10 ** -decimals:.{decimals}f}"
            text = (">" if v > 0.5 else "<") + bound + "%"
        texts.append(text)
    return texts


def _percent_ok(v, decimals):
    text = f"{100 * v:.{decimals}f}"
    if v < 1 and float(text) >= 100:
        return False
    if v > 0 and float(text) <= 0:
        return False
    return True


def fail(message):
    """Print 'prog: error: message' on stderr and exit with status 2."""
    prog = os.path.basename(sys.argv[0]) or "byzsim-plot"
    print(f"{prog}: error: {message}", file=sys.stderr)
    sys.exit(2)


def warn(message):
    prog = os.path.basename(sys.argv[0]) or "byzsim-plot"
    print(f"{prog}: warning: {message}", file=sys.stderr)


def to_float(text):
    """A cell as a float; empty cells are NaN. Raises ValueError on other text."""
    text = text.strip()
    if text == "":
        return math.nan
    return float(text)


class Table:
    """The rows of one byzsim CSV, as dicts from header to cell text, and what each column
    is: from the sidecar PATH.meta.json when it describes this header, else inferred."""

    def __init__(self, path):
        self.path = path
        self.columns = []
        self.rows = []
        self.lines = []  # the file line of each row, for messages
        self.info = {}  # column -> {"kind", "label", "description"}
        self.described = False  # whether self.info is the sidecar's (else inferred)
        self.pointers = {}  # an unnamed axis's column -> its pointer (from the sidecar)
        self.named_pointers = {}  # a named axis's column -> its pointer (from the sidecar)
        self._read()
        self._describe()
        self._alias_pointers()

    def _describe(self):
        """What each column is: the sidecar's "columns" when they are this file's header."""
        meta_path = self.path + ".meta.json"
        listed = None
        if os.path.isfile(meta_path):
            try:
                with open(meta_path, encoding="utf-8") as handle:
                    listed = json.load(handle).get("columns")
            except (OSError, ValueError, AttributeError) as err:
                warn(f"{meta_path}: cannot read the sidecar ({err}); inferring the columns "
                     f"from the header")
        if isinstance(listed, list) and [c.get("name") for c in listed
                                         if isinstance(c, dict)] == self.columns:
            self.info = {c["name"]: {"kind": c.get("kind", ""), "label": c.get("label", ""),
                                     "description": c.get("description", "")} for c in listed}
            self.described = True
            self._read_unnamed_axes(meta_path)
        else:
            if listed is not None:
                warn(f"{meta_path}: its columns are not this file's header; inferring the "
                     f"columns from the header")
            self.info = {c: {"kind": kind, "label": "", "description": ""}
                         for c, kind in infer_columns(self.columns).items()}
        for name, (parts, kind, text) in VIRTUAL_COLUMNS.items():
            if name not in self.info and all(p in self.columns for p in parts):
                self.info[name] = {"kind": kind, "label": text,
                                   "description": "the sum of " + " and ".join(parts)}

    def _read_unnamed_axes(self, meta_path):
        """Which column holds each axis of the sidecar's scenarios (its pointer)."""
        try:
            with open(meta_path, encoding="utf-8") as handle:
                scenarios = json.load(handle).get("scenarios", [])
            axes = [a for s in scenarios for a in s.get("axes", [])]
        except (OSError, ValueError, AttributeError, TypeError):
            return
        for axis in axes:
            pointer, name = axis.get("pointer"), axis.get("name")
            if not isinstance(pointer, str):
                continue
            if isinstance(name, str):
                if self.kind(name) == "axis":
                    self.named_pointers.setdefault(name, pointer)
                continue
            for column in pointer_columns(pointer)[:2]:
                if self.kind(column) == "axis":
                    self.pointers.setdefault(column, pointer)
                    break

    def _alias_pointers(self):
        """An axis answers to its pointer too (--x /corruption/count), as an unnamed one did
        when its header was the pointer: the pointer is a copy of the column (not when two
        axes of the file share the pointer)."""
        aliases = dict(self.named_pointers)
        aliases.update(self.pointers)
        if not self.described:
            aliases.update({c: p for c, p in POINTER_OF_COLUMN.items()
                            if self.kind(c) == "axis" and c not in aliases})
        for column, pointer in aliases.items():
            if pointer in self.columns or pointer in self.info or \
                    list(aliases.values()).count(pointer) > 1:
                continue  # a header of its own, or two columns (axes of two scenarios)
            self.info[pointer] = dict(self.info[column])
            for row in self.rows:
                row[pointer] = row[column]

    def pointer_of(self, column):
        """The pointer of an unnamed axis's column (the sidecar's), or of a named one whose
        name is the one its pointer would give it (corruption_count): its label is then the
        pointer's. None otherwise (a named axis is labelled by its name)."""
        if column in self.pointers:
            return self.pointers[column]
        pointer = self.named_pointers.get(column)
        return pointer if pointer is not None and pointer_column(pointer) == column else None

    def kind(self, column):
        """The column's kind (KINDS), or None for a column the file does not have."""
        return self.info.get(column, {}).get("kind")

    def label_of(self, column):
        """The sidecar's short label of the column ('' when it gives none)."""
        return self.info.get(column, {}).get("label", "")

    def description(self, column):
        return self.info.get(column, {}).get("description", "")

    def _read(self):
        try:
            handle = open(self.path, newline="", encoding="utf-8-sig")
        except OSError as err:
            fail(f"{self.path}: cannot read: {err.strerror}")
        with handle:
            reader = csv.reader(handle)
            try:
                for record in reader:
                    if not record or all(cell.strip() == "" for cell in record):
                        continue
                    if not self.columns:
                        self.columns = [cell.strip() for cell in record]
                        continue
                    if [cell.strip() for cell in record] == self.columns:
                        continue  # a repeated header (files joined with cat)
                    if len(record) > len(self.columns):
                        fail(f"{self.path} line {reader.line_num}: {len(record)} fields but "
                             f"the header has {len(self.columns)}")
                    record = record + [""] * (len(self.columns) - len(record))
                    self.rows.append(dict(zip(self.columns, record)))
                    self.lines.append(reader.line_num)
            except csv.Error as err:
                fail(f"{self.path} line {reader.line_num}: not valid CSV: {err}")
            except UnicodeDecodeError:
                fail(f"{self.path}: not a text (UTF-8) CSV file")
        if not self.columns:
            fail(f"{self.path}: the file is empty (no header line, no rows)")
        if not self.rows:
            fail(f"{self.path}: no data rows (only the header: {', '.join(self.columns)})")
        for name, (parts, _, _) in VIRTUAL_COLUMNS.items():
            if name not in self.columns and all(p in self.columns for p in parts):
                for row in self.rows:
                    try:
                        row[name] = repr(sum(to_float(row[p]) for p in parts))
                    except ValueError:
                        row[name] = ""

    # --- columns -----------------------------------------------------------------------

    def has(self, column):
        return column in self.columns or ((column in VIRTUAL_COLUMNS or column in self.info)
                                          and self.rows and column in self.rows[0])

    def swept(self):
        """The swept-axis columns in file order (kind axis)."""
        return [c for c in self.columns if self.kind(c) == "axis"]

    def varies(self, column, indices=None):
        """True when the column holds at least two distinct values in these rows."""
        return self.has(column) and self.distinct(column, indices) > 1

    def require_varies(self, column, option, indices=None):
        """Exit 2 when the column has one value: a plot over it would say nothing."""
        if self.varies(column, indices):
            return
        value = self.text(0 if indices is None else indices[0], column)
        fail(f"{self.path}: column '{column}' ({option}) has the single value "
             f"'{value}' in every row: nothing to plot along it. Columns that vary: "
             f"{', '.join(c for c in self.columns if self.varies(c, indices)) or 'none'}")

    def require(self, needed):
        """needed: list of (column, why). Exit 2 naming every missing column."""
        missing = [(c, why) for c, why in needed if not self.has(c)]
        if not missing:
            return
        reasons = {}
        for c, why in missing:
            reasons.setdefault(why, []).append(f"'{c}'")
        what = "; ".join(", ".join(cs) + (f" (needed for {why})" if why else "")
                         for why, cs in reasons.items())
        word = "column" if len(missing) == 1 else "columns"
        fail(f"{self.path}: missing {word} {what}. The file has the columns: "
             f"{', '.join(self.columns)}")

    # --- values ------------------------------------------------------------------------

    def number(self, index, column):
        """Row index's cell in column as a float (NaN when empty); exit 2 if not a number."""
        text = self.rows[index].get(column, "")
        try:
            return to_float(text)
        except ValueError:
            fail(f"{self.path} line {self.lines[index]}: column '{column}' holds "
                 f"'{text}', which is not a number")

    def numbers(self, column, indices=None):
        indices = range(len(self.rows)) if indices is None else indices
        return [self.number(i, column) for i in indices]

    def text(self, index, column):
        return self.rows[index].get(column, "").strip()

    def is_numeric(self, column, indices=None):
        """True when every non-empty cell of column (in the given rows) is a number."""
        indices = range(len(self.rows)) if indices is None else indices
        for i in indices:
            try:
                to_float(self.rows[i].get(column, ""))
            except ValueError:
                return False
        return True

    def filled(self, column, indices=None):
        """The rows (indices) whose cell in column is not empty."""
        indices = range(len(self.rows)) if indices is None else indices
        return [i for i in indices if self.rows[i].get(column, "").strip() != ""]

    def distinct(self, column, indices=None):
        indices = range(len(self.rows)) if indices is None else indices
        return len({self.text(i, column) for i in indices})


def wilson(successes, trials, z=1.959963984540054):
    """The Wilson score interval (lo, hi) of successes/trials; (nan, nan) if trials is 0."""
    if not trials > 0:
        return math.nan, math.nan
    p = successes / trials
    denom = 1.0 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def group_rows(table, indices, key_columns):
    """Group row indices by their text in key_columns; groups in order of first row."""
    groups = {}
    for i in indices:
        groups.setdefault(tuple(table.text(i, c) for c in key_columns), []).append(i)
    return groups


def splitting_columns(table, indices, fixed, candidates):
    """Columns to add to `fixed` so that no two rows share a key.

    `fixed` are columns that already separate what is drawn (panel, x, method...). When
    rows still collide (say a file sweeps two pointers and x is one of them), pick,
    greedily and in the order of `candidates`, the columns that separate them best.
    Rows that no candidate separates (the same setting twice, e.g. with other seeds) are
    left to the caller to pool."""
    chosen = []
    candidates = [c for c in candidates if table.has(c) and c not in fixed]

    def collisions(columns):
        groups = group_rows(table, indices, list(fixed) + columns)
        return sum(len(g) - 1 for g in groups.values())

    current = collisions(chosen)
    while current > 0:
        best, best_count = None, current
        for c in candidates:
            if c in chosen:
                continue
            count = collisions(chosen + [c])
            if count < best_count:
                best, best_count = c, count
        if best is None:
            break
        chosen.append(best)
        current = best_count
    return chosen


def key_label(columns, key, table=None):
    """'scenario-a, assumed tolerance (f) = 2' for a key (tuple of texts) over columns."""
    return ", ".join(value_label(c, v, table) for c, v in zip(columns, key))


def axis_positions(table, column, indices):
    """Place the values of column on an axis.

    Returns (position_of, ticks) where position_of maps a cell's text to an x position.
    Numeric columns sit at their value (ticks None: let matplotlib choose); other columns
    are categories at 0, 1, 2... in order of first appearance (ticks: [(pos, text)])."""
    if table.is_numeric(column, indices):
        return (lambda text: to_float(text)), None
    order = []
    for i in indices:
        text = table.text(i, column)
        if text not in order:
            order.append(text)
    where = {text: float(k) for k, text in enumerate(order)}
    return (lambda text: where[text.strip()]), [(where[t], t) for t in order]


# --- cells that must not be read as results -------------------------------------------
# A clamped row asked for more corrupted agents than there are honest ones: byzsim clamps
# the count, so the row repeats a smaller K. A degenerate row has fewer than two honest
# agents left: no two honest agents can disagree, and "the honest majority" is empty.
CLAMPED, DEGENERATE = "clamped", "degenerate"
KIND_TEXT = {
    CLAMPED: "clamped: more corrupted agents asked than honest ones (repeats a smaller K)",
    DEGENERATE: "fewer than two honest agents left",
    "impossible": "impossible: more bad agents than agents",
    "missing": "no row in the file",
}
KIND_COLOUR = {CLAMPED: "#8c8c8c", DEGENERATE: "#c8c8c8", "impossible": "#ffffff",
               "missing": "#ececec"}


def corruption_count_column(table):
    """The column holding the requested corruption count K, or None.

    An unnamed axis is corruption_count (in older files '/corruption/count'); a named one
    (its header is the name) is recognised by its values: K where K <= honest, and
    mean_corrupted = min(K, honest)."""
    for column in pointer_columns("/corruption/count"):
        if table.kind(column) == "axis" and table.has(column) and table.is_numeric(column):
            return column
    if not (table.has("mean_corrupted") and table.has("honest")):
        return None
    for column in table.swept():
        rows = table.filled(column)
        if len(rows) < len(table.rows) or not table.is_numeric(column) or \
                not table.varies(column):
            continue
        if all(abs(min(table.number(i, column), table.number(i, "honest"))
                   - table.number(i, "mean_corrupted")) < 1e-9 for i in rows):
            return column
    return None


def honest_left(table, index, k_column):
    """Honest-behaving agents of a row: mean_honest, else n minus the bad and corrupted."""
    if table.has("mean_honest") and table.text(index, "mean_honest") != "":
        return table.number(index, "mean_honest")
    if not all(table.has(c) for c in ("n", "malicious", "faulty")):
        return math.nan
    bad = table.number(index, "malicious") + table.number(index, "faulty")
    if table.has("mean_corrupted") and table.text(index, "mean_corrupted") != "":
        bad += table.number(index, "mean_corrupted")
    elif k_column:
        bad += min(table.number(index, k_column), table.number(index, "honest"))
    return table.number(index, "n") - bad


def row_kind(table, index, k_column):
    """CLAMPED, DEGENERATE or None (a result to read as it is) for one row."""
    if k_column and table.has("honest") and table.text(index, k_column) != "":
        if table.number(index, k_column) > table.number(index, "honest") + 1e-9:
            return CLAMPED
    left = honest_left(table, index, k_column)
    if not math.isnan(left) and left < 2 - 1e-9:
        return DEGENERATE
    return None


def dump_data(path, data):
    """--dump-data: what a figure drew (cells, labels, colours) as JSON, for tests."""
    if not path:
        return
    import json
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(_json_safe(data), handle, indent=1, allow_nan=False)
            handle.write("\n")
    except (OSError, ValueError) as err:
        fail(f"{path}: cannot write the --dump-data file: {err}")


def _json_safe(value):
    """NaN and infinities as null (JSON has no NaN); tuples as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


def prepare_output(path):
    """Create the output's folder; exit 2 if the file type is not one matplotlib writes."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        fail(f"{path}: cannot create the folder {folder}: {err.strerror}")
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext not in ("png", "pdf", "svg", "jpg", "jpeg", "eps", "ps", "tif", "tiff", "webp"):
        fail(f"{path}: unknown image type '.{ext}' (use .png, .pdf or .svg)")


def setup_matplotlib():
    """Import matplotlib headless (Agg); exit 2 with advice when it is not installed."""
    try:
        import matplotlib
    except ImportError:
        fail("matplotlib is not installed for this python; on Debian: "
             "apt-get install python3-matplotlib, then run with /usr/bin/python3")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def save(fig, path, dpi):
    try:
        fig.savefig(path, dpi=dpi, bbox_inches="tight")
    except OSError as err:
        fail(f"{path}: cannot write: {err.strerror}")


def row_scenario(csv_path, point, scenario=None):
    """The full scenario document of one row, rebuilt from the sidecar CSV_PATH.meta.json.

    The sidecar (docs/output.md) holds each scenario's document (the file after --set,
    without "sweep") and each point's axis values; the row's scenario is the document with
    each axis value assigned at its JSON pointer. `scenario` picks the scenario by name
    when the file holds several. Save the result as JSON and `byzsim run`/`exact` it: the
    one-point scenario measures what the row measured.
    """
    import copy
    import json

    meta_path = csv_path + ".meta.json"
    try:
        with open(meta_path, encoding="utf-8") as handle:
            meta = json.load(handle)
    except (OSError, ValueError) as e:
        fail(f"{meta_path}: cannot read the sidecar: {e}")
    entries = [s for s in meta.get("scenarios", []) if scenario in (None, s.get("name"))]
    if len(entries) != 1:
        names = ", ".join(s.get("name", "?") for s in meta.get("scenarios", []))
        fail(f"{meta_path}: name one scenario of: {names}")
    entry = entries[0]
    points = entry["points"]
    if not 0 <= point < len(points):
        fail(f"{meta_path}: no point {point} (the sweep has {len(points)})")
    document = copy.deepcopy(entry["document"])
    for axis, value in zip(entry["axes"], points[point]):
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in axis["pointer"].split("/")[1:]]
        parent = document
        for token in tokens[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]
        if isinstance(parent, list):
            parent[int(tokens[-1])] = value
        else:
            parent[tokens[-1]] = value
    return document


USAGE = """usage: byzsim_csv.py scenario OUT.csv POINT [SCENARIO]

Prints the full scenario of row POINT of OUT.csv as JSON, rebuilt from the sidecar
OUT.csv.meta.json (SCENARIO: the scenario's name when the file holds several). Save it and
`byzsim run` or `byzsim exact` it: the one-point scenario measures what the row measured.
The rest of this file is the module the plotting scripts import (see its docstring).

example: /usr/bin/python3 analysis/byzsim_csv.py scenario out/results.csv 3 > out/point3.json
"""

if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help"):
        print(USAGE, end="")
        sys.exit(0)
    # python3 analysis/byzsim_csv.py scenario OUT.csv POINT [SCENARIO] > point.json
    if len(sys.argv) not in (4, 5) or sys.argv[1] != "scenario":
        fail("usage: byzsim_csv.py scenario OUT.csv POINT [SCENARIO]  "
             "(prints the row's full scenario as JSON; --help says more)")
    import json

    try:
        point_number = int(sys.argv[3])
    except ValueError:
        fail(f"POINT must be a whole number, not '{sys.argv[3]}'")
    rebuilt = row_scenario(sys.argv[2], point_number, sys.argv[4] if len(sys.argv) == 5 else None)
    print(json.dumps(rebuilt, indent=2))
