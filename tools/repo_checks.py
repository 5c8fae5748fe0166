"""Checks of the repository as a whole: math that renders on GitHub, links, notebooks, structure.

The functions here return lists of problems (strings naming file and line) rather than raising, so that
``tests/test_*.py`` can show every problem at once and the checks themselves can be tested on small examples.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib
import inspect
import itertools
import json
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOPIC_AREAS = ("linear_algebra", "calculus", "probability_statistics", "advanced_topics")
REQUIRED_SECTIONS = (
    "Why it matters in ML",
    "Definitions",
    "Intuition",
    "Derivation",
    "Worked example",
    "Code",
    "Pitfalls",
    "Exercises",
    "Further reading",
)
MATHJAX_DIR = ROOT / "tests" / "mathjax"
# Where the root conftest.py records the notebooks a pytest run collected.
COLLECTED_NOTEBOOKS = pytest.StashKey[set]()

# --------------------------------------------------------------------------------------------------------------
# Files


def repository_files(root: Path = ROOT) -> list[Path]:
    """Files git would commit (tracked plus untracked-but-not-ignored); every file when ``root`` is no git tree."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
        names = [n for n in out.split("\0") if n]
        return sorted(root / n for n in names if (root / n).is_file())
    except (OSError, subprocess.CalledProcessError):
        return sorted(
            p for p in root.rglob("*")
            if p.is_file() and not any(s.startswith(".") or s == "node_modules" for s in p.relative_to(root).parts)
        )


def markdown_files(root: Path = ROOT) -> list[Path]:
    return [p for p in repository_files(root) if p.suffix == ".md" and "node_modules" not in p.parts]


def notebook_files(root: Path = ROOT) -> list[Path]:
    return [p for p in repository_files(root) if p.suffix == ".ipynb"]


def rel(path: Path, root: Path = ROOT) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class TextBlock:
    """Markdown text with where it came from: a .md file, or one markdown cell of a notebook."""

    text: str
    where: str  # "path" or "path, cell 3"
    notebook: bool


