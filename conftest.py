"""Repository-wide pytest hooks."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools import fork_kernel
from tools.repo_checks import COLLECTED_NOTEBOOKS, ROOT, changed_between, tracked_changes

# Notebook kernels inherit this process's environment. A non-inline MPLBACKEND (Agg is common on servers)
# would stop figures from being displayed, and nbval would then miss every stored figure output.
if os.environ.get("MPLBACKEND", "").lower() not in ("", "module://matplotlib_inline.backend_inline"):
    os.environ.pop("MPLBACKEND")

# The suite is parallel across processes (pytest-xdist workers, one notebook kernel each), so each process keeps its
# BLAS to one thread. Otherwise every worker and kernel starts one BLAS thread per core, the threads compete for the
# same cores and spin while they wait: measured on 2 cores, 112 s of CPU for the whole suite instead of 98 s.
# Workers and kernels are started after this line and inherit it; a value the user set is kept.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ.setdefault(_variable, "1")

# What a notebook kernel imports before its first cell can run. On a fresh install the first import of each compiles
# its .pyc files and matplotlib builds its font cache: tens of seconds, while two workers start kernels at once.
WARM_UP = (
    "import ipykernel.kernelapp, IPython, matplotlib_inline.backend_inline\n"
    "import matplotlib.pyplot, matplotlib.font_manager\n"
    "import numpy, pandas, seaborn, scipy.linalg, scipy.optimize, scipy.special, scipy.stats\n"
    "import sklearn.datasets, sklearn.decomposition, sklearn.linear_model, sklearn.mixture, sklearn.neural_network\n"
    "import sklearn.svm, sklearn.tree\n"
    "import linear_algebra.python_implementations, calculus.python_implementations\n"
    "import probability_statistics.python_implementations, advanced_topics.python_implementations\n"
)
# Once the caches are warm, later runs skip the warm-up: a marker file in the environment (never in the repository)
# records it. A reinstall of the environment starts without the marker, and so warms again.
WARM_MARKER = Path(sys.prefix) / ".mathematics-for-ml-import-caches-warm"
TREE_BEFORE = pytest.StashKey[dict]()
TREE_CHANGED = pytest.StashKey[list]()
WARM_UP_SECONDS = pytest.StashKey[float]()


def _is_controller(config) -> bool:
    # xdist workers carry `workerinput`; the controller (or a run with -n 0) does not.
    return not hasattr(config, "workerinput")


def _may_run_notebooks(config) -> bool:
    """False when every path on the command line is a Python or Markdown file (no notebook can be collected)."""
    if not (config.getoption("nbval", False) or config.getoption("nbval_lax", False)):
        return False
    paths = [arg.split("::")[0] for arg in config.args]
    return not paths or not all(p.endswith((".py", ".md")) for p in paths)


def pytest_configure(config):
    if not _is_controller(config):
        return
    # The tree-clean check compares the tracked files before and after the run (see pytest_sessionfinish).
    before = tracked_changes(ROOT)
    if before is not None:
        config.stash[TREE_BEFORE] = before
    # Warm the caches once, here, before any worker starts a kernel: then no kernel can time out on a cold start.
    if _may_run_notebooks(config) and not WARM_MARKER.exists():
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", WARM_UP], cwd=ROOT, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            print(f"warning: warming the import caches failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
        else:
            try:
                WARM_MARKER.write_text("the notebook kernels' imports were run once in this environment\n")
            except OSError:  # a read-only environment: warm again next time
                pass
        config.stash[WARM_UP_SECONDS] = time.perf_counter() - start


def pytest_collection_modifyitems(session, config, items):
    # Record which notebooks nbval collected, so tests/test_notebooks.py can prove that none escapes CI.
    config.stash[COLLECTED_NOTEBOOKS] = {item.path.resolve() for item in items if item.path.suffix == ".ipynb"}


def pytest_sessionfinish(session, exitstatus):
    # The run must leave the working tree as it found it: running the tests or a notebook writes no tracked file
    # (figures are regenerated on purpose, by tools/execute_notebooks.py --write-figures).
    config = session.config
    if not _is_controller(config) or TREE_BEFORE not in config.stash:
        return
    after = tracked_changes(ROOT)
    if after is None:
        return
    changed = changed_between(config.stash[TREE_BEFORE], after)
    if changed:
        config.stash[TREE_CHANGED] = changed
        if session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if WARM_UP_SECONDS in config.stash and config.getoption("verbose") >= 0:
        terminalreporter.write_line(f"import caches warmed for the notebook kernels in {config.stash[WARM_UP_SECONDS]:.1f} s")
    changed = config.stash.get(TREE_CHANGED, None)
    if changed:
        terminalreporter.section("tracked files changed during the test run", sep="=", red=True, bold=True)
        for name in changed:
            terminalreporter.write_line(f"  {name}", red=True)
        terminalreporter.write_line(
            "FAILED: the test run changed tracked files (listed above). Tests and notebooks must write nothing "
            "tracked; regenerate figures on purpose with tools/execute_notebooks.py --write-figures.",
            red=True, bold=True,
        )


# ----------------------------------------------------------------------------------------------------------------
# Notebook kernels forked from a process that has already imported the libraries (Linux only; see
# tools/fork_kernel.py). A kernel started the ordinary way imports ipykernel, numpy, scipy, scikit-learn, pandas and
# matplotlib again: measured here, 1.3 s of CPU per kernel against 0.1 s for a forked one, for about thirty notebooks
# per run. Set MFML_FORK_KERNELS=0 to start every kernel the ordinary way.
# ----------------------------------------------------------------------------------------------------------------
_KERNEL_SERVER = fork_kernel.SERVER


def _fork_kernels_wanted(config) -> bool:
    return (
        sys.platform.startswith("linux")
        and os.environ.get("MFML_FORK_KERNELS", "1") != "0"
        and config.getoption("nbval_current_env", False)
        and _may_run_notebooks(config)
    )


def _use_forked_kernels():
    import nbval.kernel

    manager = getattr(nbval.kernel, "NbvalKernelspecManager", None)
    name = getattr(nbval.kernel, "CURRENT_ENV_KERNEL_NAME", None)
    if manager is None or name is None:  # an nbval that works differently: ordinary kernels
        return
    original = manager.get_kernel_spec

    def get_kernel_spec(self, kernel_name):
        spec = original(self, kernel_name)
        argv = list(spec.argv)
        if kernel_name == name and "ipykernel_launcher" in argv:
            rest = argv[argv.index("ipykernel_launcher") + 1 :]
            spec.argv = _KERNEL_SERVER.kernel_argv(rest)
        return spec

    manager.get_kernel_spec = get_kernel_spec


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    if _fork_kernels_wanted(session.config):
        _use_forked_kernels()


def pytest_unconfigure(config):
    _KERNEL_SERVER.stop()
