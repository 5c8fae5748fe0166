r"""Numerical limits: one-sided estimates by Richardson extrapolation, and the two-sided limit.

A limit is never evaluated at the point itself. The routine samples ``g(h) = f(x0 + h)`` (right) or
``f(x0 - h)`` (left) at the steps ``h_k = h0 / 2^k`` and extrapolates the samples to ``h = 0`` with the polynomial
through them (Neville's scheme, which for halving steps is Richardson's table). The derivation is in
``calculus/limits_and_continuity/README.md``, section "Derivation".
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np

from calculus.python_implementations._validation import (
    as_real_scalar,
    check_callable,
    check_positive,
    check_positive_int,
)

__all__ = ["LimitEstimate", "limit", "one_sided_limit", "richardson_table"]


class LimitEstimate(NamedTuple):
    """Result of :func:`one_sided_limit`.

    Attributes
    ----------
    value : float
        Extrapolated limit.
    error : float
        Error estimate: the larger change between the chosen diagonal entry ``T[k, k]`` of the table and its
        neighbours ``T[k-1, k-1]`` and ``T[k+1, k+1]``.
    converged : bool
        ``error <= tol * max(1, |value|)``.
    steps : ndarray of shape (n_steps,)
        Actual distances ``|x - x0|`` of the sample points.
    samples : ndarray of shape (n_steps,)
        ``f`` at the sample points.
    """

    value: float
    error: float
    converged: bool
    steps: np.ndarray
    samples: np.ndarray


def richardson_table(h, g) -> np.ndarray:
    r"""Neville-Richardson extrapolation table of samples ``g(h_k)`` towards ``h = 0``.

    ``T[k, j]`` is the value at ``h = 0`` of the polynomial of degree ``j`` through the points
    ``(h_{k-j}, g_{k-j}), ..., (h_k, g_k)``:

    ``T[k, 0] = g_k``, ``T[k, j] = T[k, j-1] + (T[k, j-1] - T[k-1, j-1]) * h_k / (h_{k-j} - h_k)``.

    Parameters
    ----------
    h : array_like of shape (K,)
        Distinct positive steps, decreasing.
    g : array_like of shape (K,)
        Finite samples ``g(h_k)``.

    Returns
    -------
    T : ndarray of shape (K, K)
        Lower triangular (entries above the diagonal are NaN, as they are undefined). ``T[k, k]`` uses all samples
        up to ``k``.

    Raises
    ------
    ValueError
        If the shapes differ or are not 1-D and non-empty, a value is not finite, or ``h`` is not positive and
        strictly decreasing.

    Notes
    -----
    If ``g(h) = L + c_1 h + c_2 h^2 + ...``, column ``j`` removes the terms up to ``h^j``: its error is
    ``O(h_k h_{k-1} ... h_{k-j})``. With halving steps ``h_{k-j} / h_k = 2^j`` and the update divides by
    ``2^j - 1``. See the derivation in ``calculus/limits_and_continuity/README.md``, section
    "Richardson extrapolation".

    Examples
    --------
    >>> import numpy as np
    >>> h = np.array([0.5, 0.25, 0.125])
    >>> T = richardson_table(h, 3.0 + 2.0 * h - h**2)   # a quadratic in h: exact after two columns
    >>> float(T[2, 2])
    3.0
    """
    h = np.asarray(h, dtype=float)
    g = np.asarray(g, dtype=float)
    if h.ndim != 1 or h.size == 0 or g.shape != h.shape:
        raise ValueError(f"h and g must be non-empty 1-D arrays of one shape, got {h.shape} and {g.shape}")
    if not (np.all(np.isfinite(h)) and np.all(np.isfinite(g))):
        raise ValueError("h and g must contain only finite numbers, got NaN or inf")
    if np.any(h <= 0) or np.any(np.diff(h) >= 0):
        raise ValueError(f"h must be positive and strictly decreasing, got {h}")
    K = h.size
    T = np.full((K, K), np.nan)
    T[:, 0] = g
    for j in range(1, K):
        # ratio h_k / (h_{k-j} - h_k) for every row k >= j; equals 1 / (2^j - 1) for halving steps
        ratio = h[j:] / (h[:-j] - h[j:])  # (K - j,)
        T[j:, j] = T[j:, j - 1] + (T[j:, j - 1] - T[j - 1 : -1, j - 1]) * ratio
    return T


def _sample(f, x0: float, side: str, h0: float, n_steps: int):
    """Sample f at x0 +- h0 / 2^k; return the actual distances and the values (never f(x0))."""
    sign = 1.0 if side == "right" else -1.0
    points = x0 + sign * h0 * 0.5 ** np.arange(n_steps)  # (n_steps,)
    steps = sign * (points - x0)  # actual distances: the points are floats, x0 +- h rounds
    if np.any(steps <= 0) or np.any(np.diff(steps) >= 0):
        raise ValueError(
            f"h0 = {h0} with n_steps = {n_steps} is too small for x0 = {x0}: the sample points do not "
            "stay distinct from x0 and from each other"
        )
    samples = np.empty(n_steps)
    for k, point in enumerate(points):
        value = f(float(point))
        try:
            samples[k] = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"f must return a real number, got {value!r} at x = {point}") from None
        if not np.isfinite(samples[k]):
            raise ValueError(
                f"f returned {samples[k]} at x = {point}, so the {side} limit at x0 = {x0} cannot be estimated"
            )
    return steps, samples


def one_sided_limit(
    f, x0, side: str = "right", h0=None, n_steps: int = 10, tol: float = 1e-8
) -> LimitEstimate:
    r"""One-sided limit of ``f`` at ``x0`` by sampling and Richardson extrapolation.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``. Called only at ``x0 + h`` (right) or ``x0 - h`` (left) for ``h > 0``; need not be
        defined at ``x0``.
    x0 : float
        Finite point.
    side : {"right", "left"}, default "right"
    h0 : float, optional
        Largest step. Default ``0.125 * max(1, |x0|)`` (relative to ``x0``, so that the smallest step stays far
        above the spacing of floats near ``x0``). Pass a smaller ``h0`` when ``f`` varies on a shorter scale;
        ``f`` must be smooth on ``(x0, x0 + h0]`` (right) or ``[x0 - h0, x0)`` (left).
    n_steps : int, default 10
        Number of samples (not of halvings), at ``h0, h0/2, ..., h0 / 2^(n_steps - 1)``; at least 3, because the
        error estimate of a diagonal entry needs a neighbour on each side.
    tol : float, default 1e-8
        The estimate counts as converged when ``error <= tol * max(1, |value|)``.

    Returns
    -------
    LimitEstimate
        ``(value, error, converged, steps, samples)``. The value is the diagonal entry ``T[k, k]`` of
        :func:`richardson_table` with the smallest error estimate (see ``LimitEstimate.error``).

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``x0``, ``h0``, ``tol`` are not real numbers.
    ValueError
        If ``x0`` is not finite, ``side`` is unknown, ``h0`` or ``tol`` are not > 0, ``n_steps < 3``, the steps are
        too small for ``x0``, or ``f`` returns a non-finite value at a sample point.

    Warns
    -----
    RuntimeWarning
        When the estimate has not converged (e.g. ``f`` oscillates or grows without bound).

    Notes
    -----
    The extrapolation assumes ``f(x0 + h) = L + c_1 h + c_2 h^2 + ...`` (true when ``f`` extends smoothly to
    ``x0``). For ``f(x0 + h) = L + c h^(1/2)`` it is no faster than the raw sequence. Choosing the diagonal entry
    with the smallest change stops the table before rounding errors in the small-``h`` samples take over. See the
    derivation in ``calculus/limits_and_continuity/README.md``, section "Richardson extrapolation".

    Examples
    --------
    >>> import numpy as np
    >>> est = one_sided_limit(lambda x: np.sin(x) / x, 0.0, side="left")
    >>> round(est.value, 12), est.converged
    (1.0, True)
    """
    check_callable(f, "f")
    x0 = as_real_scalar(x0, "x0")
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', got {side!r}")
    h0 = 0.125 * max(1.0, abs(x0)) if h0 is None else check_positive(h0, "h0")
    n_steps = check_positive_int(n_steps, "n_steps")
    if n_steps < 3:
        raise ValueError(f"n_steps must be >= 3 to estimate an error, got {n_steps}")
    tol = check_positive(tol, "tol")

    steps, samples = _sample(f, x0, side, h0, n_steps)
    T = richardson_table(steps, samples)
    diagonal = np.diag(T)  # (n_steps,) best extrapolation from the first k + 1 samples
    changes = np.abs(np.diff(diagonal))  # (n_steps - 1,) |T[k, k] - T[k-1, k-1]|
    # error of T[k, k]: the larger of its change from the entry before and to the entry after, so that one
    # accidental near-coincidence (an oscillating f) is not mistaken for convergence
    errors = np.maximum(changes[:-1], changes[1:])  # (n_steps - 2,) for k = 1 .. n_steps - 2
    k = int(np.argmin(errors)) + 1
    value, error = float(diagonal[k]), float(errors[k - 1])
    converged = error <= tol * max(1.0, abs(value))
    if not converged:
        warnings.warn(
            f"the {side} limit of f at x0 = {x0} did not settle: estimate {value:.6g}, error estimate {error:.3g}; "
            "the limit may not exist or be infinite",
            RuntimeWarning,
            stacklevel=2,
        )
    return LimitEstimate(value, error, converged, steps, samples)


def limit(f, x0, h0=None, n_steps: int = 10, tol: float = 1e-8) -> float:
    r"""Two-sided limit of ``f`` at ``x0``: both one-sided limits, which must exist and agree.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; never evaluated at ``x0``.
    x0 : float
        Finite point.
    h0, n_steps, tol
        As in :func:`one_sided_limit` (``n_steps`` samples on each side, at least 3). The one-sided values agree when
        ``|left - right| <= tol * max(1, |left|, |right|) + left.error + right.error``.

    Returns
    -------
    float
        The mean of the left and right estimates.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``x0`` is not a real number.
    ValueError
        If ``x0`` is not finite, a one-sided limit did not converge (the message gives the estimate), the
        one-sided limits disagree (the message gives both), or as in :func:`one_sided_limit`.

    Notes
    -----
    See the derivation in ``calculus/limits_and_continuity/README.md``, sections "Definitions" and
    "Richardson extrapolation".

    Examples
    --------
    >>> import numpy as np
    >>> round(limit(lambda x: (1 - np.cos(x)) / x**2, 0.0), 10)
    0.5
    >>> round(limit(lambda x: (1 + x) ** (1 / x), 0.0), 10) == round(float(np.e), 10)
    True
    >>> limit(lambda x: abs(x) / x, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: the one-sided limits of f at x0 = 0.0 disagree: left -1, right 1
    """
    check_callable(f, "f")
    estimates = {}
    for side in ("left", "right"):
        with warnings.catch_warnings():
            # non-convergence becomes the ValueError below; other warnings (for example from f) pass through
            warnings.filterwarnings("ignore", message=r"the (left|right) limit", category=RuntimeWarning)
            est = one_sided_limit(f, x0, side=side, h0=h0, n_steps=n_steps, tol=tol)
        if not est.converged:
            raise ValueError(
                f"the {side} limit of f at x0 = {float(x0)} does not appear to exist: estimates did not settle "
                f"(best {est.value:.6g}, error estimate {est.error:.3g}); f may oscillate or be unbounded"
            )
        estimates[side] = est
    left, right = estimates["left"], estimates["right"]
    allowed = tol * max(1.0, abs(left.value), abs(right.value)) + left.error + right.error
    if abs(left.value - right.value) > allowed:
        raise ValueError(
            f"the one-sided limits of f at x0 = {float(x0)} disagree: left {left.value:.6g}, right {right.value:.6g}"
        )
    return 0.5 * (left.value + right.value)