def markdown_blocks(path: Path, root: Path = ROOT) -> list[TextBlock]:
    """The markdown of a file: the whole file for .md, each markdown cell for .ipynb."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        blocks = []
        for i, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") == "markdown":
                src = cell.get("source", "")
                src = "".join(src) if isinstance(src, list) else src
                blocks.append(TextBlock(src, f"{rel(path, root)}, cell {i}", True))
        return blocks
    return [TextBlock(path.read_text(encoding="utf-8"), rel(path, root), False)]


# --------------------------------------------------------------------------------------------------------------
# Math


@dataclass(frozen=True)
class Formula:
    where: str  # "path:line" or "path, cell 3, line 2"
    tex: str
    display: bool
    dollar: bool  # delimited by $ or $$ (GitHub's markdown sees it first), not by a ```math fence


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# $...$: the opening $ not followed by a space, the closing $ not preceded by one nor followed by a digit ("$5 and
# $6" is money). re.S: inside a paragraph a formula may wrap over a line break, as GitHub allows.
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)(?!\$)(.+?)(?<![\s\\])\$(?![$\d])", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Lines that end a paragraph and stand alone: headings and HTML block tags (<details>, <img ...>, </details>).
_STANDALONE = re.compile(r"^\s{0,3}(#{1,6}(\s|$)|</?[A-Za-z][\w-]*(\s|>|/>|$))")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)])(\s|$)")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _line_where(block: TextBlock, line_no: int) -> str:
    return f"{block.where}, line {line_no}" if block.notebook else f"{block.where}:{line_no}"


def _blank_code_spans(text: str) -> str:
    """Replace code spans by spaces (newlines kept), so that `$x$` in code is not math and offsets stay."""
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _is_table_delimiter(line: str) -> bool:
    return "|" in line and "-" in line and bool(_TABLE_DELIMITER.match(line))


def _paragraph_math(block: TextBlock, first: int, lines: list[str]) -> tuple[list[Formula], list[str]]:
    """Inline formulas of one paragraph (lines first+1, first+2, ...); a formula may span a line break."""
    text = _blank_code_spans("\n".join(lines))
    problems = [
        f"{_line_where(block, first + k + 1)}: $$ must stand alone on its own line"
        for k, line in enumerate(text.split("\n")) if "$$" in line
    ]
    formulas = [
        Formula(_line_where(block, first + text.count("\n", 0, m.start()) + 1), m.group(1), False, True)
        for m in _INLINE_MATH.finditer(text)
    ]
    return formulas, problems


def _table_row_math(block: TextBlock, line_no: int, line: str) -> tuple[list[Formula], list[str]]:
    r"""Inline formulas of one table row. GitHub splits the cells at every unescaped | before it sees the math,
    so | inside a formula must be written \vert (\lVert, \rVert for a norm) or escaped as \| (which the table
    turns into the | that MathJax then reads)."""
    formulas, problems = [], []
    where = _line_where(block, line_no)
    text = _blank_code_spans(line)
    if "$$" in text:
        problems.append(f"{where}: $$ must stand alone on its own line")
    # Pair the dollars along the row; a formula holding an unescaped | is one GitHub would cut in two.
    for m in _INLINE_MATH.finditer(text):
        tex = m.group(1)
        if _UNESCAPED_PIPE.search(tex):
            problems.append(f"{where}: an unescaped | inside math in a table row splits the cell on GitHub "
                            f"(write \\vert, or \\lVert and \\rVert for a norm) in ${tex.strip()}$")
        formulas.append(Formula(where, tex.replace("\\|", "|"), False, True))
    return formulas, problems


def extract_math(block: TextBlock) -> tuple[list[Formula], list[str]]:
    """Formulas of a markdown text, plus problems with how they are delimited.

    Inline math is paired within a paragraph (consecutive non-blank lines, as markdown reads them), so a formula
    that wraps over a line break is found like any other; a table row is read on its own.
    """
    formulas: list[Formula] = []
    problems: list[str] = []
    lines = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), block.text).split("\n")
    paragraph: list[str] = []
    first = 0  # index of the paragraph's first line

    def flush() -> None:
        if paragraph:
            found, bad = _paragraph_math(block, first, paragraph)
            formulas.extend(found)
            problems.extend(bad)
            paragraph.clear()

    in_table = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        fence = _FENCE.match(line)
        if fence:
            flush()
            in_table = False
            marker, info = fence.group(1), fence.group(2).lower()
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(marker):
                j += 1
            if info == "math":
                if block.notebook:
                    problems.append(f"{_line_where(block, i + 1)}: a ```math fence does not render in a notebook; "
                                    "use $$ alone on the lines before and after")
                formulas.append(Formula(_line_where(block, i + 1), "\n".join(lines[i + 1:j]), True, False))
            i = j + 1
            continue
        if stripped.startswith("$$"):
            flush()
            in_table = False
            if not block.notebook:
                problems.append(f"{_line_where(block, i + 1)}: display math in a Markdown file goes in a ```math "
                                "fence, not between $$ (GitHub's markdown mangles it)")
            if stripped != "$$":
                problems.append(f"{_line_where(block, i + 1)}: put $$ alone on its own line, got {stripped[:60]!r}")
                i += 1
                continue
            j = i + 1
            while j < len(lines) and lines[j].strip() != "$$":
                j += 1
            if j == len(lines):
                problems.append(f"{_line_where(block, i + 1)}: $$ opened here is never closed")
            formulas.append(Formula(_line_where(block, i + 1), "\n".join(lines[i + 1:j]), True, True))
            i = j + 1
            continue
        if not stripped:
            flush()
            in_table = False
            i += 1
            continue
        if not in_table and "|" in line and i + 1 < len(lines) and _is_table_delimiter(lines[i + 1]):
            flush()
            in_table = True
        if in_table:
            if not _is_table_delimiter(line):
                found, bad = _table_row_math(block, i + 1, line)
                formulas.extend(found)
                problems.extend(bad)
            i += 1
            continue
        standalone = bool(_STANDALONE.match(line))
        if standalone or _LIST_ITEM.match(line):
            flush()
        if not paragraph:
            first = i
        paragraph.append(line)
        if standalone:
            flush()
        i += 1
    flush()
    return formulas, problems


_DENIED_MACROS = re.compile(r"\\(operatorname|mbox|phantom|newcommand|renewcommand|def)(?![A-Za-z])")
# Markdown treats a backslash before ASCII punctuation as an escape and drops the backslash before MathJax runs.
_ESCAPABLE = set("{},;|_!:>#%&\\")


def denied_constructs(formula: Formula) -> list[str]:
    """What GitHub refuses or mangles in this formula although MathJax would accept it."""
    found = [f"\\{m.group(1)}" for m in _DENIED_MACROS.finditer(formula.tex)]
    if formula.dollar:
        tex, k = formula.tex, 0
        while k < len(tex) - 1:
            if tex[k] == "\\":
                nxt = tex[k + 1]
                if nxt in _ESCAPABLE:
                    found.append("\\" + nxt)
                k += 2
            else:
                k += 1
    return found


def math_problems(paths: list[Path], root: Path = ROOT) -> tuple[list[Formula], list[str]]:
    """All formulas of the given files and the problems found without MathJax (delimiters and the deny-list)."""
    formulas: list[Formula] = []
    problems: list[str] = []
    for path in paths:
        for block in markdown_blocks(path, root):
            found, bad = extract_math(block)
            formulas.extend(found)
            problems.extend(bad)
    for f in formulas:
        for construct in denied_constructs(f):
            hint = {
                "\\{": "write \\lbrace", "\\}": "write \\rbrace", "\\|": "write \\lVert or \\rVert",
                "\\,": "write \\ or drop it", "\\;": "write \\quad or drop it", "\\_": "write \\text{_} or drop it",
                "\\\\": "write \\cr for a new row, or use a ```math fence in a .md file",
                "\\operatorname": "write \\mathrm{...}",
            }.get(construct, "GitHub does not render it")
            problems.append(f"{f.where}: {construct} is not rendered by GitHub ({hint}) in ${f.tex.strip()}$")
    return formulas, problems


def node_executable() -> str | None:
    return shutil.which("node")


def mathjax_installed() -> bool:
    return (MATHJAX_DIR / "node_modules" / "mathjax-full").is_dir()


def mathjax_errors(formulas: list[Formula]) -> list[str]:
    """Parse every formula with MathJax in one Node.js process; return 'where: error in TeX' lines."""
    node = node_executable()
    if node is None:
        raise RuntimeError("Node.js is not installed")
    # The same formula often appears in many places ($x$, $n$): MathJax parses each distinct one once, and an error
    # is reported at every place the formula appears.
    places: dict[tuple[str, bool], list[str]] = {}
    for f in formulas:
        places.setdefault((f.tex, bool(f.display)), []).append(f.where)
    payload = json.dumps([{"where": "", "tex": tex, "display": display} for tex, display in places])
    proc = subprocess.run(
        [node, str(MATHJAX_DIR / "check_math.js")], input=payload, capture_output=True, text=True,
        cwd=MATHJAX_DIR, timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the MathJax check itself failed:\n{proc.stderr}")
    return [
        f"{where}: MathJax: {e['error']} in: {e['tex'].strip()}"
        for e in json.loads(proc.stdout)
        for where in places[(e["tex"], bool(e["display"]))]
    ]


# --------------------------------------------------------------------------------------------------------------
# Links


_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"", re.I)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # [text](url) -> text
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("`", "").strip().lower()
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "-_" or cat[0] in "LN" or cat == "Mn":
            out.append(ch)
        elif ch == " ":
            out.append("-")
    return "".join(out)


def anchors(path: Path, root: Path = ROOT) -> set[str]:
    """Every heading anchor of a .md file or of a notebook's markdown cells (duplicates numbered like GitHub)."""
    seen: dict[str, int] = {}
    result: set[str] = set()
    for block in markdown_blocks(path, root):
        in_fence = False
        for line in block.text.split("\n"):
            if _FENCE.match(line):
                in_fence = not in_fence
                continue
            m = None if in_fence else _HEADING.match(line)
            if m:
                slug = github_slug(m.group(2))
                n = seen.get(slug, 0)
                result.add(slug if n == 0 else f"{slug}-{n}")
                seen[slug] = n + 1
        for m in re.finditer(r"<a\s+(?:name|id)=\"([^\"]+)\"", block.text):
            result.add(m.group(1))
    return result


