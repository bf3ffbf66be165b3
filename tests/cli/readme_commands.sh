# Every command of README.md and of the manual's pages (docs/**/*.md: the tutorial, the how-to
# guides, and the reference and explanation pages that show commands) runs, in a temporary copy
# of the repository, and exits 0; together they write nothing outside out/; every link of
# README.md and docs/**/*.md stays inside the repository and names a file that exists.
#
# Which commands run (the convention the pages follow):
#   - fenced blocks marked ```sh, ```bash or ```shell: every line but blank lines and
#     comments is a command (a line ending in '\' continues on the next); the blocks run
#     line by line from the repository root, README.md first, then docs/index.md,
#     docs/tutorial.md, docs/howto/*.md and the other pages in name order, all in the same
#     copy, so a command may use what an earlier one of its page wrote (out/...);
#   - ```console blocks: only the lines starting with "$ " (the prompt is removed);
#   - ```python blocks run (with Debian's /usr/bin/python3, from the repository root) only
#     when the line before the fence is "<!-- readme-commands: python ... -->"; a block
#     importing a module that is not installed (pandas) is reported as skipped;
#   - a block whose fence follows the line "<!-- readme-commands: skip (REASON) -->" does
#     not run (make run/make test themselves, which install packages; a Slurm script).
#     The marker is an HTML comment, so readers of the rendered pages never see it.
#   - a command ending in the comment "# exits N" must exit with status N (examples of
#     refused input); every other command must exit 0.
#   - a command that is character for character one that already ran (the tutorial and a
#     how-to showing the same step) runs once.
# Other fences (```json, ``` output) are never run. The copy gets build/byzsim, a link to
# the binary under test, where the pages expect it.
source "$(dirname "$0")/lib.bash"

REPO="$T/repo"
mkdir -p "$REPO"
# The sources as they are (a build folder, out/ and .git left behind).
tar -C "$SRC" --exclude=./.git --exclude=./out --exclude-tag-all=CMakeCache.txt -cf - . |
  tar -C "$REPO" -xf -
mkdir -p "$REPO/build"
ln -sf "$BIN" "$REPO/build/byzsim"
export MPLCONFIGDIR="$T/mplconfig" PYTHONDONTWRITEBYTECODE=1

# The pages, in the order their commands run: the README, the manual's home, the tutorial, the
# how-to guides, then every other page (reference and explanation).
PAGES=$(cd "$SRC" && { echo README.md; echo docs/index.md; echo docs/tutorial.md
  find docs/howto -name '*.md' | sort; find docs -name '*.md' | sort; } | awk '!seen[$0]++')

# The commands, one JSON object per line: {"page", "line", "kind", "text", "skip", "expect"}.
(cd "$SRC" && $PY - $PAGES) >"$T/commands.jsonl" <<'PY'
import json, re, sys
ran = {}
def emit(record):
    if not record["skip"]:
        key = (record["kind"], record["text"])
        if key in ran:
            record["skip"] = f"the same command ran at {ran[key]}"
        else:
            ran[key] = f"{record['page']}:{record['line']}"
    print(json.dumps(record))
for page in sys.argv[1:]:
  lines = open(page, encoding="utf-8").read().split("\n")
  fence = re.compile(r"^(\s*)```\s*([A-Za-z]*)\s*$")
  marker = re.compile(r"^\s*<!--\s*readme-commands:\s*(\w[\w-]*)\s*(.*?)\s*-->\s*$")
  i = 0
  while i < len(lines):
      m = fence.match(lines[i])
      if not m or not m.group(2):
          i += 1
          continue
      lang, start = m.group(2).lower(), i
      mark = marker.match(lines[i - 1]) if i > 0 else None
      body = []
      i += 1
      while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
          body.append((i + 1, lines[i]))
          i += 1
      i += 1
      action = mark.group(1) if mark else None
      reason = mark.group(2).strip("()") if mark else ""
      if lang == "python":
          if action == "python":
              emit({"page": page, "line": start + 1, "kind": "python",
                      "text": "\n".join(t for _, t in body), "skip": "", "expect": 0})
          continue
      if lang not in ("sh", "bash", "shell", "console"):
          continue
      command, first = "", None
      for number, text in body:
          text = text.strip()
          if lang == "console" and not command:
              if not text.startswith("$ "):
                  continue
              text = text[2:]
          if not command and (not text or text.startswith("#")):
              continue
          first = first or number
          if text.endswith("\\"):
              command += text[:-1] + " "
              continue
          command += text
          expect = re.search(r"#\s*exits\s+(\d+)\b", text)
          emit({"page": page, "line": first, "kind": "sh", "text": command,
                "expect": int(expect.group(1)) if expect else 0,
                "skip": (reason or "marked skip") if action == "skip" else ""})
          command, first = "", None
