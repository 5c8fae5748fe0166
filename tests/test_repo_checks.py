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


def test_mathjax_reports_a_repeated_broken_formula_at_every_place(tmp_path):
    # mathjax_errors parses each distinct formula once; an error must still name every line it stands on
    if rc.node_executable() is None or not rc.mathjax_installed():
        if rc.in_ci():
            pytest.fail("Node.js and tests/mathjax/node_modules are required under CI")
        pytest.skip("needs Node.js and `npm ci --prefix tests/mathjax`")
    path = _md(tmp_path, "Bad $\\foo x$.\n\nGood $x$, good $x$.\n\nBad again $\\foo x$.\n")
    formulas, _ = rc.math_problems([path], tmp_path)
    errors = rc.mathjax_errors(formulas)
    assert len(errors) == 2
    assert "page.md:1" in errors[0] and "page.md:5" in errors[1]


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


def test_printed_text_split_over_several_output_blocks_is_reported(tmp_path):
    split, merged, mixed = new_code_cell("print(1); print(2)"), new_code_cell("print(1)"), new_code_cell("x")
    split.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                     nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    merged.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n2\n")]
    mixed.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                     nbformat.v4.new_output("stream", name="stderr", text="w\n")]
    problems = rc.notebook_problems(_notebook(tmp_path, [split, merged, mixed]), tmp_path)
    assert len(problems) == 1 and "cell 0" in problems[0] and "split" in problems[0]


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


# ---- math that wraps, and math in tables --------------------------------------------------------------------


def test_inline_math_wrapping_over_a_line_break_is_one_formula(tmp_path):
    text = "A sum $a +\nb$ and then $c$.\n\nNext paragraph $d\n\ne$ is not paired across a blank line.\n"
    formulas, _ = rc.math_problems([_md(tmp_path, text)], tmp_path)
    assert [(f.tex, f.where) for f in formulas] == [("a +\nb", "page.md:1"), ("c", "page.md:2")]


def test_wrapped_math_is_checked_like_any_other(tmp_path):
    # The wrapped formula holds \\, which GitHub's markdown turns into \ : it must be refused, not skipped.
    text = "The inverse $\\begin{bmatrix} 1 & 0 \\\\ 0 &\n1 \\end{bmatrix}$ is the identity.\n"
    _, problems = rc.math_problems([_md(tmp_path, text)], tmp_path)
    assert len(problems) == 1 and "page.md:1" in problems[0] and "\\\\" in problems[0]


def test_a_dollar_closing_on_the_next_line_does_not_mispair_the_rest(tmp_path):
    text = "Since $x > 0$ and $y =\n2$, the sum $x + y$ is positive.\n"
    formulas, _ = rc.math_problems([_md(tmp_path, text)], tmp_path)
    assert [f.tex for f in formulas] == ["x > 0", "y =\n2", "x + y"]


def test_list_items_and_headings_end_a_paragraph(tmp_path):
    text = "- first $a\n- second b$\n# Head $c\nd$\n"
    formulas, _ = rc.math_problems([_md(tmp_path, text)], tmp_path)
    assert [f.tex for f in formulas] == []


def test_an_unescaped_bar_inside_math_in_a_table_row_is_refused(tmp_path):
    text = "| norm | value |\n|---|---|\n| $|x|$ | 1 |\n| $\\vert x \\vert$ and $\\|x\\|$ | 2 |\n"
    formulas, problems = rc.math_problems([_md(tmp_path, text)], tmp_path)
    assert len(problems) == 1 and "page.md:3" in problems[0] and "splits the cell" in problems[0]
    # \| is the table's escape for |: MathJax then reads a plain bar, and the deny-list does not refuse it.
    assert [f.tex for f in formulas] == ["|x|", "\\vert x \\vert", "|x|"]


def test_a_bar_inside_math_outside_a_table_is_fine(tmp_path):
    _, problems = rc.math_problems([_md(tmp_path, "The value $|x|$ is the absolute value.\n")], tmp_path)
    assert problems == []


# ---- notebook markers ---------------------------------------------------------------------------------------


def _with_output(cell, text):
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    return cell


def test_nbval_skip_is_refused(tmp_path):
    path = _notebook(tmp_path, [new_code_cell("# NBVAL_SKIP\n1 + 1")])
    assert any("NBVAL_SKIP" in p for p in rc.notebook_problems(path, tmp_path))
    tagged = new_code_cell("1 + 1", metadata={"tags": ["nbval-skip"]})
    path = _notebook(tmp_path, [tagged], name="tagged.ipynb")
    assert any("NBVAL_SKIP" in p for p in rc.notebook_problems(path, tmp_path))