def link_problems(paths: list[Path], root: Path = ROOT) -> list[str]:
    """Relative links and anchors that do not resolve inside the repository."""
    root = root.resolve()
    problems = []
    anchor_cache: dict[Path, set[str]] = {}
    for path in paths:
        path = path.resolve()
        for block in markdown_blocks(path, root):
            in_fence = False
            for line_no, line in enumerate(block.text.split("\n"), start=1):
                if _FENCE.match(line):
                    in_fence = not in_fence
                    continue
                if in_fence:
                    continue
                text = _CODE_SPAN.sub(" ", line)
                targets = [m.group(1) for m in _LINK.finditer(text)] + [m.group(1) for m in _HTML_LINK.finditer(text)]
                for target in targets:
                    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                        continue  # http:, https:, mailto: ... are outside the repository
                    where = _line_where(block, line_no)
                    file_part, _, anchor = target.partition("#")
                    dest = path if not file_part else (path.parent / file_part).resolve()
                    if file_part.startswith("/"):
                        problems.append(f"{where}: link {target!r} is absolute; use a path relative to the file")
                        continue
                    try:
                        dest.relative_to(root.resolve())
                    except ValueError:
                        problems.append(f"{where}: link {target!r} leaves the repository")
                        continue
                    if not dest.exists():
                        problems.append(f"{where}: link {target!r} points to a missing file")
                        continue
                    if anchor and dest.suffix in (".md", ".ipynb"):
                        if dest not in anchor_cache:
                            anchor_cache[dest] = anchors(dest, root)
                        if anchor not in anchor_cache[dest]:
                            problems.append(f"{where}: link {target!r}: no heading #{anchor} in {rel(dest, root)}")
    return problems


