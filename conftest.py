"""Repository-wide pytest hooks."""

import os

from tools.repo_checks import COLLECTED_NOTEBOOKS

# Notebook kernels inherit this process's environment. A non-inline MPLBACKEND (Agg is common on servers)
# would stop figures from being displayed, and nbval would then miss every stored figure output.
if os.environ.get("MPLBACKEND", "").lower() not in ("", "module://matplotlib_inline.backend_inline"):
    os.environ.pop("MPLBACKEND")


def pytest_collection_modifyitems(session, config, items):
    # Record which notebooks nbval collected, so tests/test_notebooks.py can prove that none escapes CI.
    config.stash[COLLECTED_NOTEBOOKS] = {item.path.resolve() for item in items if item.path.suffix == ".ipynb"}
