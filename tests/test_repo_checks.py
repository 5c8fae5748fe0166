"""The repository checks themselves: each one must catch the defect it exists for.

These run on small files made in a temporary folder, so they prove the checks bite without breaking the course.
"""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools import repo_checks as rc


def _md(tmp_path, text, name="page.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _notebook(tmp_path, cells, name="nb.ipynb", counts=None, kernel="python3"):
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": "Python 3", "language": "python"}
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell, n in zip(code, counts or range(1, len(code) + 1), strict=False):
        cell.execution_count = n
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


# ---- math ---------------------------------------------------------------------------------------------------


def test_inline_display_and_fenced_math_are_all_found(tmp_path):
    path = _md(tmp_path, "Let $x_1$ and `$not math$` be.\n\n```math\nA = QR\n```\n\nCost: $5 and $6.\n")
    formulas, problems = rc.math_problems([path], tmp_path)
    assert [(f.tex, f.display) for f in formulas] == [("x_1", False), ("A = QR", True)]
    assert formulas[1].where.endswith("page.md:3")
    assert problems == []


def test_double_dollar_display_in_markdown_file_is_refused(tmp_path):
    _, problems = rc.math_problems([_md(tmp_path, "text\n\n$$\nx^2\n$$\n")], tmp_path)
    assert any("```math" in p for p in problems)


def test_notebook_display_math_needs_dollars_on_their_own_lines(tmp_path):
    good = _notebook(tmp_path, [new_markdown_cell("$$\nx^2\n$$")], "good.ipynb")
    bad = _notebook(tmp_path, [new_markdown_cell("$$x^2$$")], "bad.ipynb")
    assert rc.math_problems([good], tmp_path)[1] == []
    assert any("alone on its own line" in p for p in rc.math_problems([bad], tmp_path)[1])


@pytest.mark.parametrize(
    "tex", [r"\operatorname{rank}(A)", r"\mbox{if}", r"\phantom{x}", r"\newcommand{\R}{x}", r"\def\R{x}"]
)
def test_macros_github_refuses_are_reported(tmp_path, tex):
    _, problems = rc.math_problems([_md(tmp_path, f"See ${tex}$ here.\n")], tmp_path)
    assert len(problems) == 1 and tex.split("{")[0].split("\\R")[0] in problems[0]


@pytest.mark.parametrize("tex", [r"\{ x \}", r"a \, b", r"a \; b", r"\| x \|", r"x\_1", r"a \\ b"])
def test_backslash_punctuation_inside_dollars_is_reported(tmp_path, tex):
    _, problems = rc.math_problems([_md(tmp_path, f"See ${tex}$ here.\n")], tmp_path)
    assert problems, f"{tex} should be refused inside $...$"


def test_backslash_punctuation_is_fine_inside_a_math_fence(tmp_path):
    path = _md(tmp_path, "```math\n\\lbrace x \\rbrace, \\; \\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n```\n")
    assert rc.math_problems([path], tmp_path)[1] == []


def test_mathjax_rejects_a_broken_formula_and_accepts_good_ones(tmp_path):
    if rc.node_executable() is None or not rc.mathjax_installed():
        if rc.in_ci():
            pytest.fail("Node.js and tests/mathjax/node_modules are required under CI")
        pytest.skip("needs Node.js and `npm ci --prefix tests/mathjax`")
    path = _md(tmp_path, "Good $\\frac{1}{2}$, bad $\\frac{1}{$, unknown $\\foo x$.\n")
    formulas, _ = rc.math_problems([path], tmp_path)
    errors = rc.mathjax_errors(formulas)
    assert len(errors) == 2
    assert "page.md:1" in errors[0] and "\\frac{1}{" in errors[0]
    assert "\\foo" in errors[1]


# ---- links --------------------------------------------------------------------------------------------------


def test_dead_links_and_missing_anchors_are_reported(tmp_path):
    _md(tmp_path, "# Other page\n\n## Worked example\n", "other.md")
    path = _md(
        tmp_path,
        "[ok](other.md#worked-example) [dead](missing.md) [anchor](other.md#nowhere) "
        "[self](#top-title) [web](https://example.org/x) `[code](nope.md)`\n\n# Top title\n",
    )
    problems = rc.link_problems([path], tmp_path)
    assert len(problems) == 2
    assert "missing.md" in problems[0] and "#nowhere" in problems[1]


def test_github_slugs():
    assert rc.github_slug("Worked example") == "worked-example"
    assert rc.github_slug("Why it matters in ML") == "why-it-matters-in-ml"
    assert rc.github_slug("1. LU, with pivoting!") == "1-lu-with-pivoting"
    assert rc.github_slug("The `qr` function") == "the-qr-function"


# ---- notebooks ----------------------------------------------------------------------------------------------


def test_a_clean_notebook_passes(tmp_path):
    path = _notebook(tmp_path, [new_markdown_cell("# T"), new_code_cell("1 + 1"), new_code_cell("2")])
    assert rc.notebook_problems(path, tmp_path) == []


def test_an_unexecuted_cell_is_reported(tmp_path):
    path = _notebook(tmp_path, [new_code_cell("1 + 1"), new_code_cell("2")], counts=[1, None])
    assert any("never executed" in p for p in rc.notebook_problems(path, tmp_path))


def test_cells_executed_out_of_order_are_reported(tmp_path):
    path = _notebook(tmp_path, [new_code_cell("1 + 1"), new_code_cell("2")], counts=[2, 1])
    assert any("not 1..2" in p for p in rc.notebook_problems(path, tmp_path))


def test_error_outputs_timing_metadata_and_wrong_kernel_are_reported(tmp_path):
    cell = new_code_cell("1/0")
    cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="x", traceback=[])]
    cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}
    path = _notebook(tmp_path, [cell], kernel="python2")
    problems = "\n".join(rc.notebook_problems(path, tmp_path))
    assert "error" in problems and "timing" in problems and "python3" in problems