# --------------------------------------------------------------------------------------------------------------
# Notebooks


def notebook_problems(path: Path, root: Path = ROOT) -> list[str]:
    """Hygiene of one notebook: valid, python3 kernel, executed 1..n in order, no errors, no timing metadata."""
    import nbformat

    name = rel(path, root)
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # any failure to read is the problem to report
        return [f"{name}: not a valid notebook ({exc})"]
    problems = []
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"{name}: kernelspec must be python3, got {kernel!r}")
    code = [c for c in nb.cells if c.cell_type == "code"]
    empty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and not c.source.strip()]
    if empty:
        problems.append(f"{name}: empty code cells {empty}: delete them")
    counts = [c.get("execution_count") for c in code if c.source.strip()]
    if any(n is None for n in counts):
        problems.append(f"{name}: {sum(n is None for n in counts)} code cell(s) never executed: "
                        "run tools/execute_notebooks.py on it")
    elif counts != list(range(1, len(counts) + 1)):
        problems.append(f"{name}: execution counts {counts} are not 1..{len(counts)}: "
                        "re-run it top to bottom with tools/execute_notebooks.py")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            problems.append(f"{name}, cell {i}: stored output holds an error")
        if "execution" in cell.get("metadata", {}):
            problems.append(f"{name}, cell {i}: per-cell timing metadata; execute with record_timing=False")
        outputs = cell.get("outputs", [])
        if any(a.get("output_type") == b.get("output_type") == "stream" and a.get("name") == b.get("name")
               for a, b in itertools.pairwise(outputs)):
            problems.append(f"{name}, cell {i}: its printed text is split over several output blocks (a flush "
                            "timing artefact, shown as separate boxes on GitHub): run tools/execute_notebooks.py")
    problems.extend(nbval_marker_problems(nb, name))
    return problems


def _nbval_markers(cell) -> set[str]:
    """The nbval markers of a code cell: comment lines ``# NBVAL_...`` and metadata tags ``nbval-...``."""
    found = {m.upper() for m in re.findall(r"^\s*#\s*(NBVAL_\w+)", cell.source, re.M)}
    found |= {t.upper().replace("-", "_") for t in cell.get("metadata", {}).get("tags", []) if t.lower().startswith("nbval")}
    return found


