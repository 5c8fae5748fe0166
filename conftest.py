"""Repository-wide pytest hooks."""

from tools.repo_checks import COLLECTED_NOTEBOOKS


def pytest_collection_modifyitems(session, config, items):
    # Record which notebooks nbval collected, so tests/test_notebooks.py can prove that none escapes CI.
    config.stash[COLLECTED_NOTEBOOKS] = {item.path.resolve() for item in items if item.path.suffix == ".ipynb"}
