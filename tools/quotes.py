"""Numbers that the text quotes from a notebook, tied to the notebook's stored output.

A README or a markdown cell that says "Newton needs 7 iterations" copies a number that a code cell printed. If the
code changes and the outputs are regenerated, nbval passes with the new outputs while the text still says 7. A
:class:`Quote` names the quoted number, the file that quotes it, and where the notebook printed it; :func:`check`
returns what disagrees. The test modules keep one list of quotes per project or chapter and run :func:`check` on each,
so that regenerating a notebook whose printed numbers moved fails until the text is updated.

Rounding rule: the text may quote fewer digits than were printed. ``"3.38"`` agrees with a printed ``3.3812`` (it
is that value rounded half-even to two decimals) and disagrees with ``3.671``. Exponents are compared the same way:
``"2.2e-14"`` agrees with ``2.1957e-14``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# A number as the text writes it: optional sign (ASCII or the Unicode minus), digits with an optional decimal part,
# optional exponent. Thin spaces or commas as thousands separators are not used in this repository.
NUMBER = r"[-\u2212]?\d+(?:\.\d+)?(?:[eE][-+\u2212]?\d+)?"


@dataclass(frozen=True)
class Quote:
    """One number quoted by the text from a notebook's stored output.

    Parameters
    ----------
    text : str
        Repository path of the file that quotes the number: a Markdown file, or a notebook (its markdown cells).
    quoted : str
        The number exactly as the text writes it, for example ``"3.38"``, ``"1153"`` or ``"2.2e-14"``.
    notebook : str
        Repository path of the notebook whose stored output printed the number.
    pattern : str
        Regular expression with one group that captures the printed number. It is searched in the text of every
        stored output of the notebook's code cells (streams and ``text/plain`` results); it must match at least once,
        and every match must give the same number.
    context : str, optional
        Words that stand next to the number in the text (a substring of the same line), so that the quote is found
        at the right place when the same number occurs twice. Empty: the number only has to occur as a whole token.
    """

    text: str
    quoted: str
    notebook: str
    pattern: str
    context: str = ""

    def __str__(self) -> str:  # the test id
        where = f"{self.context!r} " if self.context else ""
        return f"{self.text}: {where}{self.quoted}"


@cache
def _cells(path: str) -> tuple[tuple[str, str], ...]:
    """(cell_type, text) of each cell; for code cells the text of the stored outputs, for markdown the source."""
    nb = json.loads((ROOT / path).read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            parts = []
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream":
                    parts.append(_join(out.get("text", "")))
                elif out.get("output_type") in ("execute_result", "display_data"):
                    parts.append(_join(out.get("data", {}).get("text/plain", "")))
            cells.append(("code", "\n".join(parts)))
        else:
            cells.append((cell["cell_type"], _join(cell.get("source", ""))))
    return tuple(cells)


def _join(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def stored_output(notebook: str) -> str:
    """The text of every stored output of the notebook's code cells, cell after cell."""
    return "\n".join(text for kind, text in _cells(notebook) if kind == "code")


@cache
def quoting_text(path: str) -> str:
    """The text in which a number is quoted: a Markdown file, or the markdown cells of a notebook."""
    if path.endswith(".ipynb"):
        return "\n".join(text for kind, text in _cells(path) if kind == "markdown")
    return (ROOT / path).read_text(encoding="utf-8")


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace("\u2212", "-"))


def agrees(quoted: str, printed: str) -> bool:
    """True when ``quoted`` is ``printed`` rounded (half-even) to the digits that ``quoted`` shows.

    >>> agrees("3.38", "3.3812"), agrees("3.38", "3.385"), agrees("3.38", "3.671")
    (True, True, False)
    >>> agrees("2.2e-14", "2.1957e-14"), agrees("1153", "1153"), agrees("0.78", "0.7751")
    (True, True, True)
    """
    q, p = _decimal(quoted), _decimal(printed)
    if "e" in quoted.lower():
        # Compare mantissas at the quoted number's exponent.
        exponent = int(re.split("[eE]", quoted)[1].replace("\u2212", "-"))
        q, p = q.scaleb(-exponent), p.scaleb(-exponent)
    step = Decimal(1).scaleb(q.as_tuple().exponent)
    return p.quantize(step, rounding=ROUND_HALF_EVEN) == q