def _has_output(cell) -> bool:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and "".join(out.get("text", "")).strip():
            return True
        if out.get("output_type") in ("execute_result", "display_data"):
            text = out.get("data", {}).get("text/plain", "")
            if "".join(text).strip():
                return True
    return False


def nbval_marker_problems(nb, name: str) -> list[str]:
    """nbval markers used as the course allows: never NBVAL_SKIP; a cell whose output is ignored
    (NBVAL_IGNORE_OUTPUT, its machine-dependent digits) is immediately followed by a code cell whose compared,
    non-empty output states the bound that holds on every machine."""
    problems = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        markers = _nbval_markers(cell)
        if "NBVAL_SKIP" in markers:
            problems.append(f"{name}, cell {i}: NBVAL_SKIP is not allowed: nbval must run every cell "
                            "(ignore a machine-dependent output with NBVAL_IGNORE_OUTPUT and state the bound next)")
        if "NBVAL_IGNORE_OUTPUT" in markers:
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            if nxt is None or nxt.cell_type != "code":
                problems.append(f"{name}, cell {i}: a cell marked NBVAL_IGNORE_OUTPUT must be followed immediately "
                                "by a code cell whose compared output states the bound")
            elif "NBVAL_IGNORE_OUTPUT" in _nbval_markers(nxt) or "NBVAL_SKIP" in _nbval_markers(nxt):
                problems.append(f"{name}, cell {i + 1}: the cell after an NBVAL_IGNORE_OUTPUT cell must have its "
                                "output compared (it states the bound): remove its nbval marker")
            elif not _has_output(nxt):
                problems.append(f"{name}, cell {i + 1}: the cell after an NBVAL_IGNORE_OUTPUT cell has no stored "
                                "output: it must print the machine-independent statement of the bound")
    return problems


# --------------------------------------------------------------------------------------------------------------
# Structure


def subtopic_dirs(root: Path = ROOT) -> list[Path]:
    """Subtopic folders: every folder of a topic area except its package and hidden or cache folders."""
    found = []
    for area in TOPIC_AREAS:
        base = root / area
        if not base.is_dir():
            continue
        for d in sorted(base.iterdir()):
            if d.is_dir() and d.name != "python_implementations" and not d.name.startswith((".", "_")):
                found.append(d)
    return found


def h2_headings(text: str) -> list[str]:
    headings, in_fence = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            headings.append(line[3:].strip())
    return headings


