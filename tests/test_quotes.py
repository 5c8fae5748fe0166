"""tools/quotes.py: a number the text quotes is tied to the notebook output that printed it."""

import json

import pytest

from tools.quotes import Quote, agrees, check, numbers_in, propose, uncovered


@pytest.mark.parametrize(
    ("quoted", "printed", "expected"),
    [
        ("3.38", "3.3812", True),
        ("3.38", "3.385", True),  # half-even: 3.385 -> 3.38
        ("3.38", "3.3851", False),
        ("3.38", "3.671", False),  # the drift the check exists for
        ("1153", "1153", True),
        ("1153", "1152", False),
        ("2.2e-14", "2.1957e-14", True),
        ("2.2e-14", "2.26e-14", False),
        ("1e-4", "0.0001", True),
        ("\u22123.95", "-3.951", True),  # a Unicode minus in the text
        ("0.78", "0.7751", True),
    ],
)
def test_agrees_rounds_the_printed_number_to_the_quoted_digits(quoted, printed, expected):
    assert agrees(quoted, printed) is expected


def _notebook(folder, printed, markdown="Newton stops after 7 iterations.", name="nb"):
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": [markdown]},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "source": ["print(...)"],
                "outputs": [{"output_type": "stream", "name": "stdout", "text": printed}],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / f"{name}.ipynb"  # one name per content: tools.quotes caches what it read
    path.write_text(json.dumps(nb))
    return str(path)


def test_check_passes_when_text_and_output_agree_and_names_each_disagreement(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("The test AUC is 0.98 and Newton needs 7 iterations.\n")
    nb = _notebook(tmp_path, ["AUC on the test rows: 0.9812\n", "iterations: 7\n"])
    assert check(Quote(str(readme), "0.98", nb, r"AUC on the test rows: ([\d.]+)", context="AUC")) == []
    assert check(Quote(nb, "7", nb, r"iterations: (\d+)")) == []  # a markdown cell quoting its own notebook
    # The output moved: the text must be updated.
    moved = _notebook(tmp_path, ["AUC on the test rows: 0.9712\n", "iterations: 7\n"], name="moved")
    assert any("printed 0.9712" in p for p in check(Quote(str(readme), "0.98", moved, r"test rows: ([\d.]+)")))
    # The text no longer says it, says it elsewhere, or the pattern finds nothing or two different numbers.
    assert any("does not quote 0.97" in p for p in check(Quote(str(readme), "0.97", moved, r"test rows: ([\d.]+)")))
    assert any("not on a line with" in p for p in check(Quote(str(readme), "7", nb, r"iterations: (\d+)", "steps")))
    assert any("no stored output" in p for p in check(Quote(str(readme), "7", nb, r"epochs: (\d+)")))
    two = _notebook(tmp_path, ["iterations: 7\n", "iterations: 8\n"], name="two")
    assert any("different numbers" in p for p in check(Quote(str(readme), "7", two, r"iterations: (\d+)")))
    # A number inside a longer number is not a quote of it.
    other = tmp_path / "OTHER.md"
    other.write_text("AUC 0.981\n")
    assert any("does not quote 0.98" in p for p in check(Quote(str(other), "0.98", nb, r"rows: ([\d.]+)")))


def test_numbers_in_lists_candidates_of_one_section_outside_code_fences(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Title 2024\n## 1. First\nIt took 1153 steps, error 2.2e-14, 7 passes.\n"
        "```python\n# 999 is not a heading\n```\n## 2. Second\nAUC 0.98\n"
    )
    assert numbers_in(str(readme), section="1. First") == [(3, "1153"), (3, "2.2e-14"), (5, "999")]
    assert numbers_in(str(readme), section="2. Second") == [(8, "0.98")]
    assert [n for _, n in numbers_in(str(readme))] == ["2024", "1153", "2.2e-14", "999", "0.98"]


def test_propose_finds_the_printed_line_that_matches_the_text(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("On the test rows the AUC is 0.98.\n")
    nb = _notebook(tmp_path, ["loss 0.98\n", "AUC on the test rows: 0.9812\n"])
    [(quote, _where)] = propose(str(readme), nb)
    assert quote.quoted == "0.98" and check(quote) == []
    assert "AUC" in quote.pattern


def test_every_chapter_ties_its_quotes_in_its_area_test_file():
    # A new chapter registers the numbers its text takes from its notebook in tests/<area>/test_quoted_numbers.py
    # (CONTRIBUTING.md); a chapter whose notebook that file never names has not done it.
    from tools import repo_checks as rc

    missing = []
    for area in rc.TOPIC_AREAS:
        registry = rc.ROOT / "tests" / area / "test_quoted_numbers.py"
        text = registry.read_text(encoding="utf-8") if registry.exists() else ""
        for notebook in sorted((rc.ROOT / area).glob("*/*.ipynb")):
            if notebook.parent.name + ".ipynb" == notebook.name and notebook.parent.name not in text:
                missing.append(rc.rel(notebook))
    assert not missing, f"chapters with no quote registered in tests/<area>/test_quoted_numbers.py: {missing}"


def test_uncovered_lists_the_numbers_neither_quoted_nor_explained(tmp_path):
    readme = tmp_path / "COVER.md"
    readme.write_text("## 1. One\nR^2 = 0.475, t = -3.95, 442 patients, 1153 steps.\n## 2. Two\n0.981\n")
    nb = str(tmp_path / "any.ipynb")
    quotes = [Quote(str(readme), "0.475", nb, "x"), Quote(str(readme), "\u22123.95", nb, "x"), Quote("OTHER.md", "1153", nb, "x")]
    explained = {(str(readme), "442"): "the data set's size"}
    # The signed quote covers the unsigned candidate; a quote of another file covers nothing here.
    assert uncovered(str(readme), quotes, explained, section="1. One") == ["1153"]
    assert uncovered(str(readme), quotes, explained) == ["0.981", "1153"]
