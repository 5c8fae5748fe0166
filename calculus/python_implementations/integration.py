r"""Numerical integration: Riemann sums, the trapezoid and Simpson rules, Gauss-Legendre, Monte Carlo.

Every rule approximates :math:`\int_a^b f(x)\,dx` by a weighted sum of values of ``f`` at chosen nodes. The
derivations (error orders from Taylor's theorem, the Golub-Welsch eigenproblem behind the Gauss-Legendre nodes,
the standard error of Monte Carlo) are in ``calculus/taylor_series_and_integration/README.md``.

``f`` is **vectorised** throughout: each rule calls it once, on a 1-D array of all its nodes, and ``f`` must return
an array of the same shape with finite entries (``np.exp``, ``lambda x: x**2``; a constant ``c`` is written
``lambda x: np.full_like(x, c)``). A wrong shape or a non-finite value raises ``ValueError``.
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np

from calculus.python_implementations._validation import as_real_scalar, check_callable, check_positive_int
from linear_algebra.python_implementations.eigen import eigh

__all__ = [
    "RIEMANN_RULES",
    "MonteCarloResult",
    "gauss_legendre",
    "legendre_nodes_weights",
    "monte_carlo",
    "riemann_sum",
    "simpson",
    "trapezoid",
]

RIEMANN_RULES = ("left", "right", "midpoint")


class MonteCarloResult(NamedTuple):
    """A Monte Carlo estimate and its standard error; unpacks as ``estimate, standard_error = ...``.

    Attributes
    ----------
    estimate : float
        ``(b - a)`` times the mean of ``f`` at ``n`` uniform points.
    standard_error : float
        Estimated standard deviation of ``estimate``: ``(b - a) * s / sqrt(n)`` with ``s`` the sample standard
        deviation (``ddof=1``) of the ``n`` values of ``f``.
    """

    estimate: float
    standard_error: float


def _check_interval(a, b) -> tuple[float, float]:
    """Return ``a, b`` as floats with ``a < b`` and a finite length ``b - a``."""
    a = as_real_scalar(a, "a")
    b = as_real_scalar(b, "b")
    if not a < b:
        raise ValueError(f"a must be < b (the interval [a, b] must have positive length), got a={a}, b={b}")
    if not math.isfinite(b - a):
        raise ValueError(f"b - a must be finite, got b - a = {b - a} for a={a}, b={b}")
    return a, b


def _values(f, x: np.ndarray) -> np.ndarray:
    """``f(x)`` for the array of nodes ``x``, checked: same shape as ``x``, real and finite."""
    value = f(x)
    if np.iscomplexobj(value):
        raise ValueError(f"f must return real numbers, got complex values of dtype {np.asarray(value).dtype}")
    try:
        y = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"f must return real numbers, got {type(value).__name__}: {exc}") from None
    if y.shape != x.shape:
        raise ValueError(
            f"f must be vectorised: called on an array of shape {x.shape} it must return an array of that shape, "
            f"got shape {y.shape} (for a constant c write lambda x: np.full_like(x, c))"
        )
    bad = ~np.isfinite(y)
    if np.any(bad):
        raise ValueError(f"f returned a non-finite value {y[bad][0]} at x = {x[bad][0]}")
    return y


def riemann_sum(f, a, b, n=100, rule="midpoint") -> float:
    r"""Riemann sum of ``f`` over ``[a, b]`` with ``n`` equal subintervals.

    Parameters
    ----------
    f : callable
        Vectorised: ``f(x)`` for a 1-D array ``x`` returns an array of the same shape, finite.
    a, b : float
        Finite limits with ``a < b``.
    n : int, default 100
        Number of subintervals, each of width ``h = (b - a) / n``.
    rule : {"left", "right", "midpoint"}, default "midpoint"
        Where ``f`` is sampled in each subinterval ``[x_k, x_{k+1}]``: ``x_k``, ``x_{k+1}`` or
        ``(x_k + x_{k+1}) / 2``.

    Returns
    -------
    float
        ``h * sum(f(sample points))``. Error ``O(h)`` for the left and right sums, ``O(h^2)`` for the midpoint sum
        (``(b - a) h^2 f''(xi) / 24``).

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``n`` is not an integer.
    ValueError
        If ``a`` or ``b`` is not finite, ``a >= b``, ``n < 1``, ``rule`` is unknown, or ``f`` returns a wrong
        shape or a non-finite value.

    Notes
    -----
    See the derivation in ``calculus/taylor_series_and_integration/README.md``, section "Error orders from
    Taylor's theorem".

    Examples
    --------
    >>> import numpy as np
    >>> riemann_sum(lambda x: x, 0.0, 1.0, n=4, rule="left")  # h (0 + 1/4 + 1/2 + 3/4)
    0.375
    >>> riemann_sum(lambda x: x, 0.0, 1.0, n=4)  # the midpoint rule is exact for lines
    0.5
    """
    check_callable(f, "f")
    a, b = _check_interval(a, b)
    n = check_positive_int(n, "n")
    if rule not in RIEMANN_RULES:
        raise ValueError(f"rule must be one of {RIEMANN_RULES}, got {rule!r}")
    h = (b - a) / n
    x = np.linspace(a, b, n + 1)  # (n + 1,) grid x_k = a + k h
    if rule == "left":
        s = x[:-1]  # (n,)
    elif rule == "right":
        s = x[1:]  # (n,)
    else:
        s = (x[:-1] + x[1:]) / 2  # (n,) midpoints
    return float(h * np.sum(_values(f, s)))


def trapezoid(f, a, b, n=100) -> float:
    r"""Composite trapezoid rule with ``n`` equal subintervals.

    Parameters
    ----------
    f : callable
        Vectorised: ``f(x)`` for a 1-D array ``x`` returns an array of the same shape, finite.
    a, b : float
        Finite limits with ``a < b``.
    n : int, default 100
        Number of subintervals (``n + 1`` evaluations of ``f``).

    Returns
    -------
    float
        ``h * (f(x_0) / 2 + f(x_1) + ... + f(x_{n-1}) + f(x_n) / 2)`` with ``h = (b - a) / n``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``n`` is not an integer.
    ValueError
        If ``a`` or ``b`` is not finite, ``a >= b``, ``n < 1``, or ``f`` returns a wrong shape or a non-finite
        value.

    Notes
    -----
    Error ``-(b - a) h^2 f''(xi) / 12`` for some ``xi`` in ``[a, b]``: order ``O(h^2)``. For a smooth periodic
    ``f`` integrated over a whole period, and for a rapidly decaying ``f`` on a long interval, the error falls much
    faster (every term of the Euler-Maclaurin expansion vanishes). See the derivation in
    ``calculus/taylor_series_and_integration/README.md``, section "Error orders from Taylor's theorem".

    Examples
    --------
    >>> import numpy as np
    >>> trapezoid(lambda x: 3 * x + 1, 0.0, 2.0, n=1)  # exact for straight lines
    8.0
    >>> round(trapezoid(np.exp, 0.0, 1.0, n=2), 6)  # e - 1 = 1.718282; error about h^2 / 12 (e - 1)
    1.753931
    """
    check_callable(f, "f")
    a, b = _check_interval(a, b)
    n = check_positive_int(n, "n")
    h = (b - a) / n
    x = np.linspace(a, b, n + 1)  # (n + 1,) nodes x_k = a + k h
    y = _values(f, x)  # (n + 1,)
    return float(h * (np.sum(y[1:-1]) + (y[0] + y[-1]) / 2))


def simpson(f, a, b, n=100) -> float:
    r"""Composite Simpson rule with ``n`` (even) equal subintervals.

    Parameters
    ----------
    f : callable
        Vectorised: ``f(x)`` for a 1-D array ``x`` returns an array of the same shape, finite.
    a, b : float
        Finite limits with ``a < b``.
    n : int, default 100
        Number of subintervals; must be even (Simpson fits one parabola to each pair of them).

    Returns
    -------
    float
        ``h / 3 * (f(x_0) + 4 f(x_1) + 2 f(x_2) + 4 f(x_3) + ... + 4 f(x_{n-1}) + f(x_n))``, ``h = (b - a) / n``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``n`` is not an integer.
    ValueError
        If ``n`` is odd or ``< 2``, ``a`` or ``b`` is not finite, ``a >= b``, or ``f`` returns a wrong shape or a
        non-finite value.

    Notes
    -----
    Error ``-(b - a) h^4 f''''(xi) / 180``: order ``O(h^4)``, and exact for cubics. Simpson is also the Richardson
    extrapolation ``(4 T(h) - T(2h)) / 3`` of two trapezoid sums. See the derivation in
    ``calculus/taylor_series_and_integration/README.md``, section "Error orders from Taylor's theorem".

    Examples
    --------
    >>> import numpy as np
    >>> simpson(lambda x: x**3, 0.0, 2.0, n=2)  # exact for cubics: 2^4 / 4
    4.0
    >>> round(simpson(np.exp, 0.0, 1.0, n=2), 6)  # e - 1 = 1.718282
    1.718861
    """
    check_callable(f, "f")
    a, b = _check_interval(a, b)
    n = check_positive_int(n, "n")
    if n % 2 != 0:
        raise ValueError(f"n must be even for Simpson's rule (one parabola per pair of subintervals), got n={n}")
    h = (b - a) / n
    x = np.linspace(a, b, n + 1)  # (n + 1,) nodes x_k = a + k h
    y = _values(f, x)  # (n + 1,)
    # weights 1, 4, 2, 4, ..., 2, 4, 1: odd-indexed nodes are parabola midpoints, even interior ones are shared
    return float(h / 3 * (y[0] + 4 * np.sum(y[1:-1:2]) + 2 * np.sum(y[2:-1:2]) + y[-1]))


@functools.lru_cache(maxsize=64)
def _legendre_rule(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights on [-1, 1] (read-only arrays, cached: the eigenproblem costs O(n^3) per Jacobi sweep)."""
    k = np.arange(1, n)  # (n - 1,)
    beta = k / np.sqrt(4.0 * k * k - 1.0)  # (n - 1,) off-diagonal of the Jacobi matrix; its diagonal is zero
    J = np.diag(beta, 1) + np.diag(beta, -1)  # (n, n) symmetric tridiagonal
    x, V = eigh(J)  # nodes x_i = eigenvalues (ascending); V[:, i] = p(x_i) / ||p(x_i)||
    w = 2.0 * V[0, :] ** 2  # (n,) w_i = 2 v_{1i}^2 (first entries); 2 = integral of 1 over [-1, 1]
    # The exact rule is symmetric: x_i = -x_{n-1-i}, w_i = w_{n-1-i}. Averaging with the mirror makes the computed
    # one symmetric too (the middle node of an odd n becomes exactly 0), so the terms of an odd integrand cancel in
    # exact pairs.
    x = (x - x[::-1]) / 2
    w = (w + w[::-1]) / 2
    x.flags.writeable = False
    w.flags.writeable = False
    return x, w


def legendre_nodes_weights(n) -> tuple[np.ndarray, np.ndarray]:
    r"""Nodes and weights of the ``n``-point Gauss-Legendre rule on ``[-1, 1]``, by the Golub-Welsch eigenproblem.

    Parameters
    ----------
    n : int
        Number of nodes, ``n >= 1``. Suited to ``n`` up to about 100 (see Notes).

    Returns
    -------
    x : ndarray of shape (n,)
        Nodes in ascending order: the zeros of the Legendre polynomial :math:`P_n`, symmetric about 0.
    w : ndarray of shape (n,)
        Positive weights, summing to 2. The rule :math:`\sum_i w_i f(x_i)` integrates every polynomial of degree
        :math:`\le 2n - 1` exactly.

    Raises
    ------
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 1``.

    Notes
    -----
    The nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix with zero diagonal and off-diagonal
    entries :math:`\beta_k = k / \sqrt{4k^2 - 1}`, :math:`k = 1, \dots, n - 1`, and :math:`w_i = 2 v_{1i}^2` where
    :math:`v_{1i}` (``V[0, i]``) is the first entry of the unit eigenvector of :math:`x_i`. The eigenproblem is solved with the
    course's Jacobi ``eigh`` (``linear_algebra.python_implementations.eigen``); the result is then made exactly
    symmetric about 0.

    Accuracy and limit: the eigenvalues are perturbed by at most the backward error of ``eigh``,
    :math:`c\,n u \lVert J \rVert` with :math:`\lVert J \rVert < 1`; nodes and weights agree with
    ``numpy.polynomial.legendre.leggauss`` to within :math:`4 n u` in absolute terms for :math:`n \le 130`
    (tested). The weights next to :math:`\pm 1` are small (about :math:`7 \times 10^{-4}` at :math:`n = 100`), so
    their *relative* error is larger, up to about :math:`10^{-12}` at :math:`n = 100`. Jacobi sweeps in Python cost
    :math:`O(n^3)` each, about half a second at :math:`n = 100`: beyond that, use the Newton-polished or
    asymptotic methods of ``leggauss`` or ``scipy.special.roots_legendre``. Results are cached per ``n``.

    See the derivation in ``calculus/taylor_series_and_integration/README.md``, section "Gauss-Legendre
    quadrature and the Golub-Welsch eigenproblem".

    Examples
    --------
    >>> import numpy as np
    >>> x, w = legendre_nodes_weights(2)  # +-1/sqrt(3), weights 1
    >>> np.round(x * np.sqrt(3), 12), np.round(w, 12)
    (array([-1.,  1.]), array([1., 1.]))
    >>> x, w = legendre_nodes_weights(3)
    >>> np.round(x, 6), np.round(w * 9, 6)  # 0, +-sqrt(3/5); weights 8/9 and 5/9
    (array([-0.774597,  0.      ,  0.774597]), array([5., 8., 5.]))
    """
    n = check_positive_int(n, "n")
    x, w = _legendre_rule(n)
    return x.copy(), w.copy()


def gauss_legendre(f, a, b, n=10) -> float:
    r"""``n``-point Gauss-Legendre quadrature of ``f`` over ``[a, b]``.

    Parameters
    ----------
    f : callable
        Vectorised: ``f(x)`` for a 1-D array ``x`` returns an array of the same shape, finite.
    a, b : float
        Finite limits with ``a < b``.
    n : int, default 10
        Number of nodes (``n`` evaluations of ``f``); see :func:`legendre_nodes_weights` for the range of ``n``.

    Returns
    -------
    float
        ``(b - a) / 2 * sum_i w_i f(x_i)`` with the nodes ``t_i`` of ``[-1, 1]`` mapped to
        ``x_i = (a + b) / 2 + (b - a) / 2 * t_i``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``n`` is not an integer.
    ValueError
        If ``a`` or ``b`` is not finite, ``a >= b``, ``n < 1``, or ``f`` returns a wrong shape or a non-finite
        value.

    Notes
    -----
    Exact for polynomials of degree ``2n - 1``. For ``f`` analytic inside the Bernstein ellipse of parameter
    ``rho > 1`` around ``[a, b]`` (and bounded there by ``M``), the error is at most
    ``(64 / 15) M rho^(-2n) / (rho^2 - 1)`` times ``(b - a) / 2``: it falls geometrically with ``n``. See the
    derivation in ``calculus/taylor_series_and_integration/README.md``, section "Gauss-Legendre quadrature and the
    Golub-Welsch eigenproblem".

    Examples
    --------
    >>> import numpy as np
    >>> round(gauss_legendre(lambda x: x**3 + x**2, 0.0, 1.0, n=2), 12)  # degree 3 = 2n - 1: exact 1/4 + 1/3
    0.583333333333
    >>> round(gauss_legendre(np.exp, 0.0, 1.0, n=2), 6)  # e - 1 = 1.718282
    1.717896
    """
    check_callable(f, "f")
    a, b = _check_interval(a, b)
    n = check_positive_int(n, "n")
    t, w = _legendre_rule(n)  # (n,), (n,) on [-1, 1]
    c, r = (a + b) / 2, (b - a) / 2  # centre and half-length
    x = c + r * t  # (n,) nodes mapped to [a, b]; dx = r dt
    return float(r * np.sum(w * _values(f, x)))


def monte_carlo(f, a, b, n, rng) -> MonteCarloResult:
    r"""Monte Carlo estimate of :math:`\int_a^b f(x)\,dx` from ``n`` uniform samples, with its standard error.

    Parameters
    ----------
    f : callable
        Vectorised: ``f(x)`` for a 1-D array ``x`` returns an array of the same shape, finite.
    a, b : float
        Finite limits with ``a < b``.
    n : int
        Number of samples, ``n >= 2`` (the standard error needs a sample variance).
    rng : None, int or numpy.random.Generator
        Source of the uniform samples, passed to ``numpy.random.default_rng`` (a Generator is used, and advanced,
        as it is).

    Returns
    -------
    MonteCarloResult
        ``(estimate, standard_error)``: ``estimate = (b - a) * mean(f(U_j))`` with ``U_j`` independent uniform on
        ``[a, b]``, and ``standard_error = (b - a) * s / sqrt(n)``, ``s`` the sample standard deviation
        (``ddof=1``) of the ``f(U_j)``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``n`` is not an integer.
    ValueError
        If ``a`` or ``b`` is not finite, ``a >= b``, ``n < 2``, or ``f`` returns a wrong shape or a non-finite
        value.

    Notes
    -----
    The estimate is unbiased, :math:`\mathbb{E}[(b - a) f(U)] = \int_a^b f`, and its standard deviation is
    :math:`(b - a) \sigma_f / \sqrt{n}`: the error falls like :math:`1/\sqrt{n}` whatever the smoothness of ``f``
    (and, for the many-dimensional version, whatever the dimension). By the central limit theorem,
    ``estimate +- 1.96 * standard_error`` covers the integral with probability close to 95 % for large ``n``.
    See the derivation in ``calculus/taylor_series_and_integration/README.md``, section "Monte Carlo integration".

    Examples
    --------
    >>> import numpy as np
    >>> est, se = monte_carlo(np.exp, 0.0, 1.0, n=10_000, rng=0)
    >>> bool(abs(est - (np.e - 1)) < 3 * se), round(se, 3)  # true sd of the estimate: 0.492 / sqrt(n)
    (True, 0.005)
    """
    check_callable(f, "f")
    a, b = _check_interval(a, b)
    n = check_positive_int(n, "n")
    if n < 2:
        raise ValueError(f"n must be >= 2 (the standard error needs a sample variance), got n={n}")
    rng = np.random.default_rng(rng)
    u = rng.uniform(a, b, size=n)  # (n,) U_j ~ Uniform(a, b)
    y = (b - a) * _values(f, u)  # (n,) unbiased single-sample estimates (b - a) f(U_j)
    estimate = float(np.mean(y))
    standard_error = float(np.std(y, ddof=1) / math.sqrt(n))  # two-pass sample sd, divided by sqrt(n)
    return MonteCarloResult(estimate, standard_error)