def section(text: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next level-2 heading."""
    m = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


def readme_problems(readme: Path, root: Path = ROOT) -> list[str]:
    """The subtopic README contract: sections in order, exercises with solutions, prerequisites, notebook link."""
    name = rel(readme, root)
    text = readme.read_text(encoding="utf-8")
    problems = []
    if not text.startswith("# "):
        problems.append(f"{name}: must start with a '# Title' line")
    headings = h2_headings(text)
    missing = [s for s in REQUIRED_SECTIONS if s not in headings]
    if missing:
        problems.append(f"{name}: missing sections {missing} (required, in order: {list(REQUIRED_SECTIONS)})")
    else:
        order = [headings.index(s) for s in REQUIRED_SECTIONS]
        if order != sorted(order):
            problems.append(f"{name}: sections out of order; required order is {list(REQUIRED_SECTIONS)}")
        exercises = section(text, "Exercises")
        if exercises.count("<details>") < 1 or exercises.count("<details>") != exercises.count("</details>"):
            problems.append(f"{name}: Exercises need worked solutions inside <details> ... </details>")
        if "![" not in section(text, "Intuition") and "<img" not in section(text, "Intuition"):
            problems.append(f"{name}: the Intuition section needs a figure")
        empty = [s for s in REQUIRED_SECTIONS if not _HTML_COMMENT.sub("", section(text, s)).strip()]
        if empty:
            problems.append(f"{name}: required sections without content: {empty}")
    if "**Prerequisites:**" not in text:
        problems.append(f"{name}: missing the '**Prerequisites:**' line")
    nb_name = f"{readme.parent.name}.ipynb"
    if f"]({nb_name})" not in text:
        problems.append(f"{name}: missing the link to its notebook [{nb_name}]({nb_name})")
    return problems


def subtopic_problems(root: Path = ROOT) -> list[str]:
    problems = []
    for d in subtopic_dirs(root):
        readme, nb = d / "README.md", d / f"{d.name}.ipynb"
        if not readme.is_file():
            problems.append(f"{rel(d, root)}: subtopic without README.md")
        else:
            problems.extend(readme_problems(readme, root))
        if not nb.is_file():
            problems.append(f"{rel(d, root)}: subtopic without its notebook {d.name}.ipynb")
    return problems


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def study_guide_problems(root: Path = ROOT) -> list[str]:
    """STUDY_GUIDE.md links every subtopic's chapter (``<area>/<subtopic>/README.md``)."""
    guide = root / "STUDY_GUIDE.md"
    if not guide.is_file():
        return ["STUDY_GUIDE.md is missing"]
    text = guide.read_text(encoding="utf-8")
    targets = {m.group(1).split("#")[0] for m in _LINK.finditer(text)}
    return [
        f"STUDY_GUIDE.md does not link {rel(d, root)}/README.md"
        for d in subtopic_dirs(root)
        if f"{rel(d, root)}/README.md" not in targets
    ]


def template_leftover_problems(root: Path = ROOT) -> list[str]:
    """Figures copied from templates/ and never replaced: same name as a template figure, or the same bytes."""
    files = repository_files(root)
    templates = root / "templates"
    template_figures = [p for p in files if templates in p.parents and p.parent.name == "figures"]
    by_size: dict[int, list[Path]] = {}
    for t in template_figures:
        by_size.setdefault(t.stat().st_size, []).append(t)
    names = {t.name for t in template_figures}
    problems = []
    for path in files:
        if templates in path.parents:
            continue
        if path.name in names:
            problems.append(f"{rel(path, root)}: a figure left over from the template (same name): replace it")
            continue
        for t in by_size.get(path.stat().st_size, []):
            if path.read_bytes() == t.read_bytes():
                problems.append(f"{rel(path, root)}: a byte-identical copy of the template's {rel(t, root)}: "
                                "replace it by the chapter's own figure")
    return problems


# --------------------------------------------------------------------------------------------------------------
# Public interface of the modules

# One documented exception to "every public name of a module is re-exported by its package": a module whose main
# function has the module's name. The package attribute of that name is the module (``import ...svd as S`` gives
# the module, never a function); the function is reached as ``svd.svd`` or ``from ...svd import svd``.
FUNCTION_NAMED_LIKE_ITS_MODULE = {
    "linear_algebra.python_implementations.svd": "svd",
    "linear_algebra.python_implementations.cholesky": "cholesky",
}


def _needs_example_and_test(obj) -> bool:
    # Functions and classes; constants and result tuples (NamedTuple) are data, not behaviour.
    return inspect.isfunction(obj) or (inspect.isclass(obj) and not issubclass(obj, tuple))


def public_api_problems(module, package) -> list[str]:
    """A module's public interface: an explicit ``__all__`` that lists every public function and class it defines,
    each with a runnable Examples section, each re-exported by the package (``package.__all__``)."""
    short = module.__name__.rsplit(".", 1)[-1]
    if not hasattr(module, "__all__"):
        return [f"{short} needs an explicit __all__"]
    problems = []
    for name, obj in vars(module).items():
        defined_here = getattr(obj, "__module__", None) == module.__name__
        if defined_here and not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj)):
            if name not in module.__all__:
                problems.append(f"{short}.{name}: public but missing from {short}.__all__ "
                                "(add it, or make it private with a leading _)")
    shared = FUNCTION_NAMED_LIKE_ITS_MODULE.get(module.__name__)
    for name in module.__all__:
        obj = getattr(module, name, None)
        if obj is None:
            problems.append(f"{short}.__all__ names {name!r}, which the module does not define")
            continue
        doc = inspect.getdoc(obj) or ""
        if _needs_example_and_test(obj) and ("Examples\n--------" not in doc or ">>>" not in doc):
            problems.append(f"{short}.{name}: docstring needs an Examples section with >>> lines")
        if name == shared:
            if getattr(package, name, None) is not module:
                problems.append(f"{package.__name__}.{name} must be the module {module.__name__} (its function "
                                f"{name} is reached as {short}.{name}): do not rebind it to the function")
        elif name not in getattr(package, "__all__", []) or getattr(package, name, None) is not obj:
            problems.append(f"{short}.{name}: not re-exported by {package.__name__} (__all__)")
    return problems


