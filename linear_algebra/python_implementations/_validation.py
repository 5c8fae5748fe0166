"""Input checks shared by the linear algebra modules.

Every check raises ``ValueError`` whose message names the argument, states the rule and shows what arrived,
so that a reader who passes the wrong thing learns what to pass instead.
"""

from __future__ import annotations

import numpy as np


def as_array(x, name: str, ndim: int | None = None) -> np.ndarray:
    """Return ``x`` as a new float array, checked for dimension, emptiness and finiteness.

    A copy is always made, so the caller's array is never modified by the routines that use the result.
    """
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of real numbers, got {type(x).__name__}: {exc}") from None
    if ndim is not None and arr.ndim != ndim:
        kind = {0: "a scalar", 1: "a 1-D vector", 2: "a 2-D matrix"}.get(ndim, f"{ndim}-D")
        raise ValueError(f"{name} must be {kind}, got an array of shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def as_vector(x, name: str) -> np.ndarray:
    """A non-empty finite 1-D float array."""
    return as_array(x, name, ndim=1)


def as_matrix(A, name: str) -> np.ndarray:
    """A non-empty finite 2-D float array."""
    return as_array(A, name, ndim=2)


def as_square_matrix(A, name: str) -> np.ndarray:
    """A non-empty finite square 2-D float array."""
    arr = as_matrix(A, name)
    if arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be square, got shape {arr.shape}")
    return arr


def check_same_length(u: np.ndarray, v: np.ndarray, name_u: str, name_v: str) -> None:
    """Raise when two vectors differ in length, naming both shapes."""
    if u.shape != v.shape:
        raise ValueError(f"{name_u} and {name_v} must have the same length, got shapes {u.shape} and {v.shape}")
