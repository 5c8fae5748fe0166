"""Notebook hygiene, and the guarantee that nbval re-executes every notebook of the repository."""

import ast
import json

import pytest

from tools import repo_checks as rc

NOTEBOOKS = rc.notebook_files()


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[rc.rel(p) for p in NOTEBOOKS])
def test_notebook_is_clean_and_executed_in_order(path):
    problems = rc.notebook_problems(path)
    assert not problems, "\n".join(problems)


def test_every_notebook_is_collected_by_nbval(pytestconfig):
    # Only a plain `pytest` run collects the whole repository; a run on selected paths cannot tell.
    if pytestconfig.args_source is not pytest.Config.ArgsSource.TESTPATHS:
        pytest.skip("run plain `pytest` from the repository root to check that nbval collects every notebook")
    assert pytestconfig.getoption("nbval"), "nbval must run in strict mode (--nbval), not --nbval-lax or off"
    collected = pytestconfig.stash.get(rc.COLLECTED_NOTEBOOKS, None)
    assert collected is not None, "the conftest hook that records collected notebooks did not run"
    missing = sorted(rc.rel(p) for p in NOTEBOOKS if p.resolve() not in collected)
    assert not missing, f"notebooks that nbval does not execute: {missing}"


def _public_names() -> set[str]:
    import importlib

    names = set()
    for area in rc.TOPIC_AREAS:
        package = importlib.import_module(f"{area}.python_implementations")
        names.update(getattr(package, "__all__", []))
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[rc.rel(p) for p in NOTEBOOKS])
def test_notebook_imports_module_functions_instead_of_redefining_them(path):
    public = _public_names()
    nb = json.loads(path.read_text(encoding="utf-8"))
    redefined = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        source = "\n".join(line for line in source.split("\n") if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in public:
                redefined.append(f"cell {i}: {node.name}")
    assert not redefined, f"{rc.rel(path)} re-defines module functions (import them instead): {redefined}"
