"""Re-execute notebooks top to bottom and store their outputs, the way CI expects them.

Usage (from anywhere)::

    python tools/execute_notebooks.py linear_algebra/least_squares/least_squares.ipynb [more.ipynb ...]
    python tools/execute_notebooks.py --all
    python tools/execute_notebooks.py --all --write-figures   # also rewrite the PNGs under figures/

Each notebook runs in a fresh ``python3`` kernel with its own folder as working directory (as nbval does),
without per-cell timing metadata, so that execution counts run 1..n and the stored outputs are the ones
``pytest`` compares against.

Notebooks save the figures that the READMEs embed only when the environment variable ``MFML_WRITE_FIGURES``
is ``1``, which ``--write-figures`` sets for the kernels it starts. Running the tests or a notebook in Jupyter
therefore never rewrites a tracked file.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]


def all_notebooks() -> list[pathlib.Path]:
    """Every notebook of the repository, outside hidden folders and checkpoints."""
    return sorted(
        p
        for p in ROOT.rglob("*.ipynb")
        if not any(part.startswith(".") or part == "node_modules" for part in p.relative_to(ROOT).parts)
    )


def _coalesce_streams(outputs: list) -> list:
    """Merge consecutive stdout (or stderr) outputs into one: how the text was flushed depends on timing, not on the
    notebook, and split blocks show as separate boxes on GitHub."""
    merged: list = []
    for out in outputs:
        if merged and out.output_type == "stream" and merged[-1].output_type == "stream" and (
            merged[-1].name == out.name
        ):
            merged[-1].text += out.text
        else:
            merged.append(out)
    return merged


def execute(path: pathlib.Path, timeout: int = 120) -> float:
    """Execute one notebook in place; return the wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.outputs)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path)
    parser.add_argument("--all", action="store_true", help="execute every notebook in the repository")
    parser.add_argument(
        "--write-figures",
        action="store_true",
        help="let the notebooks rewrite the PNGs under figures/ (kernels inherit MFML_WRITE_FIGURES=1)",
    )
    args = parser.parse_args(argv)
    if args.write_figures:
        os.environ["MFML_WRITE_FIGURES"] = "1"
    else:
        os.environ.pop("MFML_WRITE_FIGURES", None)
    paths = all_notebooks() if args.all else [p.resolve() for p in args.notebooks]
    if not paths:
        parser.error("give notebook paths or --all")
    for path in paths:
        elapsed = execute(path)
        print(f"{elapsed:6.1f} s  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
