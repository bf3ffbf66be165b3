# The manual builds as a site: `mkdocs build --strict` of mkdocs.yml and docs/ succeeds (so every
# link between pages names a page that exists), every page of docs/ is in the navigation and
# every page of the navigation exists, every link's #anchor names a heading of its page, and
# every page and heading the binary's messages cite (sim/: `docs/plan.md, "Simulated
# designs"`) is there. Needs Debian's mkdocs and mkdocs-material (make test installs them);
# without mkdocs it says so and checks nothing else.
source "$(dirname "$0")/lib.bash"

if ! command -v mkdocs >/dev/null 2>&1; then
  echo "SKIP  mkdocs is not installed (apt-get install mkdocs mkdocs-material, or make docs)"
  exit 0
fi

# A copy, so that the build writes only into this test's folder.
mkdir -p "$T/src"
cp -r "$SRC/mkdocs.yml" "$SRC/docs" "$T/src/"
(cd "$T/src" && mkdocs build --strict --site-dir "$T/site") >"$T/build.log" 2>&1
code=$?
if [ "$code" = 0 ]; then
  pass "mkdocs build --strict exits 0"
else
  fail "mkdocs build --strict exits 0 (status $code)"
  grep -E 'WARNING|ERROR|Error|Aborted' "$T/build.log" | head -20 | sed 's/^/      /'
fi
check "the site has the tutorial page" test -s "$T/site/tutorial/index.html"

# MkDocs 1.4 reports a page missing from the navigation only as INFO: fail on it here.
if grep -q 'exist in the docs directory, but are not included in the "nav"' "$T/build.log"; then
  fail "every page of docs/ is in mkdocs.yml's nav"
  sed -n '/not included in the "nav"/,/^[A-Z]/p' "$T/build.log" | grep '^  - ' | sed 's/^/    /'
else
  pass "every page of docs/ is in mkdocs.yml's nav"
fi

# A page linked with #anchor (from a page or README.md) has that heading (MkDocs 1.4 does not
# check anchors), and the pages and headings sim/ cites exist.
check "anchors of links between pages, and the pages and headings the binary cites, exist" \
  $PY - "$T/src/docs" "$T/site" "$SRC/sim" "$SRC/README.md" <<'PY'
import html.parser, os, re, sys
docs, site, sim, readme = sys.argv[1:5]

class Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)

def built(page):  # docs-relative .md path -> its HTML file (use_directory_urls)
    stem = page[:-3]
    if os.path.basename(stem) in ("index", "README"):
        return os.path.join(site, os.path.dirname(stem), "index.html")
    return os.path.join(site, stem, "index.html")

ids = {}
def anchors(page):
    if page not in ids:
        parser = Ids()
        parser.feed(open(built(page), encoding="utf-8").read())
        ids[page] = parser.ids
    return ids[page]

problems = []
for folder, _, files in os.walk(docs):
    for name in files:
        if not name.endswith(".md"):
            continue
        path = os.path.join(folder, name)
        page = os.path.relpath(path, docs)
        text = re.sub(r"```.*?```", "", open(path, encoding="utf-8").read(), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target) or "#" not in target:
                continue
            file, anchor = target.split("#", 1)
            linked = os.path.normpath(os.path.join(os.path.dirname(page), file)) if file else page
            if not linked.endswith(".md") or not os.path.exists(os.path.join(docs, linked)):
                continue  # mkdocs --strict reports those
            if anchor not in anchors(linked):
                problems.append(f"docs/{page}: the link '{target}' names no heading of docs/{linked}")

# README.md's links into the manual.
text = re.sub(r"```.*?```", "", open(readme, encoding="utf-8").read(), flags=re.S)
for target in re.findall(r"\]\((docs/[^)\s]+\.md)#([^)\s]+)\)", text):
    page, anchor = target[0][len("docs/"):], target[1]
    if os.path.exists(os.path.join(docs, page)) and anchor not in anchors(page):
        problems.append(f"README.md: the link 'docs/{page}#{anchor}' names no heading")

# The binary's messages: "docs/PAGE.md" and "docs/PAGE.md, \"Heading\"" (adjacent C++ string
# literals joined first, so a citation split over two lines is read whole).
for folder, _, files in os.walk(sim):
    for name in files:
        if not name.endswith((".cpp", ".hpp")):
            continue
        source = os.path.join(folder, name)
        text = re.sub(r'"\s*\n\s*"', "", open(source, encoding="utf-8").read())
        for page, heading in re.findall(r'docs/([\w/-]+\.md)(?:,\s*\\"([^"\\]+)\\")?', text):
            where = os.path.relpath(source, os.path.dirname(sim))
            md = os.path.join(docs, page)
            if not os.path.exists(md):
                problems.append(f"{where} cites docs/{page}, which does not exist")
                continue
            if heading:
                titles = re.findall(r"^#+\s+(.*)$", open(md, encoding="utf-8").read(), re.M)
                if not any(t.strip("` ").lower().startswith(heading.lower()) for t in titles):
                    problems.append(f"{where} cites the heading \"{heading}\" of docs/{page}, "
                                    f"which has no such heading")
if problems:
    print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
finish
