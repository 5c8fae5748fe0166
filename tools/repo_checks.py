"""Checks of the repository as a whole: math that renders on GitHub, links, notebooks, structure.

The functions here return lists of problems (strings naming file and line) rather than raising, so that
``tests/test_*.py`` can show every problem at once and the checks themselves can be tested on small examples.
"""

from __future__ import annotations

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
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)(?!\$)(.+?)(?<![\s\\])\$(?![$\d])")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _line_where(block: TextBlock, line_no: int) -> str:
    return f"{block.where}, line {line_no}" if block.notebook else f"{block.where}:{line_no}"


def extract_math(block: TextBlock) -> tuple[list[Formula], list[str]]:
    """Formulas of a markdown text, plus problems with how they are delimited."""
    formulas: list[Formula] = []
    problems: list[str] = []
    lines = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), block.text).split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
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
        stripped = line.strip()
        if stripped.startswith("$$"):
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
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        if "$$" in text:
            problems.append(f"{_line_where(block, i + 1)}: $$ must stand alone on its own line")
        for m in _INLINE_MATH.finditer(text):
            formulas.append(Formula(_line_where(block, i + 1), m.group(1), False, True))
        i += 1
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
    payload = json.dumps([{"where": f.where, "tex": f.tex, "display": f.display} for f in formulas])
    proc = subprocess.run(
        [node, str(MATHJAX_DIR / "check_math.js")], input=payload, capture_output=True, text=True,
        cwd=MATHJAX_DIR, timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the MathJax check itself failed:\n{proc.stderr}")
    return [f"{e['where']}: MathJax: {e['error']} in: {e['tex'].strip()}" for e in json.loads(proc.stdout)]


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
