"""Every formula in every Markdown file and notebook renders on GitHub.

Two layers: what GitHub's markdown does to math before MathJax sees it (delimiters, the deny-list), checked in
Python; and whether MathJax parses the TeX at all, checked by MathJax itself in one Node.js process.
"""

import pytest

from tools import repo_checks as rc

FILES = rc.markdown_files() + rc.notebook_files()


def test_the_repository_has_math_to_check():
    formulas, _ = rc.math_problems(FILES)
    assert len(formulas) > 0


def test_math_is_delimited_as_github_needs_and_uses_no_refused_macro():
    _, problems = rc.math_problems(FILES)
    assert not problems, "\n".join(problems)


def test_every_formula_parses_in_mathjax():
    if rc.node_executable() is None or not rc.mathjax_installed():
        message = (
            "the MathJax check needs Node.js and its package: install Node.js, then run "
            "`npm ci --prefix tests/mathjax` from the repository root"
        )
        if rc.in_ci():
            pytest.fail(message + " (under CI this check must run)")
        pytest.skip(message)
    formulas, _ = rc.math_problems(FILES)
    errors = rc.mathjax_errors(formulas)
    assert not errors, "\n".join(errors)
