"""Input checks shared by the calculus modules.

Messages name the argument, the rule and what arrived.
"""

from __future__ import annotations

import numbers

import numpy as np


def check_callable(f, name: str) -> None:
    """Raise ``TypeError`` when ``f`` cannot be called."""
    if not callable(f):
        raise TypeError(f"{name} must be callable, got {type(f).__name__}")


def as_real_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a new float array of any shape (a number gives shape ()); NaN refused, +-inf allowed."""
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a real number or an array of them, got {type(x).__name__}: {exc}") from None
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN, got {np.count_nonzero(np.isnan(arr))} NaN value(s)")
    return arr


def as_point(x, name: str) -> np.ndarray:
    """Return ``x`` as a new finite 1-D float array (a point in R^n); a scalar becomes shape (1,)."""
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a real number or a 1-D array of them, got {type(x).__name__}: {exc}") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf), got {arr}")
    return arr


def as_real_scalar(x, name: str) -> float:
    """Return ``x`` as a finite Python float."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real | np.floating | np.integer):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    value = float(x)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def check_positive(value: float, name: str) -> float:
    """Return ``value`` when it is a finite real number > 0."""
    value = as_real_scalar(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def check_positive_int(value, name: str) -> int:
    """Return ``value`` when it is an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value}")
    return int(value)
