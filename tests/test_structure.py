"""The structure contract every topic follows (see CONTRIBUTING.md): files, sections, tests, docstrings, lint."""

import importlib
import subprocess
import sys

import pytest

from tools import repo_checks as rc

ROOT = rc.ROOT
TOP_LEVEL = [
    "README.md", "LICENSE", "requirements.txt", "pyproject.toml", "CONTRIBUTING.md", "NOTATION.md",
    "STUDY_GUIDE.md", ".ci/run", "projects", "tests",
]


def _modules(area):
    pkg = ROOT / area / "python_implementations"
    return sorted(p.stem for p in pkg.glob("*.py") if not p.stem.startswith("_"))


ALL_MODULES = [(area, m) for area in rc.TOPIC_AREAS for m in _modules(area)]
MODULE_IDS = [f"{a}.{m}" for a, m in ALL_MODULES]


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_top_level_file_exists(name):
    assert (ROOT / name).exists(), f"{name} is part of the layout"


@pytest.mark.parametrize("area", rc.TOPIC_AREAS)
def test_topic_area_is_a_package_with_a_readme(area):
    for part in ("__init__.py", "README.md", "python_implementations/__init__.py"):
        assert (ROOT / area / part).is_file(), f"{area}/{part} is missing"


@pytest.mark.parametrize("area", rc.TOPIC_AREAS)
def test_topic_area_readme_links_every_subtopic(area):
    text = (ROOT / area / "README.md").read_text(encoding="utf-8")
    unlinked = [d.name for d in rc.subtopic_dirs() if d.parent.name == area and f"({d.name}/" not in text]
    assert not unlinked, f"{area}/README.md does not link {unlinked}"


def test_main_readme_links_every_subtopic_and_project():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = [f"{rc.rel(d)}/" for d in rc.subtopic_dirs()] + [rc.rel(p) for p in sorted((ROOT / "projects").glob("*.ipynb"))]
    unlinked = [t for t in targets if f"({t}" not in text]
    assert not unlinked, f"README.md does not link {unlinked}"


def test_every_subtopic_has_readme_with_required_sections_and_notebook():
    problems = rc.subtopic_problems()
    assert not problems, "\n".join(problems)


def test_the_template_readme_follows_the_contract_it_teaches():
    problems = rc.readme_problems(ROOT / "templates" / "subtopic_template" / "README.md")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("area", "module"), ALL_MODULES, ids=MODULE_IDS)
def test_every_module_has_a_test_module(area, module):
    assert (ROOT / "tests" / area / f"test_{module}.py").is_file(), f"tests/{area}/test_{module}.py is missing"


@pytest.mark.parametrize(("area", "module"), ALL_MODULES, ids=MODULE_IDS)
def test_public_functions_are_in_all_have_runnable_examples_and_are_reexported(area, module):
    mod = importlib.import_module(f"{area}.python_implementations.{module}")
    package = importlib.import_module(f"{area}.python_implementations")
    problems = rc.public_api_problems(mod, package)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("area", "module"), ALL_MODULES, ids=MODULE_IDS)
def test_every_public_function_is_called_by_a_unit_test(area, module):
    # A doctest shows a call; a unit test checks it against a reference. Every test module of the area counts.
    mod = importlib.import_module(f"{area}.python_implementations.{module}")
    problems = rc.untested_public_problems(mod, sorted((ROOT / "tests" / area).glob("*.py")))
    assert not problems, "\n".join(problems)


def test_study_guide_links_every_subtopic():
    problems = rc.study_guide_problems()
    assert not problems, "\n".join(problems)


def test_no_figure_is_left_over_from_the_template():
    problems = rc.template_leftover_problems()
    assert not problems, "\n".join(problems)


def test_lint_is_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--quiet", "."],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _imports_and_linalg_calls(path):
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported, linalg = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
            if node.module == "numpy.linalg":
                linalg.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            if node.value.attr == "linalg":
                linalg.add(node.attr)
    return imported, linalg


@pytest.mark.parametrize(("area", "module"), ALL_MODULES, ids=MODULE_IDS)
def test_modules_use_numpy_and_the_standard_library_only(area, module):
    path = ROOT / area / "python_implementations" / f"{module}.py"
    imported, linalg = _imports_and_linalg_calls(path)
    allowed = {"numpy", "__future__", *rc.TOPIC_AREAS, *sys.stdlib_module_names}
    assert imported <= allowed, f"{module} imports {sorted(imported - allowed)}: modules use numpy and the stdlib only"
    if area == "linear_algebra":
        # The from-scratch linear algebra may borrow numpy's exception class, never a numpy.linalg routine.
        assert linalg <= {"LinAlgError"}, f"{module} calls numpy.linalg.{sorted(linalg - {'LinAlgError'})}"