def test_an_ignored_output_followed_by_a_compared_bound_passes(tmp_path):
    cells = [_with_output(new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(x)"), "12.3\n"),
             _with_output(new_code_cell("print(x >= 11)"), "True\n")]
    assert rc.notebook_problems(_notebook(tmp_path, cells), tmp_path) == []


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (None, "followed immediately"),
        (new_markdown_cell("The bound holds."), "followed immediately"),
        (new_code_cell("x >= 11"), "no stored output"),
        (_with_output(new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(x >= 11)"), "True\n"), "remove its nbval marker"),
    ],
)
def test_an_ignored_output_without_a_compared_bound_after_it_is_refused(tmp_path, second, message):
    cells = [_with_output(new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(x)"), "12.3\n")]
    if second is not None:
        cells.append(second)
    problems = rc.notebook_problems(_notebook(tmp_path, cells), tmp_path)
    assert any(message in p for p in problems), problems


# ---- chapters, study guide, template leftovers --------------------------------------------------------------


def test_an_empty_required_section_is_reported(tmp_path):
    text = GOOD_README.replace("## Pitfalls\n\ntext\n", "## Pitfalls\n\n<!-- to do -->\n")
    _subtopic(tmp_path, readme=text)
    problems = rc.subtopic_problems(tmp_path)
    assert problems == ["linear_algebra/topic/README.md: required sections without content: ['Pitfalls']"]


def test_the_study_guide_must_link_every_subtopic(tmp_path):
    _subtopic(tmp_path)
    _md(tmp_path, "# Study guide\n\n[Other](linear_algebra/other/README.md)\n", "STUDY_GUIDE.md")
    assert rc.study_guide_problems(tmp_path) == ["STUDY_GUIDE.md does not link linear_algebra/topic/README.md"]
    _md(tmp_path, "# Study guide\n\n[Topic](linear_algebra/topic/README.md#order)\n", "STUDY_GUIDE.md")
    assert rc.study_guide_problems(tmp_path) == []


def test_a_figure_left_over_from_the_template_is_reported(tmp_path):
    figures = tmp_path / "templates" / "subtopic_template" / "figures"
    figures.mkdir(parents=True)
    (figures / "rms_vs_mean_abs.png").write_bytes(b"\x89PNG template figure")
    d = _subtopic(tmp_path)
    (d / "figures").mkdir()
    (d / "figures" / "own.png").write_bytes(b"\x89PNG the chapter's own figure")
    assert rc.template_leftover_problems(tmp_path) == []
    (d / "figures" / "renamed.png").write_bytes(b"\x89PNG template figure")
    (d / "figures" / "rms_vs_mean_abs.png").write_bytes(b"\x89PNG redrawn but not renamed")
    problems = rc.template_leftover_problems(tmp_path)
    assert len(problems) == 2
    assert "renamed.png" in problems[0] and "byte-identical" in problems[0]
    assert "rms_vs_mean_abs.png" in problems[1] and "same name" in problems[1]


# ---- public interface: __all__ and unit tests ----------------------------------------------------------------


def _package(tmp_path, monkeypatch, module_source, init_source, tests_source):
    """A throwaway package `mfmlpkg.python_implementations.mod` and a test file that uses it."""
    pkg = tmp_path / "mfmlpkg" / "python_implementations"
    pkg.mkdir(parents=True)
    (tmp_path / "mfmlpkg" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__init__.py").write_text(init_source, encoding="utf-8")
    (pkg / "mod.py").write_text(module_source, encoding="utf-8")
    test_file = tmp_path / "test_mod.py"
    test_file.write_text(tests_source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [n for n in list(__import__("sys").modules) if n.startswith("mfmlpkg")]:
        monkeypatch.delitem(__import__("sys").modules, name)
    import importlib

    module = importlib.import_module("mfmlpkg.python_implementations.mod")
    package = importlib.import_module("mfmlpkg.python_implementations")
    return module, package, test_file


_MODULE = '''
__all__ = ["area", "scale"]


def area(r):
    """Area.

    Examples
    --------
    >>> area(1.0)
    3.0
    """
    return 3.0 * r * r


def scale(x):
    """Scale.

    Examples
    --------
    >>> scale(2)
    4
    """
    return 2 * x


def forgotten(x):
    """Public, but in no __all__.

    Examples
    --------
    >>> forgotten(1)
    1
    """
    return x
'''


def test_a_public_function_missing_from_all_is_reported(tmp_path, monkeypatch):
    init = "from mfmlpkg.python_implementations.mod import area, scale\n__all__ = ['area', 'scale']\n"
    module, package, _ = _package(tmp_path, monkeypatch, _MODULE, init, "")
    problems = rc.public_api_problems(module, package)
    assert problems == ["mod.forgotten: public but missing from mod.__all__ (add it, or make it private with a leading _)"]


def test_a_name_the_package_does_not_reexport_is_reported(tmp_path, monkeypatch):
    source = _MODULE.replace("def forgotten", "def _forgotten")
    init = "from mfmlpkg.python_implementations.mod import area\n__all__ = ['area']\n"
    module, package, _ = _package(tmp_path, monkeypatch, source, init, "")
    assert rc.public_api_problems(module, package) == [
        "mod.scale: not re-exported by mfmlpkg.python_implementations (__all__)"
    ]


def test_a_function_named_like_its_module_must_leave_the_package_attribute_to_the_module(tmp_path, monkeypatch):
    source = _MODULE.replace("def area", "def mod").replace('"area"', '"mod"').replace("def forgotten", "def _f")
    init_module = "from mfmlpkg.python_implementations import mod\nfrom mfmlpkg.python_implementations.mod import scale\n__all__ = ['mod', 'scale']\n"
    module, package, _ = _package(tmp_path, monkeypatch, source, init_module, "")
    monkeypatch.setitem(rc.FUNCTION_NAMED_LIKE_ITS_MODULE, "mfmlpkg.python_implementations.mod", "mod")
    assert rc.public_api_problems(module, package) == []
    monkeypatch.setattr(package, "mod", module.mod)  # the trap: the package name rebound to the function
    assert "must be the module" in rc.public_api_problems(module, package)[0]


def test_a_public_function_that_no_unit_test_calls_is_reported(tmp_path, monkeypatch):
    tests = (
        "from mfmlpkg.python_implementations import mod\n"
        "from mfmlpkg.python_implementations.mod import scale\n"  # imported, never called: does not count
        "def test_area():\n    assert mod.area(2.0) == 12.0\n"
    )
    module, _, test_file = _package(tmp_path, monkeypatch, _MODULE, "", tests)
    problems = rc.untested_public_problems(module, [test_file], prefixes=("mfmlpkg",))
    assert problems == ["mod.scale: no unit test calls it (a doctest alone does not count): add one under tests/"]
    test_file.write_text(tests + "def test_scale():\n    assert scale(2) == 4\n", encoding="utf-8")
    assert rc.untested_public_problems(module, [test_file], prefixes=("mfmlpkg",)) == []


def test_a_function_passed_to_pytest_or_reached_through_an_alias_counts_as_tested(tmp_path, monkeypatch):
    tests = (
        "import pytest\nimport mfmlpkg.python_implementations.mod as M\n"
        "from mfmlpkg.python_implementations.mod import scale as double\n"
        "@pytest.mark.parametrize('f', [M.area])\ndef test_f(f):\n    assert f(1.0) == 3.0\n"
        "def test_double():\n    assert double(1) == 2\n"
    )
    module, _, test_file = _package(tmp_path, monkeypatch, _MODULE, "", tests)
    assert rc.untested_public_problems(module, [test_file], prefixes=("mfmlpkg",)) == []


# ---- the working tree stays clean ---------------------------------------------------------------------------


def _git(repo, *args):
    import subprocess

    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def test_a_tracked_file_changed_during_the_run_is_caught(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "figure.png").write_bytes(b"old pixels")
    (tmp_path / "notes.md").write_text("draft\n", encoding="utf-8")
    (tmp_path / "kept.md").write_text("same\n", encoding="utf-8")
    _git(tmp_path, "add", "figure.png", "notes.md", "kept.md")
    _git(tmp_path, "commit", "-q", "-m", "start")
    (tmp_path / "notes.md").write_text("edited before the run\n", encoding="utf-8")  # dirty already: not the run's

    before = rc.tracked_changes(tmp_path)
    assert rc.changed_between(before, rc.tracked_changes(tmp_path)) == []
    (tmp_path / "figure.png").write_bytes(b"new pixels")  # the run rewrites a tracked file
    (tmp_path / "notes.md").write_text("edited again during the run\n", encoding="utf-8")  # and an already dirty one
    (tmp_path / "kept.md").unlink()  # and deletes one
    (tmp_path / "scratch.txt").write_text("untracked output\n", encoding="utf-8")  # untracked: not this check's
    assert rc.changed_between(before, rc.tracked_changes(tmp_path)) == ["figure.png", "kept.md", "notes.md"]


def test_outside_a_git_checkout_the_tree_check_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert rc.tracked_changes(tmp_path) is None