PY
check "README.md and the manual have fenced commands to run" test -s "$T/commands.jsonl"
# The tutorial and every how-to guide show commands, and they are among those collected.
for page in docs/tutorial.md $(cd "$SRC" && find docs/howto -name '*.md' | sort); do
  check "$page shows commands that run" grep -q "\"page\": \"$page\"" "$T/commands.jsonl"
done

touch "$T/stamp"
sleep 1  # file times have a 1 s resolution on some file systems: 'newer' must mean later
ran=0
while IFS= read -r record; do
  page=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["page"])' "$record")
  line=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["line"])' "$record")
  kind=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["kind"])' "$record")
  skip=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["skip"])' "$record")
  expect=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["expect"])' "$record")
  $PY -c 'import json,sys; sys.stdout.write(json.loads(sys.argv[1])["text"])' "$record" >"$T/command"
  what="$page:$line: $(head -c 100 "$T/command" | tr '\n' ' ')"
  if [ -n "$skip" ]; then
    echo "skip  $what ($skip)"
    continue
  fi
  if [ "$kind" = python ]; then
    missing=$(cd "$REPO" && $PY - "$T/command" <<'PY'
import importlib.util, re, sys
for name in re.findall(r"^\s*(?:import|from)\s+(\w+)", open(sys.argv[1]).read(), re.M):
    if importlib.util.find_spec(name) is None:
        print(name)
PY
)
    if [ -n "$missing" ]; then
      echo "skip  $what (not installed: $missing)"
      continue
    fi
    (cd "$REPO" && timeout 600 $PY "$T/command") >"$T/out.log" 2>&1
  else
    (cd "$REPO" && timeout 600 bash -o pipefail -c "$(cat "$T/command")") >"$T/out.log" 2>&1
  fi
  rc=$?
  ran=$((ran + 1))
  if [ $rc -eq "$expect" ]; then
    pass "$what"
  else
    fail "$what: exit status $rc, expected $expect"
    head -c 1500 "$T/out.log" | sed 's/^/      /'
  fi
done <"$T/commands.jsonl"
check "at least 60 commands of README.md and the manual ran" test "$ran" -ge 60

# Nothing written outside out/ (build/ holds only the link to the binary).
(cd "$REPO" && find . -path ./out -prune -o -path ./build -prune -o ! -type d -newer "$T/stamp" -print) \
  >"$T/written"
if [ -s "$T/written" ]; then
  fail "the commands wrote outside out/: $(tr '\n' ' ' <"$T/written")"
else
  pass "the commands write only into out/"
fi

# Links and paths of README.md and docs/**/*.md stay in the repository and exist.
if (cd "$SRC" && $PY - README.md $(find docs -name '*.md' | sort)) >"$T/links.log" 2>&1 <<'PY'
import os, re, sys
root = os.path.realpath(".")
problems = []
for page in sys.argv[1:]:
    text = open(page, encoding="utf-8").read()
    if "../shared" in text:
        problems.append(f"{page}: mentions ../shared, which a clone does not have")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or an anchor in the same page
        path = os.path.realpath(os.path.join(os.path.dirname(page), target.split("#")[0]))
        if not (path == root or path.startswith(root + os.sep)):
            problems.append(f"{page}: the link '{target}' leaves the repository")
        elif not os.path.exists(path):
            problems.append(f"{page}: the link '{target}' names no file")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then pass "links of README.md and docs/**/*.md stay in the repository and exist"
else fail "links of README.md and docs/**/*.md"; sed 's/^/      /' "$T/links.log"; fi
finish