def test_an_invalid_notebook_is_reported(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps({"cells": "no"}), encoding="utf-8")
    assert "not a valid notebook" in rc.notebook_problems(path, tmp_path)[0]


# ---- structure ----------------------------------------------------------------------------------------------


GOOD_README = "\n".join(
    ["# Title", "", "**Prerequisites:** none", "", "**Notebook:** [topic.ipynb](topic.ipynb)", ""]
    + [f"## {s}\n\ntext\n" for s in rc.REQUIRED_SECTIONS]
).replace("## Intuition\n\ntext", "## Intuition\n\n![fig](figures/a.png)").replace(
    "## Exercises\n\ntext", "## Exercises\n\n1. Q\n\n<details><summary>Solution</summary>\n\nA\n\n</details>"
)


def _subtopic(tmp_path, readme=GOOD_README, notebook=True):
    d = tmp_path / "linear_algebra" / "topic"
    d.mkdir(parents=True)
    if readme is not None:
        (d / "README.md").write_text(readme, encoding="utf-8")
    if notebook:
        (d / "topic.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "linear_algebra" / "python_implementations").mkdir()
    return d


def test_a_complete_subtopic_passes(tmp_path):
    _subtopic(tmp_path)
    assert rc.subtopic_problems(tmp_path) == []


def test_a_subtopic_without_readme_is_reported(tmp_path):
    _subtopic(tmp_path, readme=None)
    assert rc.subtopic_problems(tmp_path) == ["linear_algebra/topic: subtopic without README.md"]


def test_a_subtopic_without_notebook_is_reported(tmp_path):
    _subtopic(tmp_path, notebook=False)
    assert "without its notebook" in rc.subtopic_problems(tmp_path)[0]


def test_missing_exercise_solutions_and_missing_sections_are_reported(tmp_path):
    text = GOOD_README.replace("<details>", "").replace("</details>", "").replace("## Pitfalls", "## Traps")
    _subtopic(tmp_path, readme=text)
    problems = "\n".join(rc.subtopic_problems(tmp_path))
    assert "Pitfalls" in problems
    text = GOOD_README.replace("<details>", "").replace("</details>", "")
    assert "<details>" in "\n".join(rc.readme_problems(_md(tmp_path, text, "r.md"), tmp_path))


def test_links_resolve_when_files_are_given_by_relative_path(tmp_path, monkeypatch):
    _md(tmp_path, "# Top\n\n[self](#top) [gone](#nowhere)\n")
    monkeypatch.chdir(tmp_path)
    problems = rc.link_problems([rc.Path("page.md")], tmp_path)
    assert len(problems) == 1 and "#nowhere" in problems[0]
