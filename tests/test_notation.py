"""One symbol per concept, each defined (or linked to NOTATION.md) where a reader first meets it.

The reading order is the one of STUDY_GUIDE.md: its table lists the chapters; the projects' README comes last.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTATION = "NOTATION.md"

# term: (how a use looks, how a definition or a link to the NOTATION.md entry looks in the same paragraph)
TERMS = {
    "standard basis vector e_k": (r"\\mathbf\{e\}_", r"standard basis vector|NOTATION\.md#standard-basis-vectors"),
    "rounding fl(.)": (r"\\mathrm\{fl\}", r"NOTATION\.md#floating-point|\\mathrm\{fl\}\(x\)\$ denotes"),
    "unit roundoff u": (r"\$[^$]*(?<![A-Za-z\\{])u(?![A-Za-z_])[^$]*\$", r"unit roundoff"),
    "machine epsilon": (r"\\epsilon_\{\\mathrm\{mach\}\}", r"machine epsilon|NOTATION\.md#floating-point"),
    # kappa is taught in chapter 1 (sections "Matrix norms" and "The condition number"): a link to that section, from
    # inside the chapter (#the-condition-number) or from another one, counts as much as the NOTATION.md entry
    "condition number kappa(A)": (r"\\kappa", r"NOTATION\.md#matrix-norm-and-condition-number"
                                  r"|\]\((?:[./]*(?:linear_algebra/)?vectors_and_matrices/README\.md)?#the-condition-number\)"),
    "trace": (r"\\mathrm\{tr\}|\btrace\b", r"NOTATION\.md#trace"),
    "null space": (r"null space", r"NOTATION\.md#null-space-and-range"),
    "basis": (r"\bbasis\b", r"NOTATION\.md#span-linear-independence-and-basis"),
    "positive semi-definite": (r"semi-?definite", r"NOTATION\.md#positive-definite-and-positive-semi-definite"),
}
ANCHORS = ["standard-basis-vectors", "floating-point", "matrix-norm-and-condition-number", "trace",
           "null-space-and-range", "span-linear-independence-and-basis",
           "positive-definite-and-positive-semi-definite"]


def reading_order(read=lambda rel: (ROOT / rel).read_text(encoding="utf-8")):
    guide = read("STUDY_GUIDE.md")
    chapters = re.findall(r"^\| \d+ \| \[[^]]+\]\(([^)]+/README\.md)\)", guide, flags=re.M)
    return [*chapters, "projects/README.md"]


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def first_uses_without_definition(read=lambda rel: (ROOT / rel).read_text(encoding="utf-8")):
    """For each term, its first paragraph in reading order, if that paragraph neither defines nor links it."""
    problems = []
    for term, (use, definition) in TERMS.items():
        for rel in reading_order(read):
            hit = next((p for p in paragraphs(read(rel)) if re.search(use, p)), None)
            if hit is not None:
                if not re.search(definition, hit):
                    problems.append(f"{term}: first used in {rel} without a definition or a NOTATION.md link:\n"
                                    f"{hit.strip()[:300]}")
                break
    return problems


def test_reading_order_is_the_study_guide():
    order = reading_order()
    assert order[0] == "linear_algebra/vectors_and_matrices/README.md"
    assert len(order) >= 10


def test_notation_has_an_entry_for_every_term():
    text = (ROOT / NOTATION).read_text(encoding="utf-8")
    headings = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
                for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}
    assert set(ANCHORS) <= headings
    for symbol in (r"$u$", r"$\epsilon_{\mathrm{mach}}$", r"$\mathrm{fl}(x)$", r"$\kappa(A)$", r"$\mathrm{tr}(A)$",
                   r"$\mathbf{e}_k$"):
        assert f"| {symbol} |" in text, symbol


def test_a_link_to_the_condition_number_section_defines_kappa():
    # the accepted pattern for kappa: the NOTATION.md entry or the section of chapter 1 that derives it; a bare use
    # or a link elsewhere does not count
    chapter = "linear_algebra/vectors_and_matrices/README.md"
    guide = f"| 1 | [Vectors and matrices]({chapter}) |\n"

    def problems_for(paragraph):
        texts = {"STUDY_GUIDE.md": guide, chapter: paragraph, "projects/README.md": ""}
        return [p for p in first_uses_without_definition(read=texts.__getitem__) if p.startswith("condition number")]

    for linked in ("The [condition number](#the-condition-number) $\\kappa(A)$ says ...",
                   "The [condition number](../vectors_and_matrices/README.md#the-condition-number) $\\kappa(A)$ ...",
                   "The [condition number](../../NOTATION.md#matrix-norm-and-condition-number) $\\kappa(A)$ ..."):
        assert problems_for(linked) == [], linked
    for unlinked in ("The condition number $\\kappa(A)$ says ...",
                     "The [condition number](#matrix-norms) $\\kappa(A)$ says ..."):
        assert len(problems_for(unlinked)) == 1, unlinked


def test_every_term_is_defined_or_linked_where_first_used():
    problems = first_uses_without_definition()
    assert not problems, "\n\n".join(problems)


def _texts():
    for path in [*ROOT.glob("*/*/README.md"), *ROOT.glob("*/*/*.ipynb"), *ROOT.glob("projects/*.ipynb"),
                 ROOT / "projects" / "README.md"]:
        if "templates" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("spelling", [r"\epsilon_{\text{mach}}", r"\varepsilon_{\mathrm{mach}}",
                                      r"\epsilon_{\mathrm{machine}}", r"\epsilon_{\rm mach}"])
def test_one_spelling_of_machine_epsilon(spelling):
    offenders = [str(p.relative_to(ROOT)) for p, text in _texts() if spelling.replace("\\", "\\\\") in text
                 or spelling in text]
    assert not offenders, f"{spelling} in {offenders}: write \\epsilon_{{\\mathrm{{mach}}}} (NOTATION.md)"


def test_bold_e_is_only_the_standard_basis_vector():
    # An error vector x^(k) - x* or w^(k) - w* must not be called e_k: e_k is column k of the identity.
    pattern = re.compile(r"\\\\?mathbf\{e\}_\{?\w+\}?\s*=\s*\\\\?mathbf\{[xw]\}")
    offenders = [str(p.relative_to(ROOT)) for p, text in _texts() if pattern.search(text)]
    assert not offenders, offenders


def test_readme_prerequisites_match_what_chapter_one_uses():
    # Chapter 1 differentiates (f'(c) = 0, the derivative of arccos) and expands cos in a Taylor series: the README
    # must say so and point to the calculus chapters that teach it.
    chapter_one = (ROOT / "linear_algebra/vectors_and_matrices/README.md").read_text(encoding="utf-8")
    assert "f'(c)" in chapter_one and "\\theta^2/2" in chapter_one
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = readme.split("## Topic map")[0]
    assert "You need Python and high-school algebra;" not in intro
    for needed in ("derivative", "Taylor", "calculus/limits_and_continuity/README.md",
                   "calculus/derivatives_gradients/README.md"):
        assert needed in intro, needed
