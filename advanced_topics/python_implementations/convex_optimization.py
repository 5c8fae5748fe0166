r"""Convex optimisation: projections onto convex sets, soft-thresholding, the proximal gradient method and the lasso.

Each function is the formula of a section of ``advanced_topics/convex_optimization/README.md``: the projections
onto the Euclidean ball, a box and the probability simplex; the soft-thresholding operator (the proximal operator
of ``t ||x||_1``); the proximal gradient method for ``F(x) = f(x) + g(x)`` with ``f`` smooth and ``g`` simple,
in its plain form (ISTA) and its accelerated form (FISTA); and the lasso solved by it.

:func:`proximal_gradient` returns the :class:`~calculus.python_implementations.optimization.OptimizationResult`
of the calculus chapter and follows the same rules, with the stopping test adapted to a non-smooth objective:

* it stops as soon as the **gradient mapping** ``G = (y_k - x_{k+1}) / step`` has Euclidean norm ``<= tol``,
  where ``y_k`` is the point whose gradient was taken (``y_k = x_k`` for ISTA, the extrapolated point for FISTA)
  and ``x_{k+1} = prox(y_k - step * grad_f(y_k), step)``. For ``g = 0`` this is ``||grad_f(y_k)|| <= tol``;
  in general it guarantees ``dist(0, dF(x_{k+1})) <= (1 + step * L) * tol`` (2 tol for ``step = 1/L``);
* ``n_iter`` counts the proximal steps; the returned ``x`` is always the output of a proximal step, so it lies in
  the domain of ``g`` (feasible, when ``prox`` is a projection), and ``n_iter >= 1``;
* ``path`` holds ``x0`` and every ``x_k`` (never the extrapolated points), shape ``(n_iter + 1, d)``;
* divergence (a non-finite value, or ``||G||`` above ``1e6 * max(1, ||G_0||)``) and reaching ``max_iter`` give
  ``converged=False`` and a ``RuntimeWarning`` that names the cause; ``x`` is then the last accepted iterate.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from advanced_topics.python_implementations.svm import SVMModel, svm_dual  # re-exported (the SVM dual)
from calculus.python_implementations._validation import (
    as_point,
    as_real_scalar,
    check_callable,
    check_positive,
    check_positive_int,
)
from calculus.python_implementations.optimization import OptimizationResult
from linear_algebra.python_implementations._validation import as_matrix
from linear_algebra.python_implementations.svd import svd
from linear_algebra.python_implementations.vectors import norm

__all__ = [
    "SVMModel",
    "lasso",
    "project_box",
    "project_l2_ball",
    "project_simplex",
    "proximal_gradient",
    "soft_threshold",
    "svm_dual",
]

# A gradient mapping this many times larger than the first one (and than 1) means the iteration is running away
# (the rule of calculus.python_implementations.optimization).
_BLOWUP_FACTOR = 1e6


# ----------------------------------------------------------------------------------------------------------------
# Projections onto convex sets
# ----------------------------------------------------------------------------------------------------------------


def project_l2_ball(v, radius=1.0) -> np.ndarray:
    r"""Euclidean projection of ``v`` onto the ball ``{x : ||x|| <= radius}``.

    ``P(v) = v`` inside the ball, ``radius * v / ||v||`` outside.

    Parameters
    ----------
    v : float or array_like of shape (d,)
        Finite point to project (a scalar is a point of shape (1,)). Not modified.
    radius : float, default 1.0
        Radius ``r >= 0`` of the ball centred at the origin (``r = 0`` is the set ``{0}``).

    Returns
    -------
    ndarray of shape (d,)
        The point of the ball closest to ``v``.

    Raises
    ------
    TypeError
        If ``radius`` is not a real number.
    ValueError
        If ``v`` is not a non-empty finite vector, or ``radius`` is negative or not finite.

    Notes
    -----
    ``||v||`` is the overflow-safe norm of :mod:`linear_algebra.python_implementations.vectors`, and the factor
    ``radius / ||v||`` is formed before it multiplies ``v``, so ``v`` near ``1e300`` is projected without overflow.
    The result has norm ``radius`` up to a few units of roundoff.

    See the derivation in ``advanced_topics/convex_optimization/README.md``, section "Derivation", subsection
    "Projection onto a convex set".

    Examples
    --------
    >>> project_l2_ball([3.0, 4.0])            # ||v|| = 5 > 1: scaled back to the sphere
    array([0.6, 0.8])
    >>> project_l2_ball([0.3, 0.4], radius=2)  # already inside: unchanged
    array([0.3, 0.4])
    """
    v = as_point(v, "v")
    r = as_real_scalar(radius, "radius")
    if r < 0:
        raise ValueError(f"radius must be >= 0, got {r}")
    size = norm(v)  # ||v||, overflow-safe
    if size <= r:
        return v
    return (r / size) * v  # () * (d,) -> (d,): the ratio first, so nothing overflows


def project_box(v, lower, upper) -> np.ndarray:
    r"""Euclidean projection of ``v`` onto the box ``{x : lower <= x <= upper}`` (entrywise clipping).

    Parameters
    ----------
    v : float or array_like of shape (d,)
        Finite point to project. Not modified.
    lower, upper : float or array_like of shape (d,)
        Bounds, a scalar (the same for every coordinate) or one per coordinate, with ``lower <= upper``
        entrywise; ``-inf`` and ``inf`` are allowed (an unbounded side), NaN is not.

    Returns
    -------
    ndarray of shape (d,)
        ``min(max(v, lower), upper)``, coordinate by coordinate.

    Raises
    ------
    ValueError
        If ``v`` is not a non-empty finite vector, a bound is NaN, ``+inf`` as a lower or ``-inf`` as an upper
        bound, has the wrong shape, or ``lower > upper`` somewhere (the box is empty).

    Notes
    -----
    The squared distance ``sum_i (x_i - v_i)^2`` is a sum of terms that each depend on one coordinate, so it is
    minimised coordinate by coordinate, and the closest point of an interval is its nearest end (or the point
    itself). See the derivation in ``advanced_topics/convex_optimization/README.md``, section "Derivation",
    subsection "Projection onto a convex set".

    Examples
    --------
    >>> project_box([-2.0, 0.5, 3.0], lower=0.0, upper=1.0)
    array([0. , 0.5, 1. ])
    >>> project_box([-2.0, 0.5], lower=[-1.0, -np.inf], upper=[1.0, 0.0])
    array([-1.,  0.])
    """
    v = as_point(v, "v")
    bounds = []
    for name, value, bad in (("lower", lower, np.inf), ("upper", upper, -np.inf)):
        try:
            b = np.array(value, dtype=float, copy=True)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a real number or an array of shape {v.shape}: {exc}") from None
        if b.ndim == 0:
            b = np.full(v.shape, float(b))
        if b.shape != v.shape:
            raise ValueError(f"{name} must be a scalar or have the shape of v {v.shape}, got shape {b.shape}")
        if np.any(np.isnan(b)):
            raise ValueError(f"{name} must not contain NaN, got {b}")
        if np.any(b == bad):
            raise ValueError(f"{name} must not contain {bad} (the box would be empty), got {b}")
        bounds.append(b)
    lo, hi = bounds
    empty = np.flatnonzero(lo > hi)
    if empty.size:
        i = int(empty[0])
        raise ValueError(f"lower must be <= upper entrywise (else the box is empty), got lower[{i}] = {lo[i]} > "
                         f"upper[{i}] = {hi[i]}")
    return np.minimum(np.maximum(v, lo), hi)  # clip each coordinate to [lower_i, upper_i], (d,)


def project_simplex(v) -> np.ndarray:
    r"""Euclidean projection of ``v`` onto the probability simplex ``{x : x_i >= 0, sum_i x_i = 1}``.

    The projection is ``x_i = max(v_i - tau, 0)``, where the threshold ``tau`` makes the entries sum to 1.
    With ``s`` the entries of ``v`` sorted in decreasing order, the number of positive entries is the largest
    ``rho`` with ``s_rho - (s_1 + ... + s_rho - 1) / rho > 0``, and ``tau = (s_1 + ... + s_rho - 1) / rho``.

    Parameters
    ----------
    v : float or array_like of shape (d,)
        Finite point to project. Not modified.

    Returns
    -------
    ndarray of shape (d,)
        Non-negative entries whose exact sum is within ``3 rho u`` of 1 (``rho`` the number of positive entries,
        ``u = 2^-53`` the unit roundoff; see the Notes).

    Raises
    ------
    ValueError
        If ``v`` is not a non-empty finite vector.

    Notes
    -----
    Sorting costs ``O(d log d)``. Adding the same constant to every entry of ``v`` changes only ``tau``, so the
    entries are first shifted by the largest one: after the shift ``s_1 = 0``, and an entry at or below
    ``s_1 - 1`` can never be positive in the projection (``tau >= s_1 - 1`` because ``x_1 <= 1``). Only the
    entries above ``s_1 - 1`` enter the cumulative sums, which therefore lie in ``(-d, 0]`` and cannot overflow,
    whatever the size of ``v``.

    The cumulative sums only choose ``rho``; the sum ``S = s_1 + ... + s_rho`` that sets ``tau = (S - 1) / rho``
    is taken again, correctly rounded, with :func:`math.fsum`. Then ``|tau_hat - tau| <= u |S| / rho +
    2 u |tau| <= 3 u`` (``|S| <= rho``, ``-1 <= tau <= 0``), and each ``x_i = fl(s_i - tau_hat)`` adds
    ``u x_i``: the entries sum to 1 within ``3 rho u``. A running sum for ``S`` errs by up to ``(rho - 1) |S| u``,
    which grows like ``rho^2 u`` (5e4 u for a thousand entries of -0.3).

    See the derivation (the KKT conditions of the projection) in ``advanced_topics/convex_optimization/README.md``,
    section "Derivation", subsection "KKT in action: projecting onto the simplex".

    Examples
    --------
    The worked example of the chapter: ``tau = 0.35`` and the smallest entry is cut to 0.

    >>> x = project_simplex([0.5, 1.2, -0.3])
    >>> np.round(x, 12)
    array([0.15, 0.85, 0.  ])
    >>> bool(abs(x.sum() - 1) < 1e-15)
    True
    """
    v = as_point(v, "v")
    top = float(np.max(v))
    with np.errstate(over="ignore"):  # v - top may overflow to -inf for entries ~ -1e308: their x_i is 0 anyway
        shifted = v - top  # (d,), largest entry 0
    s = np.sort(shifted[shifted > -1.0])[::-1]  # candidates for the support, decreasing, (m,), s[0] = 0
    cumulative = np.cumsum(s)  # s_1 + ... + s_j, (m,)
    j = np.arange(1, s.size + 1)
    rho = int(np.flatnonzero(s - (cumulative - 1.0) / j > 0)[-1]) + 1  # j = 1 always qualifies: 0 - (-1) > 0
    tau = (math.fsum(s[:rho]) - 1.0) / rho  # (s_1 + ... + s_rho - 1) / rho, the sum correctly rounded
    return np.maximum(shifted - tau, 0.0)  # x_i = max(v_i - tau, 0), (d,)


# ----------------------------------------------------------------------------------------------------------------
# The proximal operator of the l1 norm
# ----------------------------------------------------------------------------------------------------------------


def soft_threshold(x, t):
    r"""Soft-thresholding ``S_t(x) = sign(x) * max(|x| - t, 0)``, entrywise: the proximal operator of ``t ||x||_1``.

    Parameters
    ----------
    x : float or array_like
        Finite real number or array (any shape, not empty). Not modified.
    t : float
        Threshold ``t >= 0``.

    Returns
    -------
    float or ndarray
        ``S_t(x)``: a float for a scalar ``x``, else an array of the shape of ``x``. Entries with ``|x_i| <= t``
        become 0; the others move towards 0 by ``t``.

    Raises
    ------
    TypeError
        If ``t`` is not a real number.
    ValueError
        If ``x`` is empty or not finite, or ``t`` is negative or not finite.

    Notes
    -----
    ``S_t(v)`` is the unique minimiser of ``t ||x||_1 + ||x - v||^2 / 2``: its optimality condition
    ``v - x in t * d||x||_1`` (a subgradient condition) gives ``x_i = v_i - t sign(x_i)`` when ``x_i != 0`` and
    ``|v_i| <= t`` when ``x_i = 0``. See the derivation in ``advanced_topics/convex_optimization/README.md``,
    section "Derivation", subsection "The proximal operator and soft-thresholding".

    Examples
    --------
    >>> soft_threshold([3.0, -0.5, -2.0], 1.0)
    array([ 2.,  0., -1.])
    >>> soft_threshold(0.25, 0.5)
    0.0
    """
    try:
        arr = np.array(x, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"x must be a real number or an array of them, got {type(x).__name__}: {exc}") from None
    if arr.size == 0:
        raise ValueError(f"x must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"x must contain only finite numbers (no NaN or inf), got {arr}")
    t = as_real_scalar(t, "t")
    if t < 0:
        raise ValueError(f"t must be >= 0, got {t}")
    # shrink |x_i| by t, stop at 0; same shape as x. Adding 0.0 turns the -0.0 of a zeroed negative entry into 0.0
    out = np.sign(arr) * np.maximum(np.abs(arr) - t, 0.0) + 0.0
    return float(out) if out.ndim == 0 else out


# ----------------------------------------------------------------------------------------------------------------
# The proximal gradient method (ISTA, FISTA)
# ----------------------------------------------------------------------------------------------------------------


def _eval_vector(fun, args, shape, name: str) -> np.ndarray:
    """``fun(*args)`` as a float array of the given shape; an overflow inside ``fun`` becomes ``inf``."""
    try:
        value = np.asarray(fun(*args), dtype=float)
    except OverflowError:  # plain-Python arithmetic raises instead of returning inf
        return np.full(shape, np.inf)
    if value.ndim == 0 and shape == (1,):
        value = value.reshape(1)
    if value.shape != shape:
        raise ValueError(f"{name} must return an array of shape {shape} like x0, got shape {value.shape}")
    return value


def _mapping_norm(G: np.ndarray) -> float:
    """``||G||``, overflow-safe; ``inf`` for a non-finite ``G``."""
    return norm(G) if np.all(np.isfinite(G)) else math.inf


def proximal_gradient(grad_f, prox, x0, step, accelerated=False, tol=1e-8, max_iter=10_000) -> OptimizationResult:
    r"""Minimise ``F(x) = f(x) + g(x)`` by the proximal gradient method: ISTA, or FISTA when ``accelerated``.

    ISTA: ``x_{k+1} = prox(x_k - step * grad_f(x_k), step)``. FISTA (Beck and Teboulle) takes the same step from
    an extrapolated point: ``x_{k+1} = prox(y_k - step * grad_f(y_k), step)``,
    ``omega_{k+1} = (1 + sqrt(1 + 4 omega_k^2)) / 2``,
    ``y_{k+1} = x_{k+1} + ((omega_k - 1) / omega_{k+1}) (x_{k+1} - x_k)``, with ``y_0 = x_0``, ``omega_0 = 1``
    (Beck and Teboulle's ``t_k``).

    Parameters
    ----------
    grad_f : callable
        ``grad_f(x)`` returns the gradient of the smooth part ``f`` at ``x``, shape (d,).
    prox : callable
        ``prox(v, step)`` returns the proximal operator of ``step * g`` at ``v``,
        ``argmin_x g(x) + ||x - v||^2 / (2 step)``, shape (d,): :func:`soft_threshold` for
        ``g = alpha ||x||_1`` (as ``lambda v, s: soft_threshold(v, alpha * s)``), a projection for the indicator
        of a convex set (``lambda v, s: project_simplex(v)``: projected gradient).
    x0 : float or array_like of shape (d,)
        Starting point; finite. Not modified.
    step : float
        Step ``eta > 0``. The convergence guarantees need ``eta <= 1 / L``, ``L`` the Lipschitz constant of
        ``grad_f``.
    accelerated : bool, default False
        ``False`` for ISTA (objective gap ``O(1/k)``), ``True`` for FISTA (``O(1/k^2)``).
    tol : float, default 1e-8
        Stop when the gradient mapping ``G = (y_k - x_{k+1}) / step`` has Euclidean norm ``<= tol`` (absolute),
        ``y_k = x_k`` for ISTA; ``tol >= 0``.
    max_iter : int, default 10_000
        Maximum number of proximal steps, ``>= 1``.

    Returns
    -------
    OptimizationResult
        ``x`` (the last ``x_{k+1}``) of shape (d,), ``n_iter`` (proximal steps, ``>= 1``), ``converged``,
        ``path`` of shape (n_iter + 1, d) holding ``x_0, x_1, ...`` (not the extrapolated points).

    Raises
    ------
    TypeError
        If ``grad_f`` or ``prox`` is not callable, ``accelerated`` is not a bool, or a numeric argument has the
        wrong type.
    ValueError
        If ``x0`` is not a finite scalar or 1-D array, ``grad_f`` or ``prox`` returns the wrong shape,
        ``grad_f(x0)`` or the first proximal step is not finite, ``step <= 0``, ``tol < 0`` or ``max_iter < 1``.

    Warns
    -----
    RuntimeWarning
        When the iteration diverges or ``max_iter`` is reached; ``converged`` is then ``False``.

    Notes
    -----
    Why the test on ``G``: the optimality condition of the proximal step says that ``G - grad_f(y_k)`` is a
    subgradient of ``g`` at ``x_{k+1}``, so ``G + grad_f(x_{k+1}) - grad_f(y_k)`` is a subgradient of ``F`` there,
    of norm at most ``(1 + step * L) ||G||``. For ``g = 0`` the test is ``||grad_f(x_k)|| <= tol``, the rule of
    the calculus chapter.

    See the derivation in ``advanced_topics/convex_optimization/README.md``, section "Derivation", subsections
    "ISTA and FISTA" and "When to stop: the gradient mapping".

    Examples
    --------
    The lasso in one variable, ``f(x) = (x - 3)^2 / 2`` and ``g(x) = |x|``: the minimiser is ``S_1(3) = 2``, and
    with ``step = 1 = 1/L`` the first ISTA step lands on it and the second confirms it (``G = 0``).

    >>> res = proximal_gradient(lambda x: x - 3.0, lambda v, s: soft_threshold(v, s), [0.0], step=1.0)
    >>> res.x, res.n_iter, res.converged
    (array([2.]), 2, True)

    Projected gradient: the point of the simplex closest to ``(1, 2, 0)``.

    >>> c = np.array([1.0, 2.0, 0.0])
    >>> res = proximal_gradient(lambda x: x - c, lambda v, s: project_simplex(v), np.ones(3) / 3, step=1.0)
    >>> res.x, res.converged
    (array([0., 1., 0.]), True)
    """
    check_callable(grad_f, "grad_f")
    check_callable(prox, "prox")
    x = as_point(x0, "x0")
    eta = check_positive(step, "step")
    if not isinstance(accelerated, bool | np.bool_):
        raise TypeError(f"accelerated must be a bool, got {type(accelerated).__name__}")
    tol = as_real_scalar(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    max_iter = check_positive_int(max_iter, "max_iter")
    method = "proximal_gradient (FISTA)" if accelerated else "proximal_gradient (ISTA)"

    path = [x.copy()]
    y, omega = x.copy(), 1.0  # extrapolated point and FISTA's omega_k (y = x throughout for ISTA)
    blowup = math.inf  # set from ||G_0|| at the first step
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is what we detect, not an error
        for k in range(max_iter):
            g = _eval_vector(grad_f, (y.copy(),), x.shape, "grad_f")  # gradient of the smooth part at y_k, (d,)
            x_new = _eval_vector(prox, (y - eta * g, eta), x.shape, "prox")  # (d,): prox of the gradient step
            G = (y - x_new) / eta  # gradient mapping at y_k, (d,)
            size = _mapping_norm(G) if np.all(np.isfinite(g)) else math.inf
            if k == 0:
                if not math.isfinite(size):
                    raise ValueError("grad_f(x0) and the first proximal step must be finite, got "
                                     f"grad_f(x0) = {g} and prox(...) = {x_new}")
                blowup = _BLOWUP_FACTOR * max(1.0, size)
            elif not size <= blowup:
                warnings.warn(
                    f"{method} diverged after {len(path) - 1} steps: the next iterate or its gradient mapping is "
                    f"non-finite or larger than {_BLOWUP_FACTOR:.0e} max(1, ||G_0||) = {blowup:.3e} (is step > "
                    "1 / L?); returning the last iterate before it",
                    RuntimeWarning,
                    stacklevel=2,
                )
                return OptimizationResult(x, len(path) - 1, False, np.array(path))
            path.append(x_new.copy())
            if size <= tol:
                return OptimizationResult(x_new, len(path) - 1, True, np.array(path))
            if accelerated:
                omega_new = (1.0 + math.sqrt(1.0 + 4.0 * omega * omega)) / 2.0
                y = x_new + ((omega - 1.0) / omega_new) * (x_new - x)  # extrapolate along the last step, (d,)
                omega = omega_new
            else:
                y = x_new
            x = x_new
    warnings.warn(
        f"{method} did not converge in max_iter={max_iter} steps: ||G|| = {size:.3e} > tol = {tol:.3e}",
        RuntimeWarning,
        stacklevel=2,
    )
    return OptimizationResult(x, len(path) - 1, False, np.array(path))


# ----------------------------------------------------------------------------------------------------------------
# The lasso
# ----------------------------------------------------------------------------------------------------------------


def lasso(X, y, alpha, tol=1e-10, max_iter=10_000, accelerated=True) -> np.ndarray:
    r"""Lasso coefficients: the minimiser of ``(1 / (2n)) ||y - X w||^2 + alpha ||w||_1`` (no intercept).

    This is scikit-learn's ``Lasso(alpha=alpha, fit_intercept=False)`` objective. It is minimised by
    :func:`proximal_gradient` from ``w = 0`` with ``f(w) = ||y - X w||^2 / (2n)``, gradient
    ``-X^T (y - X w) / n``, ``g(w) = alpha ||w||_1`` (prox: :func:`soft_threshold` at ``alpha * step``) and the
    step ``1 / L``, ``L = s_1(X)^2 / n`` (the largest singular value, from the course's :func:`svd`).

    Parameters
    ----------
    X : array_like of shape (n, d)
        Finite design matrix (centre the columns and ``y`` first if the model needs an intercept).
    y : array_like of shape (n,)
        Finite targets.
    alpha : float
        Regularisation strength ``alpha > 0``.
    tol : float, default 1e-10
        Relative tolerance: stop when the gradient mapping has norm ``<= tol * ||X^T y|| / n`` (the norm of the
        gradient of ``f`` at ``w = 0``, the natural scale of the problem); ``tol >= 0``.
    max_iter : int, default 10_000
        Maximum number of proximal steps, ``>= 1``.
    accelerated : bool, default True
        FISTA (``True``) or ISTA (``False``).

    Returns
    -------
    ndarray of shape (d,)
        The coefficients ``w``. When ``max |X^T y| / n <= alpha`` (that is ``alpha >= alpha_max``), ``w = 0``
        exactly, without iterating: ``0`` then satisfies the optimality condition.

    Raises
    ------
    TypeError
        If ``alpha``, ``tol``, ``max_iter`` or ``accelerated`` has the wrong type.
    ValueError
        If ``X`` is not a non-empty finite 2-D array, ``y`` not a finite vector with one entry per row of ``X``,
        ``alpha <= 0``, ``tol < 0`` or ``max_iter < 1``.

    Warns
    -----
    RuntimeWarning
        From :func:`proximal_gradient`, when ``max_iter`` is reached (the last iterate is returned).

    Notes
    -----
    At the returned ``w`` the optimality (KKT) residual, the distance from 0 to the subdifferential of the
    objective, is at most ``2 * tol * ||X^T y|| / n``: ``|x_j^T r / n - alpha sign(w_j)|`` for ``w_j != 0`` and
    ``max(|x_j^T r / n| - alpha, 0)`` for ``w_j = 0`` (``r = y - X w``, ``x_j`` the j-th column). When ``X`` has
    full column rank, ``f`` is ``mu``-strongly convex with ``mu = s_d(X)^2 / n`` and the error of ``w`` is at
    most that residual divided by ``mu``.

    See the derivation in ``advanced_topics/convex_optimization/README.md``, section "Derivation", subsection
    "The lasso".

    Examples
    --------
    Two orthogonal features: the lasso soft-thresholds the least-squares coefficients ``X^T y / n = (2, 0.5)``.

    >>> X = np.array([[1.0, 1.0], [1.0, -1.0]])
    >>> y = np.array([2.5, 1.5])
    >>> np.round(lasso(X, y, alpha=1.0), 10)
    array([1., 0.])
    """
    X = as_matrix(X, "X")
    n, d = X.shape
    try:
        y = np.array(y, dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"y must be a 1-D array of real numbers, got {type(y).__name__}: {exc}") from None
    if y.shape != (n,):
        raise ValueError(f"y must have shape ({n},), one target per row of X, got shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("y must contain only finite numbers (no NaN or inf)")
    alpha = check_positive(alpha, "alpha")
    tol = as_real_scalar(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    max_iter = check_positive_int(max_iter, "max_iter")

    c = X.T @ y / n  # (d, n) @ (n,) -> (d,): minus the gradient of f at w = 0
    if np.max(np.abs(c)) <= alpha:  # alpha >= alpha_max: 0 satisfies |x_j^T y / n| <= alpha for every j
        return np.zeros(d)
    L = svd(X).s[0] ** 2 / n  # Lipschitz constant of grad f: the largest eigenvalue of X^T X / n

    def grad_f(w):
        return -(X.T @ (y - X @ w)) / n  # (d, n) @ (n,) -> (d,)

    def prox(v, step):
        return soft_threshold(v, alpha * step)

    result = proximal_gradient(grad_f, prox, np.zeros(d), 1.0 / L, accelerated=accelerated,
                               tol=tol * norm(c), max_iter=max_iter)
    return result.x