def check(quote: Quote) -> list[str]:
    """What disagrees between the quote, the text that quotes it and the notebook's stored output (empty: all agree)."""
    problems = []
    try:
        _decimal(quote.quoted)
    except InvalidOperation:
        return [f"{quote}: {quote.quoted!r} is not a number"]
    text = quoting_text(quote.text)
    token = re.compile(r"(?<![\w.])" + re.escape(quote.quoted) + r"(?![\w]|\.\d)")
    lines = [line for line in text.splitlines() if token.search(line)]
    if not lines:
        problems.append(f"{quote.text} does not quote {quote.quoted}")
    elif quote.context and not any(quote.context in line for line in lines):
        problems.append(f"{quote.text} quotes {quote.quoted}, but not on a line with {quote.context!r}")
    matches = re.findall(quote.pattern, stored_output(quote.notebook))
    if not matches:
        problems.append(f"{quote.notebook}: no stored output matches {quote.pattern!r}")
        return problems
    printed = {m if isinstance(m, str) else m[0] for m in matches}
    values = {_decimal(p) for p in printed}
    if len(values) > 1:
        problems.append(f"{quote.notebook}: {quote.pattern!r} matches different numbers {sorted(printed)}")
    for p in sorted(printed):
        if not agrees(quote.quoted, p):
            problems.append(f"{quote}: the text says {quote.quoted}, {quote.notebook} printed {p}")
    return problems


def numbers_in(path: str, section: str = "") -> list[tuple[int, str]]:
    """(line number, number) of every number with a decimal point or an exponent, or an integer of three or more
    digits, in a Markdown file or a notebook's markdown cells: the candidates that may be quotes of an output.

    ``section``: only the lines under the Markdown heading whose text starts with it, up to the next heading of the
    same or a higher level (line numbers still count from the top of the file).
    """
    found = []
    pattern = re.compile(
        r"(?<![\w.])(?:\d+\.\d+(?:[eE][-+\u2212]?\d+)?|\d+[eE][-+\u2212]?\d+|\d{3,})(?![\w]|\.\d)"
    )
    level = None  # the level of the selected heading while inside the section
    fenced = False
    for number, line in enumerate(quoting_text(path).splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        heading = re.match(r"(#+)\s+(.*)", line) if not fenced else None
        if section and heading:
            depth, title = len(heading.group(1)), heading.group(2)
            if level is not None and depth <= level:
                level = None
            if title.startswith(section):
                level = depth
        if section and level is None:
            continue
        found.extend((number, m.group(0)) for m in pattern.finditer(line))
    return found


def uncovered(path: str, quotes, explained, section: str = "") -> list[str]:
    """The candidate numbers of ``path`` (:func:`numbers_in`, within ``section``) that neither a quote of that file
    nor an explanation covers; empty when the text's every number is accounted for.

    ``quotes`` is a list of :class:`Quote`; ``explained`` an iterable of ``(file, number)`` pairs (a dict mapping them
    to the reason a number is not taken from an output works). A quote's sign does not matter: candidates are
    listed without it.
    """
    covered = {q.quoted.lstrip("-\u2212") for q in quotes if q.text == path}
    covered |= {number for where, number in explained if where == path}
    return sorted({number for _, number in numbers_in(path, section=section)} - covered)


def propose(text: str, notebook: str) -> list[tuple[Quote, str]]:
    """Candidate quotes: for each number of ``text`` (see :func:`numbers_in`) that agrees with a number printed by
    ``notebook``, the printed line that shares most words with the text's line, and a pattern made of that line's
    words before the number.

    A proposal is only a start: keep the numbers the text really takes from the output, shorten or widen the
    pattern until it matches the right line only, and add a ``context`` when the number occurs twice in the text.
    """
    printed_lines = [line for line in stored_output(notebook).splitlines() if re.search(r"\d", line)]
    number = re.compile(r"(?<![\w.])" + NUMBER + r"(?![\w])")
    words = re.compile(r"[A-Za-z]{3,}")
    text_lines = quoting_text(text).splitlines()
    proposals = []
    for line_number, quoted in numbers_in(text):
        said = text_lines[line_number - 1]
        said_words = {w.lower() for w in words.findall(said)}
        best = None
        for line in printed_lines:
            for m in number.finditer(line):
                try:
                    if not agrees(quoted, m.group(0)):
                        continue
                except (InvalidOperation, ValueError):
                    continue
                score = len(said_words & {w.lower() for w in words.findall(line)})
                if best is None or score > best[0]:
                    best = (score, line, m)
        if best is None:
            continue
        _score, line, m = best
        label = line[: m.start()][-40:].lstrip()
        pattern = re.escape(label) + r"([-+.\deE]+)"
        context = said.strip()[:70]
        proposals.append((Quote(text, quoted, notebook, pattern), f"line {line_number}: {context!r} <- {line.strip()[:90]!r}"))
    return proposals


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        sys.exit("usage: python tools/quotes.py TEXT NOTEBOOK  (proposes quotes of NOTEBOOK's outputs in TEXT)")
    for quote, where in propose(sys.argv[1], sys.argv[2]):
        print(f"{quote!r}\n    # {where}")
