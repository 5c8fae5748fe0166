"""Input checks shared by the probability and statistics modules.

Messages name the argument, the rule and what arrived, e.g. ``"p must be in [0, 1], got 1.5"``.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_sample(x, name: str, min_size: int = 1) -> np.ndarray:
    """Return ``x`` as a new finite 1-D float array with at least ``min_size`` values."""
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D array of real numbers, got {type(x).__name__}: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must hold at least {min_size} value(s), got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def as_probability_vector(p, name: str, atol: float | None = None) -> np.ndarray:
    """Return ``p`` as a 1-D float array of non-negative entries that sum to 1.

    The sum may differ from 1 by ``atol``, by default ``n * eps`` (the rounding of a sum of ``n`` terms).
    """
    arr = as_sample(p, name)
    if np.any(arr < 0):
        raise ValueError(f"{name} must have non-negative entries, got min {arr.min()}")
    tol = arr.size * np.finfo(float).eps if atol is None else atol
    total = float(arr.sum())
    if abs(total - 1.0) > tol:
        raise ValueError(f"{name} must sum to 1 (a probability distribution), got sum {total!r}")
    return arr


def as_real_scalar(x, name: str) -> float:
    """Return ``x`` as a finite Python float."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real | np.floating | np.integer):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    value = float(x)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def check_probability(p, name: str) -> float:
    """Return ``p`` as a float when it lies in [0, 1]."""
    value = as_real_scalar(p, name)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value}")
    return value


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float when it is finite and > 0."""
    value = as_real_scalar(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def check_nonnegative_int(value, name: str) -> int:
    """Return ``value`` as an int when it is an integer >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return int(value)