def _import_aliases(tree: ast.AST) -> dict[str, str]:
    """Local name -> dotted path, from every import statement of a test file."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    aliases[a.asname] = a.name
                else:
                    top = a.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for a in node.names:
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


def _resolve(dotted: str):
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for attr in parts[k:]:
            obj = getattr(obj, attr, None)
            if obj is None:
                return None
        return obj
    return None


def objects_used_by_tests(test_files: list[Path], prefixes: tuple[str, ...] = TOPIC_AREAS) -> list:
    """The package objects that test code refers to (calls, or passes on, e.g. to ``pytest.raises``): every name
    or attribute chain that an import binds to ``prefixes`` (``solve(...)``, ``la.solve``, ``svd_module.svd``).
    An import alone does not count, and neither does a doctest (docstrings are never read here)."""
    used: dict[int, object] = {}
    cache: dict[str, object] = {}
    for path in test_files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = _import_aliases(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Name | ast.Attribute) or not isinstance(node.ctx, ast.Load):
                continue
            parts = _dotted(node)
            if not parts or parts[0] not in aliases:
                continue
            dotted = ".".join([aliases[parts[0]], *parts[1:]])
            if not dotted.startswith(tuple(f"{p}." for p in prefixes)):
                continue
            if dotted not in cache:
                cache[dotted] = _resolve(dotted)
            if cache[dotted] is not None:
                used[id(cache[dotted])] = cache[dotted]
    return list(used.values())


@functools.lru_cache(maxsize=16)
def _objects_used_by_tests_cached(test_files: tuple[tuple[Path, int], ...], prefixes: tuple[str, ...]) -> tuple:
    # Parsing every test file of an area takes seconds; the structure test asks once per module. The key holds each
    # file's modification time, so an edited test file is parsed again.
    return tuple(objects_used_by_tests([path for path, _ in test_files], prefixes))


def untested_public_problems(module, test_files: list[Path], prefixes: tuple[str, ...] = TOPIC_AREAS) -> list[str]:
    """Public functions and classes of ``module`` that no unit test (``test_files``) calls or refers to."""
    key = tuple((Path(path), Path(path).stat().st_mtime_ns) for path in test_files)
    used = _objects_used_by_tests_cached(key, tuple(prefixes))
    short = module.__name__.rsplit(".", 1)[-1]
    return [
        f"{short}.{name}: no unit test calls it (a doctest alone does not count): add one under tests/"
        for name in getattr(module, "__all__", [])
        if _needs_example_and_test(getattr(module, name, None)) and not any(getattr(module, name) is u for u in used)
    ]


# --------------------------------------------------------------------------------------------------------------
# The working tree


def tracked_changes(root: Path = ROOT) -> dict[str, str] | None:
    """Tracked files that differ from the index or HEAD, each with a digest of its current content
    (``"deleted"`` when gone); None outside a git checkout. Two snapshots differ exactly where a tracked file
    changed between them, also a file that was already modified before."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain=v1", "-z", "--untracked-files=no", "--ignore-submodules"],
            cwd=root, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    entries = out.split("\0")
    snapshot = {}
    k = 0
    while k < len(entries):
        entry = entries[k]
        k += 1
        if len(entry) < 4:
            continue
        status, name = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            k += 1  # the source path of a rename or copy follows
        path = root / name
        snapshot[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "deleted"
    return snapshot


def changed_between(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Tracked files whose state differs between two ``tracked_changes`` snapshots."""
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
